using Cabinets.Api.Commands;
using Cabinets.Domain.Deciding;
using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.Orders;
using Cabinets.Projections.Fulfillment;
using Marten;

namespace Cabinets.Api.Fulfillment.Handlers;

public sealed record SetLogisticsNoCommand(string DeliveryId, string LogisticsNo, DateTimeOffset Now);

/// <summary>`printDeliveries`: every named delivery or none (the first refusal names its index); the answer is the batch number.</summary>
public sealed record PrintDeliveriesCommand(IReadOnlyList<string> DeliveryIds, PrintDocuments Documents, string OperatorId, DateTimeOffset Now);

public sealed record VerifyDeliveryItemCommand(string LogisticsNo, string Barcode, DateTimeOffset Now);

public sealed record VerifyDeliveryWholeCommand(string LogisticsNo, DateTimeOffset Now);

public sealed record ConsignDeliveryCommand(string LogisticsNo, int? WeightGrams, DateTimeOffset Now);

/// <summary>The documents a delivery must have printed before it is PRINTED (§2.11, 发货配置; default all three, decided).</summary>
internal static class DeliverySettings
{
    public const PrintDocuments Required = PrintDocuments.All;
}

/// <summary>A delivery's stream loaded for writing, by id or by express number.</summary>
internal static class DeliveryStream
{
    public static async Task<(JasperFx.Events.IEventStream<DeliverySnapshot>? Stream, DeliveryState? State)> ByLogisticsNoAsync(IDocumentSession session, string logisticsNo, CancellationToken ct)
    {
        var found = await session.Query<DeliverySnapshot>().Where(d => d.LogisticsNo == logisticsNo).FirstOrDefaultAsync(ct);
        if (found is null) return (null, null);
        var stream = await session.Events.FetchForWriting<DeliverySnapshot>(found.Id, ct);
        return (stream, stream.Aggregate?.State);
    }

    public static CommandOutcome Commit(JasperFx.Events.IEventStream<DeliverySnapshot>? stream, Decision<object> decision, object? answer)
    {
        if (decision.Error is { } error) return new CommandOutcome.Rejected(error);
        if (decision.Events.Count > 0) stream!.AppendMany(decision.Events.ToArray());
        return new CommandOutcome.Accepted(answer, decision.Events.Count);
    }
}

public static class SetLogisticsNoCommandHandler
{
    public static async Task<CommandOutcome> Handle(SetLogisticsNoCommand c, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<DeliverySnapshot>(FulfillmentEventNames.Delivery(c.DeliveryId), ct);
        var streamKey = FulfillmentEventNames.Delivery(c.DeliveryId);
        var inUse = await session.Query<DeliverySnapshot>().AnyAsync(d => d.LogisticsNo == c.LogisticsNo && d.Id != streamKey, ct);
        return DeliveryStream.Commit(stream, DeliveryOperations.AssignLogisticsNo(stream.Aggregate?.State, c.DeliveryId, c.LogisticsNo, inUse, c.Now), c.DeliveryId);
    }
}

public static class PrintDeliveriesCommandHandler
{
    public static async Task<CommandOutcome> Handle(PrintDeliveriesCommand c, IDocumentSession session, FulfillmentNumbers numbers, CancellationToken ct)
    {
        if (c.DeliveryIds.Count is 0 or > 200) return new CommandOutcome.Rejected(new DomainError(FulfillmentErrors.Validation, "1 to 200 deliveries", "deliveryIds"));
        var batch = await numbers.PrintBatchAsync(c.OperatorId, ct);
        for (var i = 0; i < c.DeliveryIds.Count; i++)
        {
            var stream = await session.Events.FetchForWriting<DeliverySnapshot>(FulfillmentEventNames.Delivery(c.DeliveryIds[i]), ct);
            var decision = DeliveryOperations.Print(stream.Aggregate?.State, c.DeliveryIds[i], c.Documents, DeliverySettings.Required, $"{batch}_{i + 1:00}", c.OperatorId, c.Now);
            if (decision.Error is { } error) return new CommandOutcome.Rejected(error with { Field = $"deliveryIds[{i}]" }); // nothing of the batch is written
            stream.AppendMany(decision.Events.ToArray());
        }
        return new CommandOutcome.Accepted(batch, c.DeliveryIds.Count);
    }
}

public static class VerifyDeliveryItemCommandHandler
{
    public static async Task<CommandOutcome> Handle(VerifyDeliveryItemCommand c, IDocumentSession session, CancellationToken ct)
    {
        var (stream, state) = await DeliveryStream.ByLogisticsNoAsync(session, c.LogisticsNo, ct);
        return DeliveryStream.Commit(stream, DeliveryOperations.VerifyItem(state, c.LogisticsNo, c.Barcode, c.Now), state?.DeliveryId);
    }
}

public static class VerifyDeliveryWholeCommandHandler
{
    public static async Task<CommandOutcome> Handle(VerifyDeliveryWholeCommand c, IDocumentSession session, CancellationToken ct)
    {
        var (stream, state) = await DeliveryStream.ByLogisticsNoAsync(session, c.LogisticsNo, ct);
        return DeliveryStream.Commit(stream, DeliveryOperations.VerifyWhole(state, c.LogisticsNo, c.Now), state?.DeliveryId);
    }
}

/// <summary>Consignment (§2.13): the delivery's, its order's and its branch's stock streams in one commit.</summary>
public static class ConsignDeliveryCommandHandler
{
    public static async Task<CommandOutcome> Handle(ConsignDeliveryCommand c, IDocumentSession session, CancellationToken ct)
    {
        var (stream, delivery) = await DeliveryStream.ByLogisticsNoAsync(session, c.LogisticsNo, ct);
        var order = delivery is null ? null : await session.Events.FetchForWriting<ChannelOrderSnapshot>(FulfillmentEventNames.Order(delivery.ShopCode, delivery.Tid), ct);
        var stock = new StockStreams(session);
        if (delivery is not null) await stock.LoadBranchAsync(delivery.BranchCode, delivery.Lines.Select(l => l.BasicMaterialCode), ct);
        var decision = DeliveryOperations.Consign(delivery, order?.Aggregate?.State, c.LogisticsNo, c.WeightGrams, stock, c.Now);
        if (decision.Error is { } error) return new CommandOutcome.Rejected(error);
        var change = decision.Events.Single();
        stream!.AppendMany(change.DeliveryEvents.ToArray());
        order!.AppendMany(change.OrderEvents.ToArray());
        stock.Append(change.StockMoves);
        return new CommandOutcome.Accepted(delivery!.DeliveryId, change.DeliveryEvents.Count + change.OrderEvents.Count + change.StockMoves.Count);
    }
}
