using Cabinets.Api.Commands;
using Cabinets.Domain.Stations.Orders;
using Cabinets.Projections.Stations;
using Marten;
using Wolverine;

namespace Cabinets.Api.Stations.Handlers;

/// <summary>A station order's stream (`station-order-{id}`), decided by <see cref="StationOrderDecider"/>.</summary>
internal static class StationOrderStream
{
    public static Task<CommandOutcome> DecideAsync(StationOrderCommand command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<StationOrderSnapshot, StationOrderCommand, StationOrderState?, IStationOrderEvent>(session, messages,
            StationOrderEventNames.StreamId(command.OrderId), StationOrderDecider.Instance, command, s => s.State, ct);
}

/// <summary>
/// A create looks up the merchant, SKUs and current rates, then either starts the order's stream
/// or, with `force`, merges the lines into the earliest matching waiting order (TAX.md §2.4).
/// </summary>
public static class CreateStationOrderHandler
{
    public static async Task<CommandOutcome> Handle(CreateStationOrder command, IDocumentSession session, IMessageContext messages, CancellationToken ct)
    {
        var context = await StationLookups.OrderContextAsync(session, command.StationId, command.AddressId, command.Lines, ct);
        command = command with { Context = context };
        if (command.Force && await StationLookups.MergeTargetAsync(session, command, ct) is { } target)
        {
            if (StationOrderDecider.ValidateHeader(command.AddressId, command.Uid, command.ReceiveBeginTime, command.ReceiveEndTime,
                    command.TimeConfigId, command.Lines.Count, context) is { } header)
                return new CommandOutcome.Rejected(header);
            return await StationOrderStream.DecideAsync(new EditStationOrder(target, command.StationId, StationOrderEditMode.ForceMerge, command.Lines,
                null, null, null, context, command.Now), session, messages, ct);
        }
        return await StationOrderStream.DecideAsync(command, session, messages, ct);
    }
}

public static class EditStationOrderHandler
{
    /// <summary>The merchant, SKUs and rates are looked up for the order as loaded for writing (one load, not two).</summary>
    public static Task<CommandOutcome> Handle(EditStationOrder command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<StationOrderSnapshot, StationOrderCommand, StationOrderState?, IStationOrderEvent>(session, messages,
            StationOrderEventNames.StreamId(command.OrderId), StationOrderDecider.Instance,
            async state => state is not null && state.StationId == command.StationId
                ? command with { Context = await StationLookups.OrderContextAsync(session, command.StationId, state.AddressId, command.Lines, ct) }
                : command,
            s => s.State, ct);
}

public static class SetStationOrderProgressHandler
{
    public static Task<CommandOutcome> Handle(SetStationOrderProgress command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StationOrderStream.DecideAsync(command, session, messages, ct);
}

public static class UpdateDeliverySheetHandler
{
    public static Task<CommandOutcome> Handle(UpdateDeliverySheet command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StationOrderStream.DecideAsync(command, session, messages, ct);
}

/// <summary>
/// Prints several orders' sheets in one transaction: an order printed for the first time takes the
/// station's next tax number, a reprint keeps its own; an unknown id refuses the whole print.
/// </summary>
public static class PrintDeliverySheetsHandler
{
    public static async Task<CommandOutcome> Handle(PrintDeliverySheets command, IDocumentSession session, CancellationToken ct)
    {
        var sequence = await session.Events.FetchForWriting<StationPrintSequenceSnapshot>(StationOrderEventNames.PrintSequenceStreamId(command.StationId), ct);
        var last = sequence.Aggregate?.LastTaxNumber ?? 0;
        var orders = new List<JasperFx.Events.IEventStream<StationOrderSnapshot>>();
        foreach (var id in command.OrderIds.Distinct(StringComparer.Ordinal))
            orders.Add(await session.Events.FetchForWriting<StationOrderSnapshot>(StationOrderEventNames.StreamId(id), ct));
        var missing = orders.Where(o => o.Aggregate?.State?.StationId != command.StationId).Select(o => o.Key!["station-order-".Length..]).ToList();
        if (missing.Count > 0)
            return new CommandOutcome.Rejected(new Domain.Deciding.DomainError(StationOrderDecider.Errors.NotFound, "not found", "ids") { Details = new { missing_ids = missing } });

        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var events = 0;
        foreach (var order in orders)
        {
            var state = order.Aggregate!.State!;
            var decision = StationOrderDecider.Decide(new PrintDeliverySheet(state.OrderId, command.StationId, command.Type, last + 1, command.Now), state);
            if (decision.Error is { } error) return new CommandOutcome.Rejected(error);
            var number = (int)decision.Answer!;
            if (number > last) last = number;
            numbers[state.OrderId] = number;
            order.AppendMany(decision.Events.Cast<object>().ToArray());
            events += decision.Events.Count;
        }
        if (last > (sequence.Aggregate?.LastTaxNumber ?? 0)) sequence.AppendOne(new StationPrintSequenceAdvanced(command.StationId, last, command.Now));
        return new CommandOutcome.Accepted(numbers, events);
    }
}
