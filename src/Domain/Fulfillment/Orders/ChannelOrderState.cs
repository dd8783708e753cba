namespace Cabinets.Domain.Fulfillment.Orders;

/// <summary>A channel order (§1.4) as its stream `fulfillment-order-{shop}:{tid}` folds it.</summary>
public sealed record ChannelOrderState(string OrderId, string OrderBn, string ShopCode, string Tid, ProcessStatus ProcessStatus, PayStatus PayStatus,
    ShipStatus ShipStatus, OrderLifecycle State, bool IsCod, bool IsFail, IReadOnlyList<string> UnmatchedBns, long TotalFen, long PayedFen,
    IReadOnlyList<OrderObjectLine> Objects, string SealedConsignee, string? Province, string? BuyerUname, string? BuyerMemo, string? TradeMemo, bool IsTax,
    DateTimeOffset ChannelCreatedAt, DateTimeOffset ChannelModifiedAt, string BodySha256, DateTimeOffset CreatedAt, string ConsigneeDigest = "")
{
    public bool Paused { get; init; }

    /// <summary>The channel's payments of the order (`ome.payment.add`).</summary>
    public IReadOnlyList<OrderPayment> Payments { get; init; } = [];

    /// <summary>The channel's refunds of the order (`ome.refund.add`), by id.</summary>
    public IReadOnlyList<string> RefundIds { get; init; } = [];

    /// <summary>The deliveries review made of it.</summary>
    public IReadOnlyList<string> DeliveryIds { get; init; } = [];

    /// <summary>The basic materials the order's objects stand for, summed per material.</summary>
    public IReadOnlyList<Inventory.StockLine> Items => ItemsOf(Objects);

    /// <summary>Shop stock is frozen for an active, unconfirmed, not failed order (§2.9: from entry until it is in a delivery).</summary>
    public bool HoldsShopStock => State == OrderLifecycle.Active && ProcessStatus == ProcessStatus.Unconfirmed && !IsFail && ShipStatus == ShipStatus.NotShipped;

    public static IReadOnlyList<Inventory.StockLine> ItemsOf(IEnumerable<OrderObjectLine> objects) =>
        Inventory.StockMovements.Merge(objects.SelectMany(o => o.Items).Select(i => new Inventory.StockLine(i.BasicMaterialCode, i.Quantity)));

    public static ChannelOrderState? Evolve(ChannelOrderState? state, object e) => e switch
    {
        OrderCreated c => new(c.OrderId, c.OrderBn, c.ShopCode, c.Tid, ProcessStatus.Unconfirmed, c.PayStatus, c.ShipStatus, OrderLifecycle.Active, c.IsCod, false, [],
            c.TotalFen, c.PayedFen, c.Objects, c.SealedConsignee, c.Province, c.BuyerUname, c.BuyerMemo, c.TradeMemo, c.IsTax, c.ChannelCreatedAt, c.ChannelModifiedAt, "", c.At),
        OrderMarkedFailed f when state is not null => state with { IsFail = true, UnmatchedBns = f.UnmatchedBns },
        OrderLinesChanged l when state is not null => state with { Objects = l.Objects },
        OrderConsigneeChanged c when state is not null => state with { SealedConsignee = c.SealedConsignee, Province = c.Province },
        OrderRemarksChanged r when state is not null => state with { BuyerMemo = r.BuyerMemo, TradeMemo = r.TradeMemo },
        OrderPayStatusChanged p when state is not null => state with { PayStatus = p.To, PayedFen = p.PayedFen },
        OrderChannelVersionApplied v when state is not null => state with { ChannelModifiedAt = v.ChannelModifiedAt, BodySha256 = v.BodySha256 },
        ConsigneeDigestRecorded d when state is not null => state with { ConsigneeDigest = d.Digest },
        OrderCancelled when state is not null => state with { ProcessStatus = ProcessStatus.Cancelled, State = OrderLifecycle.Void },
        OrderShipped s when state is not null => state with { ShipStatus = s.ShipStatus },
        OrderFinished when state is not null => state with { State = OrderLifecycle.Finished },
        OrderPaused when state is not null => state with { Paused = true },
        OrderReturnedToUnconfirmed when state is not null => state with { ProcessStatus = ProcessStatus.Unconfirmed },
        OrderPaymentRecorded p when state is not null => state with { Payments = [.. state.Payments, new OrderPayment(p.PaymentId, p.AmountFen, false)] },
        OrderRefundApplied r when state is not null => state with { RefundIds = [.. state.RefundIds, r.RefundId] },
        OrderPaymentFailed f when state is not null => state with { Payments = state.Payments.Select(p => p.PaymentId == f.PaymentId ? p with { Failed = true } : p).ToList() },
        OrderResumed when state is not null => state with { Paused = false },
        FailedOrderRepaired when state is not null => state with { IsFail = false, UnmatchedBns = [] },
        OrderReviewed r when state is not null => state with { ProcessStatus = r.ProcessStatus, DeliveryIds = [.. state.DeliveryIds, r.DeliveryId] },
        _ => state,
    };
}
