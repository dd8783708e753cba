using Cabinets.Api.Commands;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Projections.Lockers.Cabinets;
using Marten;

namespace Cabinets.Api.Lockers.Handlers;

/// <summary>One caller's door report inside a batch, with who sent it and under which ids.</summary>
public sealed record BatchedDoorReport(ReportDoorStatus Command, CommandContext Context, string CausationId);

/// <summary>Door reports of many banks, gathered by <see cref="Ibs.DoorStatusBatcher"/> and decided in one transaction (ADR-0018).</summary>
public sealed record ReportDoorStatusBatch(IReadOnlyList<BatchedDoorReport> Items);

/// <summary>Each report's own outcome, in the order of <see cref="ReportDoorStatusBatch.Items"/>.</summary>
public sealed record ReportDoorStatusBatchOutcome(IReadOnlyList<CommandOutcome> Outcomes);

/// <summary>
/// The hot path of the firmware: every bank of the batch is loaded for writing in one round trip,
/// each report is decided by the same pure <see cref="CabinetDecider"/> as a single report (several
/// reports of one bank fold into its state in order), every event carries its own caller's metadata,
/// and Wolverine's transactional middleware commits the lot in one `SaveChangesAsync`. A conflict
/// fails the whole batch; the batcher then sends each report on its own.
/// </summary>
public static class ReportDoorStatusBatchHandler
{
    public static async Task<ReportDoorStatusBatchOutcome> Handle(ReportDoorStatusBatch batch, IDocumentSession session, CancellationToken ct)
    {
        var query = session.CreateBatchQuery();
        var loads = batch.Items.Select(i => CabinetEventNames.StreamId(i.Command.SerialNumber)).Distinct(StringComparer.Ordinal)
            .ToDictionary(id => id, id => query.Events.FetchForWriting<CabinetSnapshot>(id), StringComparer.Ordinal);
        await query.Execute(ct);

        var states = new Dictionary<string, CabinetState>(StringComparer.Ordinal);
        var outcomes = new List<CommandOutcome>(batch.Items.Count);
        foreach (var item in batch.Items)
        {
            var id = CabinetEventNames.StreamId(item.Command.SerialNumber);
            var stream = await loads[id];
            var state = states.TryGetValue(id, out var folded) ? folded : stream.Aggregate?.State ?? CabinetDecider.Instance.Initial;
            var decision = CabinetDecider.Instance.Decide(item.Command, state);
            if (decision.Error is { } error)
            {
                outcomes.Add(new CommandOutcome.Rejected(error));
                continue;
            }
            if (decision.Messages.Count > 0 || decision.OtherStreams.Count > 0)
                throw new InvalidOperationException("a door report only appends to its own bank's stream");

            foreach (var e in decision.Events)
            {
                stream.AppendOne(StampedEvents.Stamp(e, item.Context, item.CausationId));
                state = CabinetDecider.Instance.Evolve(state, e);
            }
            states[id] = state;
            outcomes.Add(new CommandOutcome.Accepted(decision.Answer, decision.Events.Count));
        }
        return new ReportDoorStatusBatchOutcome(outcomes);
    }
}
