using Cabinets.Api.Commands;
using Cabinets.Domain.Deciding;
using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Orders;
using Cabinets.Projections.Fulfillment;
using JasperFx.Events;
using Marten;

namespace Cabinets.Api.Fulfillment.Handlers;

public sealed record CancelOrderCommand(string OrderId, string? Reason, DateTimeOffset Now);

public sealed record PauseOrderCommand(string OrderId, string? Reason, DateTimeOffset Now);

public sealed record ResumeOrderCommand(string OrderId, DateTimeOffset Now);

/// <summary>`revokeDelivery` / `rejectDelivery`.</summary>
public sealed record CloseDeliveryCommand(string DeliveryId, DeliveryCloseReason Reason, DateTimeOffset Now);

public sealed record RepairFailedOrderCommand(string OrderId, IReadOnlyList<BnMapping> Mappings, DateTimeOffset Now);

/// <summary>
/// An operator's change of an order (<see cref="OrderChanges"/>): the order's stream, its deliveries'
/// and the stock streams they touch, loaded for writing and written in one commit. The answer is the order's id.
/// </summary>
internal static class OrderChangeStream
{
    /// <param name="loadStock">Whether the step reads the order's shop freezes and its deliveries' branch stocks.</param>
    /// <param name="moreShopMaterials">Further materials whose shop freeze the step moves (a repaired order's new ones).</param>
    public static async Task<CommandOutcome> DecideAsync(IDocumentSession session, string orderId, bool loadStock,
        Func<ChannelOrderState?, IReadOnlyList<DeliveryState>, StockStreams, Decision<OrderChange>> decide, CancellationToken ct,
        IReadOnlyList<string>? moreShopMaterials = null)
    {
        var found = await session.Query<ChannelOrderSnapshot>().Where(o => o.OrderBn == orderId).FirstOrDefaultAsync(ct);
        var stream = found is null ? null : await session.Events.FetchForWriting<ChannelOrderSnapshot>(found.Id, ct);
        var order = stream?.Aggregate?.State;
        var deliveryStreams = new Dictionary<string, IEventStream<DeliverySnapshot>>(StringComparer.Ordinal);
        foreach (var id in order?.DeliveryIds ?? []) deliveryStreams[id] = await session.Events.FetchForWriting<DeliverySnapshot>(FulfillmentEventNames.Delivery(id), ct);
        var deliveries = deliveryStreams.Values.Select(d => d.Aggregate?.State).OfType<DeliveryState>().ToList();
        var stock = new StockStreams(session);
        if (order is not null && (loadStock || moreShopMaterials is not null))
            await stock.LoadShopAsync(order.ShopCode, [.. order.Items.Select(i => i.BasicMaterialCode), .. moreShopMaterials ?? []], ct);
        if (loadStock)
            foreach (var d in deliveries) await stock.LoadBranchAsync(d.BranchCode, d.Lines.Select(l => l.BasicMaterialCode), ct);
        var decision = decide(order, deliveries, stock);
        if (decision.Error is { } error) return new CommandOutcome.Rejected(error);
        var change = decision.Events.Single();
        stream!.AppendMany(change.OrderEvents.ToArray());
        foreach (var (deliveryId, e) in change.DeliveryEvents) deliveryStreams[deliveryId].AppendOne(e);
        stock.Append(change.StockMoves);
        return new CommandOutcome.Accepted(order!.OrderId, change.OrderEvents.Count + change.DeliveryEvents.Count + change.StockMoves.Count);
    }
}

public static class CancelOrderCommandHandler
{
    public static Task<CommandOutcome> Handle(CancelOrderCommand c, IDocumentSession session, CancellationToken ct) =>
        OrderChangeStream.DecideAsync(session, c.OrderId, loadStock: true, (order, deliveries, stock) => OrderChanges.Cancel(order, deliveries, stock, c.Reason, c.Now), ct);
}

public static class PauseOrderCommandHandler
{
    public static Task<CommandOutcome> Handle(PauseOrderCommand c, IDocumentSession session, CancellationToken ct) =>
        OrderChangeStream.DecideAsync(session, c.OrderId, loadStock: false, (order, deliveries, _) => OrderChanges.Pause(order, deliveries, c.Reason, c.Now), ct);
}

public static class ResumeOrderCommandHandler
{
    public static Task<CommandOutcome> Handle(ResumeOrderCommand c, IDocumentSession session, CancellationToken ct) =>
        OrderChangeStream.DecideAsync(session, c.OrderId, loadStock: false, (order, deliveries, _) => OrderChanges.Resume(order, deliveries, c.Now), ct);
}

public static class RepairFailedOrderCommandHandler
{
    public static async Task<CommandOutcome> Handle(RepairFailedOrderCommand c, IDocumentSession session, CancellationToken ct)
    {
        var materials = (await session.LoadManyAsync<SalesMaterialSnapshot>(ct, c.Mappings.Select(m => FulfillmentEventNames.SalesMaterial(m.SalesMaterialCode)).Distinct().ToArray()))
            .Where(m => m.State is not null).ToDictionary(m => m.State!.Code, m => m.State!, StringComparer.Ordinal);
        // The repaired order freezes materials it did not name before: their shop-freeze streams are loaded for writing.
        var parts = materials.Values.SelectMany(m => m.Components.Select(p => p.BasicMaterialCode)).ToList();
        return await OrderChangeStream.DecideAsync(session, c.OrderId, loadStock: false, (order, _, _) => OrderChanges.Repair(order, c.Mappings, materials, c.Now), ct, parts);
    }
}

/// <summary>Revoke or reject one delivery: the delivery's order is found through it, then decided like the order's other changes.</summary>
public static class CloseDeliveryCommandHandler
{
    public static async Task<CommandOutcome> Handle(CloseDeliveryCommand c, IDocumentSession session, CancellationToken ct)
    {
        var delivery = (await session.LoadAsync<DeliverySnapshot>(FulfillmentEventNames.Delivery(c.DeliveryId), ct))?.State;
        if (delivery is null) return new CommandOutcome.Rejected(new DomainError(Domain.Fulfillment.Catalog.FulfillmentErrors.NotFound, $"no delivery {c.DeliveryId}", "deliveryId"));
        return await OrderChangeStream.DecideAsync(session, delivery.OrderId, loadStock: true,
            (order, deliveries, stock) => OrderChanges.CloseDelivery(order, deliveries.FirstOrDefault(d => d.DeliveryId == c.DeliveryId), c.Reason, stock, c.Now), ct);
    }
}
