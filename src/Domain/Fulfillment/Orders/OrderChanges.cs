using Cabinets.Domain.Deciding;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.Inventory;

namespace Cabinets.Domain.Fulfillment.Orders;

public enum DeliveryCloseReason { Cancelled, Revoked, Rejected }

public enum PauseReason { Manual, Refund, RemarkSync }

public sealed record DeliveryClosed(string DeliveryId, DeliveryCloseReason Reason, DateTimeOffset At);

public sealed record DeliveryPaused(string DeliveryId, DateTimeOffset At);

public sealed record DeliveryRenewed(string DeliveryId, DateTimeOffset At);

public sealed record OrderPaused(string OrderId, PauseReason Reason, string? Note, DateTimeOffset At);

public sealed record OrderResumed(string OrderId, DateTimeOffset At);

public sealed record BnMapping(string Bn, string SalesMaterialCode);

/// <summary>A revoked or rejected delivery sends its order back to review (§2.14, decided).</summary>
public sealed record OrderReturnedToUnconfirmed(string OrderId, string DeliveryId, DeliveryCloseReason Cause, DateTimeOffset At);

public sealed record FailedOrderRepaired(string OrderId, IReadOnlyList<BnMapping> Mappings, DateTimeOffset At);

/// <summary>What an operator's change of an order writes: the order's events, each delivery's, the stock moves.</summary>
public sealed record OrderChange(IReadOnlyList<object> OrderEvents, IReadOnlyList<(string DeliveryId, object Event)> DeliveryEvents, IReadOnlyList<StockMove> StockMoves);

/// <summary>
/// An operator's changes of an order (FULFILLMENT.md §2.14, §2.1, L2663), own-WMS branches only:
/// cancelling closes its open deliveries (their branch freeze goes back to the shop) and then releases
/// everything the shop holds for it — refused once a delivery shipped (ALREADY_SHIPPED); pausing pauses
/// its NORMAL deliveries (nothing moves, they cannot be printed, verified or consigned); resuming renews
/// them; repairing a failed order maps its unknown `bn`s to sales materials and freezes its items.
/// Deliveries at a third-party WMS (whose pause and cancel wait for the WMS) are not built yet.
/// </summary>
public static class OrderChanges
{
    public static Decision<OrderChange> Cancel(ChannelOrderState? order, IReadOnlyList<DeliveryState> deliveries, IStockLevels levels, string? reason, DateTimeOffset now)
    {
        if (order is not null && deliveries.Any(d => d.Status == DeliveryStatus.Shipped))
            return Decision<OrderChange>.Reject(DeliveryOperations.AlreadyShipped, $"order {order.OrderId} has shipped a delivery: cancel its remainder instead", "orderId");
        if (Active(order) is { } error) return error;
        var deliveryEvents = new List<(string, object)>();
        var moves = new List<StockMove>();
        var returned = new List<StockLine>();
        foreach (var d in deliveries.Where(d => d.Status is DeliveryStatus.Normal or DeliveryStatus.Paused))
        {
            var lines = d.Lines.Select(l => new StockLine(l.BasicMaterialCode, l.Number)).ToList();
            var closed = StockMovements.DeliveryClosed(levels, order!.ShopCode, d.BranchCode, order.OrderId, d.DeliveryId, lines, BranchReleaseCause.Cancelled, now);
            if (closed.Error is { } stock) return stock;
            deliveryEvents.Add((d.DeliveryId, new DeliveryClosed(d.DeliveryId, DeliveryCloseReason.Cancelled, now)));
            moves.AddRange(closed.Events);
            returned.AddRange(lines);
        }
        var held = StockMovements.Merge([.. order!.HoldsShopStock ? order.Items : [], .. returned]);
        var afterClosing = new AppliedLevels(levels, moves);
        var release = StockMovements.ReleaseForShop(afterClosing, order.ShopCode, order.OrderId, held, ShopReleaseCause.OrderCancelled, now);
        if (release.Error is { } releaseError) return releaseError;
        moves.AddRange(release.Events);
        return Decision<OrderChange>.Accept(new OrderChange([new OrderCancelled(order.OrderId, CancelledBy.Operator, reason?.Trim() is { Length: > 0 } r ? r : "cancelled by an operator", now)],
            deliveryEvents, moves));
    }

    /// <summary>
    /// Revoke 撤销 or reject 打回 one delivery (§2.14, §2.9): it closes, its branch freeze goes back to
    /// the shop, and the order is UNCONFIRMED again, to be reviewed anew. A shipped delivery is refused.
    /// </summary>
    public static Decision<OrderChange> CloseDelivery(ChannelOrderState? order, DeliveryState? delivery, DeliveryCloseReason reason, IStockLevels levels, DateTimeOffset now)
    {
        if (delivery is null) return Decision<OrderChange>.Reject(FulfillmentErrors.NotFound, "no such delivery", "deliveryId");
        if (delivery.Status == DeliveryStatus.Shipped) return Decision<OrderChange>.Reject(DeliveryOperations.AlreadyShipped, $"delivery {delivery.DeliveryBn} is shipped", "deliveryId");
        if (delivery.Status == DeliveryStatus.Cancelled) return Decision<OrderChange>.Reject(DeliveryOperations.Closed, $"delivery {delivery.DeliveryBn} is closed", "deliveryId");
        if (Active(order) is { } error) return error with { Field = "deliveryId" };
        var cause = reason == DeliveryCloseReason.Rejected ? BranchReleaseCause.Rejected : BranchReleaseCause.Revoked;
        var closed = StockMovements.DeliveryClosed(levels, order!.ShopCode, delivery.BranchCode, order.OrderId, delivery.DeliveryId,
            delivery.Lines.Select(l => new StockLine(l.BasicMaterialCode, l.Number)), cause, now);
        if (closed.Error is { } stock) return stock;
        return Decision<OrderChange>.Accept(new OrderChange([new OrderReturnedToUnconfirmed(order.OrderId, delivery.DeliveryId, reason, now)],
            [(delivery.DeliveryId, new DeliveryClosed(delivery.DeliveryId, reason, now))], closed.Events));
    }

    public static Decision<OrderChange> Pause(ChannelOrderState? order, IReadOnlyList<DeliveryState> deliveries, string? note, DateTimeOffset now)
    {
        if (Active(order) is { } error) return error;
        if (order!.Paused) return Decision<OrderChange>.Reject(FulfillmentErrors.InvalidState, $"order {order.OrderId} is paused already", "orderId");
        if (order.ShipStatus != ShipStatus.NotShipped) return Decision<OrderChange>.Reject(DeliveryOperations.AlreadyShipped, $"order {order.OrderId} has shipped", "orderId");
        return Decision<OrderChange>.Accept(new OrderChange([new OrderPaused(order.OrderId, PauseReason.Manual, note, now)],
            deliveries.Where(d => d.Status == DeliveryStatus.Normal).Select(d => (d.DeliveryId, (object)new DeliveryPaused(d.DeliveryId, now))).ToList(), []));
    }

    public static Decision<OrderChange> Resume(ChannelOrderState? order, IReadOnlyList<DeliveryState> deliveries, DateTimeOffset now)
    {
        if (Active(order) is { } error) return error;
        if (!order!.Paused) return Decision<OrderChange>.Reject(FulfillmentErrors.InvalidState, $"order {order.OrderId} is not paused", "orderId");
        return Decision<OrderChange>.Accept(new OrderChange([new OrderResumed(order.OrderId, now)],
            deliveries.Where(d => d.Status == DeliveryStatus.Paused).Select(d => (d.DeliveryId, (object)new DeliveryRenewed(d.DeliveryId, now))).ToList(), []));
    }

    public static Decision<OrderChange> Repair(ChannelOrderState? order, IReadOnlyList<BnMapping> mappings, IReadOnlyDictionary<string, SalesMaterialState> materials, DateTimeOffset now)
    {
        if (Active(order) is { } error) return error;
        if (!order!.IsFail) return Decision<OrderChange>.Reject(FulfillmentErrors.InvalidState, $"order {order.OrderId} is not a failed order", "orderId");
        for (var i = 0; i < mappings.Count; i++)
            if (!materials.ContainsKey(mappings[i].SalesMaterialCode))
                return Decision<OrderChange>.Reject(FulfillmentErrors.NotFound, $"no sales material {mappings[i].SalesMaterialCode}", $"mappings[{i}].salesMaterialCode");
        var map = mappings.GroupBy(m => m.Bn, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().SalesMaterialCode, StringComparer.Ordinal);
        if (order.UnmatchedBns.FirstOrDefault(bn => !map.ContainsKey(bn)) is { } missing)
            return Decision<OrderChange>.Reject(FulfillmentErrors.Validation, $"map every unknown bn: {missing} is not mapped", "mappings");
        var objects = order.Objects.Select(o => o.Items.Count > 0 || !map.TryGetValue(o.SalesMaterialCode, out var code) ? o
            : o with
            {
                SalesMaterialCode = code, Type = materials[code].Type,
                Items = materials[code].Components.Select(p => new OrderItemLine(p.BasicMaterialCode, p.Quantity * o.Quantity)).ToList(),
            }).ToList();
        var freeze = StockMovements.FreezeForShop(order.ShopCode, order.OrderId, ChannelOrderState.ItemsOf(objects), ShopFreezeCause.FailedOrderRepaired, now).Events;
        return Decision<OrderChange>.Accept(new OrderChange([new OrderLinesChanged(order.OrderId, objects, now), new FailedOrderRepaired(order.OrderId, mappings, now)], [], freeze));
    }

    private static DomainError? Active(ChannelOrderState? order) =>
        order is null ? new DomainError(FulfillmentErrors.NotFound, "no such order", "orderId")
        : order.State != OrderLifecycle.Active ? new DomainError(FulfillmentErrors.InvalidState, $"order {order.OrderId} is {order.State}", "orderId")
        : null;

    /// <summary>The levels as they read after some moves of the same step (the step releases what its closed deliveries gave back).</summary>
    private sealed class AppliedLevels(IStockLevels levels, IReadOnlyList<StockMove> moves) : IStockLevels
    {
        public BranchStockState Branch(string branchCode, string basicMaterialCode) =>
            moves.Where(m => m.StreamId == FulfillmentEventNames.BranchStock(branchCode, basicMaterialCode))
                .Aggregate(levels.Branch(branchCode, basicMaterialCode), (s, m) => BranchStockState.Evolve(s, m.Event)!);

        public ShopFreezeState Shop(string shopCode, string basicMaterialCode) =>
            moves.Where(m => m.StreamId == FulfillmentEventNames.ShopFreeze(shopCode, basicMaterialCode))
                .Aggregate(levels.Shop(shopCode, basicMaterialCode), (s, m) => ShopFreezeState.Evolve(s, m.Event)!);
    }
}
