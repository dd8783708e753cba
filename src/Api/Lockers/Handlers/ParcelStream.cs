using Cabinets.Api.Commands;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Domain.Lockers.Parcels;
using Cabinets.Projections.Lockers.Cabinets;
using Cabinets.Projections.Lockers.Parcels;
using Marten;
using Wolverine;

namespace Cabinets.Api.Lockers.Handlers;

/// <summary>
/// A parcel's stream (`parcel-{record}`) and its bank's stream, both loaded for writing (their
/// versions become the expected versions) and decided together by <see cref="ParcelDecider"/>: a
/// deposit occupies the door on the bank and stores the parcel in one transaction, and a concurrent
/// door report or deposit at the same bank makes the commit conflict and the retry policy decide again.
/// </summary>
internal static class ParcelStream
{
    public static Task<CommandOutcome> DecideAsync(ParcelCommand command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        DecideAsync(command.RecordNumber, (_, _) => Task.FromResult<ParcelCommand?>(command), session, messages, ct);

    /// <summary>The same for a command built from the loaded states (e.g. a reminder's text needs the bank's site); null decides nothing.</summary>
    public static async Task<CommandOutcome> DecideAsync(
        string recordNumber, Func<ParcelState, CabinetState, Task<ParcelCommand?>> commandFor, IDocumentSession session, IMessageContext messages, CancellationToken ct)
    {
        var parcelStream = await session.Events.FetchForWriting<ParcelSnapshot>(ParcelEventNames.StreamId(recordNumber), ct);
        var parcel = parcelStream.Aggregate?.State() ?? ParcelState.Initial;
        var bankStreamId = CabinetEventNames.StreamId(parcel.SerialNumber);
        var bankStream = parcel.Status is null ? null : await session.Events.FetchForWriting<CabinetSnapshot>(bankStreamId, ct);
        var bank = bankStream?.Aggregate?.State ?? CabinetState.Initial;

        if (await commandFor(parcel, bank) is not { } command) return new CommandOutcome.Accepted(null, 0);
        var decision = ParcelDecider.Decide(command, parcel, bank);
        if (decision.Error is { } error) return new CommandOutcome.Rejected(error);

        if (decision.Events.Count > 0) parcelStream.AppendMany(decision.Events.Cast<object>().ToArray());
        foreach (var other in decision.OtherStreams)
        {
            if (other.StreamId != bankStreamId || bankStream is null)
                throw new InvalidOperationException($"a parcel decision may only append to its own bank's stream, not {other.StreamId}");
            bankStream.AppendMany(other.Events.ToArray());
        }
        foreach (var message in decision.Messages) await StreamDecisions.SendAsync(messages, message);
        return new CommandOutcome.Accepted(decision.Answer, decision.Events.Count + decision.OtherStreams.Sum(o => o.Events.Count));
    }
}
