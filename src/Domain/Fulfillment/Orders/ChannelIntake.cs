using Cabinets.Domain.Deciding;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.Inventory;

namespace Cabinets.Domain.Fulfillment.Orders;

/// <summary>One line of `ome.order.add` (§4a `orders[]`), validated by the Api.</summary>
public sealed record ChannelLine(string Oid, string Bn, int Quantity, string? Title, bool IsGift, long PriceFen, long AmountFen, bool IsOversold);

/// <summary>
/// An `ome.order.add` body as the Api read and validated it. The consignee is already sealed with the
/// consignee's key; <paramref name="ConsigneeDigest"/> is its keyed hash, so a change is seen without the clear data.
/// </summary>
public sealed record ChannelOrderInput(string Tid, TradeStatus Status, PayStatus PayStatus, ShipStatus ShipStatus, bool IsCod, DateTimeOffset Created,
    DateTimeOffset Modified, long TotalFen, long PayedFen, long ShippingFeeFen, long DiscountFen, IReadOnlyList<ChannelLine> Lines, string SealedConsignee,
    string ConsigneeDigest, string? Province, string? BuyerUname, string? BuyerMemo, string? TradeMemo, bool IsTax)
{
    /// <summary>What a log line may show (a failed invocation logs its message): no buyer, remark or consignee data.</summary>
    public override string ToString() => $"ChannelOrderInput {{ Tid = {Tid}, Status = {Status}, Modified = {Modified:O}, Lines = {Lines.Count} }}";
}

/// <param name="SalesMaterials">The sales materials the lines name that exist, by code.</param>
/// <param name="NewOrderId">The id and number a new order takes (unused when the order exists).</param>
/// <param name="Deliveries">The order's deliveries (a reviewed order's remark sync pauses them).</param>
/// <param name="PauseOnRemarkSync">同步订单备注是否暂停订单 (L3358, default yes; the settings are not built yet).</param>
public sealed record ReceiveChannelOrder(string ShopCode, ChannelOrderInput Order, string BodySha256, string NewOrderId, string NewOrderBn,
    IReadOnlyDictionary<string, SalesMaterialState> SalesMaterials, DateTimeOffset Now)
{
    public IReadOnlyList<DeliveryState> Deliveries { get; init; } = [];

    public bool PauseOnRemarkSync { get; init; } = true;
}

/// <summary>What intake answers the channel (§4a): created, or updated / unchanged / ignored (stale, final).</summary>
public sealed record IntakeAnswer(string OrderId, string OrderBn, string Tid, IntakeOutcome Outcome);

/// <summary>The order's events and the shop-freeze moves of one arrival.</summary>
public sealed record IntakeChange(IReadOnlyList<object> OrderEvents, IReadOnlyList<StockMove> StockMoves, IntakeAnswer Answer)
{
    /// <summary>Events for the order's deliveries (a remark sync pauses them).</summary>
    public IReadOnlyList<(string DeliveryId, object Event)> DeliveryEvents { get; init; } = [];
}

/// <summary>
/// `ome.order.add` (FULFILLMENT.md §2.1), keyed by (shop, tid). A first arrival creates the order and
/// freezes shop stock for its items (§2.9); already closed → cancelled, already shipped or finished →
/// recorded so, a line whose `bn` is no sales material → a failed order: none of them freezes. A later
/// arrival is ordered by `modified`: older → ignored (stale); the same `modified` and body →
/// unchanged; otherwise an unconfirmed order takes the new lines (shop freeze moves by the delta),
/// consignee, remarks and pay fields, and TRADE_CLOSED cancels it and releases its freeze; a shipped,
/// finished or cancelled order takes only remarks and pay fields (§2.1's table). A reviewed order
/// (SPLIT) takes remarks and pay fields, and a new seller's remark pauses it with its deliveries
/// (`PauseOnRemarkSync`); the rest of the table's middle row (line and consignee changes kept
/// pending, the order abnormal) is not built yet.
/// </summary>
public static class ChannelIntake
{
    public static Decision<IntakeChange> Receive(ReceiveChannelOrder c, ChannelOrderState? state, IStockLevels levels) =>
        state is null ? First(c) : Later(c, state, levels);

    private static Decision<IntakeChange> First(ReceiveChannelOrder c)
    {
        var o = c.Order;
        var (objects, unmatched) = Objects(o.Lines, c.SalesMaterials);
        var events = new List<object>
        {
            new ChannelOrderReceived(c.ShopCode, o.Tid, o.Modified, c.BodySha256, IntakeOutcome.Created, c.Now),
            new OrderCreated(c.NewOrderId, c.NewOrderBn, c.ShopCode, o.Tid, o.IsCod, o.PayStatus, o.ShipStatus, o.TotalFen, o.PayedFen, o.ShippingFeeFen, o.DiscountFen,
                objects, o.SealedConsignee, o.Province, o.BuyerUname, o.BuyerMemo, o.TradeMemo, o.IsTax, o.Created, o.Modified, c.Now),
            new OrderChannelVersionApplied(c.NewOrderId, o.Modified, c.BodySha256, c.Now),
            new ConsigneeDigestRecorded(c.NewOrderId, o.ConsigneeDigest, c.Now),
        };
        IReadOnlyList<StockMove> moves = [];
        if (o.Status == TradeStatus.TradeClosed) events.Add(new OrderCancelled(c.NewOrderId, CancelledBy.Channel, "TRADE_CLOSED at first arrival", c.Now));
        else if (o.ShipStatus == ShipStatus.Shipped || o.Status == TradeStatus.TradeFinished)
        {
            events.Add(new OrderShipped(c.NewOrderId, ShipStatus.Shipped, c.Now));
            if (!o.IsCod || o.PayStatus == PayStatus.Paid) events.Add(new OrderFinished(c.NewOrderId, c.Now));
        }
        else if (unmatched.Count > 0) events.Add(new OrderMarkedFailed(c.NewOrderId, unmatched, c.Now));
        else moves = StockMovements.FreezeForShop(c.ShopCode, c.NewOrderId, ChannelOrderState.ItemsOf(objects), ShopFreezeCause.OrderCreated, c.Now).Events;
        return Decision<IntakeChange>.Accept(new IntakeChange(events, moves, new IntakeAnswer(c.NewOrderId, c.NewOrderBn, o.Tid, IntakeOutcome.Created)));
    }

    private static Decision<IntakeChange> Later(ReceiveChannelOrder c, ChannelOrderState s, IStockLevels levels)
    {
        var o = c.Order;
        IntakeChange Only(IntakeOutcome outcome) => new([new ChannelOrderReceived(c.ShopCode, o.Tid, o.Modified, c.BodySha256, outcome, c.Now)], [],
            new IntakeAnswer(s.OrderId, s.OrderBn, o.Tid, outcome));
        if (o.Modified < s.ChannelModifiedAt) return Decision<IntakeChange>.Accept(Only(IntakeOutcome.IgnoredStale));
        if (o.Modified == s.ChannelModifiedAt && c.BodySha256 == s.BodySha256) return Decision<IntakeChange>.Accept(Only(IntakeOutcome.Unchanged));

        var events = new List<object>();
        var moves = new List<StockMove>();
        // Remarks and pay fields are taken at every stage.
        if (o.BuyerMemo != s.BuyerMemo || o.TradeMemo != s.TradeMemo) events.Add(new OrderRemarksChanged(s.OrderId, o.BuyerMemo, o.TradeMemo, c.Now));
        if (o.PayStatus != s.PayStatus || o.PayedFen != s.PayedFen) events.Add(new OrderPayStatusChanged(s.OrderId, s.PayStatus, o.PayStatus, o.PayedFen, c.Now));

        // A reviewed, unshipped order given a new seller's remark is paused with its deliveries (L3358: 暂停操作只适用于已审核的订单).
        var deliveryEvents = new List<(string, object)>();
        var reviewed = s.State == OrderLifecycle.Active && s.ProcessStatus is ProcessStatus.Splitting or ProcessStatus.Split && s.ShipStatus == ShipStatus.NotShipped;
        if (reviewed && c.PauseOnRemarkSync && !s.Paused && o.TradeMemo is not null && o.TradeMemo != s.TradeMemo)
        {
            events.Add(new OrderPaused(s.OrderId, PauseReason.RemarkSync, o.TradeMemo, c.Now));
            deliveryEvents.AddRange(c.Deliveries.Where(d => d.Status == DeliveryStatus.Normal).Select(d => (d.DeliveryId, (object)new DeliveryPaused(d.DeliveryId, c.Now))));
        }

        var open = s.State == OrderLifecycle.Active && s.ProcessStatus == ProcessStatus.Unconfirmed && s.ShipStatus == ShipStatus.NotShipped;
        if (open)
        {
            var (objects, unmatched) = Objects(o.Lines, c.SalesMaterials);
            var before = s.HoldsShopStock ? s.Items : [];
            IReadOnlyList<StockLine> after;
            if (o.Status == TradeStatus.TradeClosed)
            {
                events.Add(new OrderCancelled(s.OrderId, CancelledBy.Channel, "TRADE_CLOSED", c.Now));
                after = [];
            }
            else
            {
                if (!SameLines(objects, s.Objects)) events.Add(new OrderLinesChanged(s.OrderId, objects, c.Now));
                if (unmatched.Count > 0 && !s.IsFail) events.Add(new OrderMarkedFailed(s.OrderId, unmatched, c.Now));
                after = unmatched.Count > 0 || s.IsFail ? [] : ChannelOrderState.ItemsOf(objects);
            }
            if (o.ConsigneeDigest != s.ConsigneeDigest)
            {
                events.Add(new OrderConsigneeChanged(s.OrderId, o.SealedConsignee, o.Province, c.Now));
                events.Add(new ConsigneeDigestRecorded(s.OrderId, o.ConsigneeDigest, c.Now));
            }
            var delta = Delta(before, after);
            moves.AddRange(StockMovements.FreezeForShop(s.ShopCode, s.OrderId, delta.Where(d => d.Quantity > 0), ShopFreezeCause.OrderEdited, c.Now).Events);
            var release = StockMovements.ReleaseForShop(levels, s.ShopCode, s.OrderId, delta.Where(d => d.Quantity < 0).Select(d => d with { Quantity = -d.Quantity }),
                o.Status == TradeStatus.TradeClosed ? ShopReleaseCause.OrderCancelled : ShopReleaseCause.OrderEdited, c.Now);
            if (release.Error is { } error) return error;
            moves.AddRange(release.Events);
        }

        var outcome = events.Count > 0 ? IntakeOutcome.Updated : open ? IntakeOutcome.Unchanged : IntakeOutcome.IgnoredFinal;
        events.Insert(0, new ChannelOrderReceived(c.ShopCode, o.Tid, o.Modified, c.BodySha256, outcome, c.Now));
        events.Add(new OrderChannelVersionApplied(s.OrderId, o.Modified, c.BodySha256, c.Now));
        return Decision<IntakeChange>.Accept(new IntakeChange(events, moves, new IntakeAnswer(s.OrderId, s.OrderBn, o.Tid, outcome)) { DeliveryEvents = deliveryEvents });
    }

    /// <summary>The order's objects: each line with its sales material's components × quantity; unknown `bn`s are kept without items and named.</summary>
    public static (IReadOnlyList<OrderObjectLine> Objects, IReadOnlyList<string> Unmatched) Objects(IReadOnlyList<ChannelLine> lines,
        IReadOnlyDictionary<string, SalesMaterialState> materials)
    {
        var objects = lines.Select(l => materials.TryGetValue(l.Bn, out var m)
            ? new OrderObjectLine(l.Oid, l.Bn, l.Title ?? m.Name, m.Type, l.Quantity, l.PriceFen, l.AmountFen, l.IsOversold,
                m.Components.Select(p => new OrderItemLine(p.BasicMaterialCode, p.Quantity * l.Quantity)).ToList())
            : new OrderObjectLine(l.Oid, l.Bn, l.Title, l.IsGift ? SalesMaterialType.Gift : SalesMaterialType.Normal, l.Quantity, l.PriceFen, l.AmountFen, l.IsOversold, [])).ToList();
        return (objects, lines.Where(l => !materials.ContainsKey(l.Bn)).Select(l => l.Bn).Distinct(StringComparer.Ordinal).ToList());
    }

    private static IReadOnlyList<StockLine> Delta(IReadOnlyList<StockLine> before, IReadOnlyList<StockLine> after) =>
        StockMovements.Merge(after.Concat(before.Select(b => b with { Quantity = -b.Quantity })));

    private static bool SameLines(IReadOnlyList<OrderObjectLine> a, IReadOnlyList<OrderObjectLine> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First with { Items = [] } == p.Second with { Items = [] } && p.First.Items.SequenceEqual(p.Second.Items));
}
