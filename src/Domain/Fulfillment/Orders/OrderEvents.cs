namespace Cabinets.Domain.Fulfillment.Orders;

// FULFILLMENT.md §1.4, §2.1, §3: channel orders as intake leaves them. Review, dispatch and
// delivery events come with those steps.

public enum TradeStatus { TradeActive, TradeClosed, TradeFinished }

public enum PayStatus { Unpaid, Paid, Processing, PartiallyPaid, PartiallyRefunded, FullyRefunded, RefundRequested, Refunding }

public enum ShipStatus { NotShipped, Shipped, PartiallyShipped }

public enum ProcessStatus { Unconfirmed, Splitting, Split, Cancelled, RemainderCancelled }

public enum OrderLifecycle { Active, Void, Finished }

public enum IntakeOutcome { Created, Updated, Unchanged, IgnoredStale, IgnoredFinal }

/// <summary>A basic-material line of an order object (§1.4 items).</summary>
public sealed record OrderItemLine(string BasicMaterialCode, int Quantity);

/// <summary>A sales-material line of the order (§1.4 objects); <see cref="Items"/> empty while its `bn` is no sales material (a failed order).</summary>
public sealed record OrderObjectLine(string Oid, string SalesMaterialCode, string? Title, SalesMaterialType Type, int Quantity, long PriceFen, long AmountFen,
    bool IsOversold, IReadOnlyList<OrderItemLine> Items);

/// <summary>Every arrival of a channel order, whatever came of it (the intake's own audit line).</summary>
public sealed record ChannelOrderReceived(string ShopCode, string Tid, DateTimeOffset ChannelModifiedAt, string BodySha256, IntakeOutcome Outcome, DateTimeOffset At);

/// <param name="SealedConsignee">Name, phones and address, encrypted with the consignee's key (ADR-0020): never in clear in an event.</param>
public sealed record OrderCreated(string OrderId, string OrderBn, string ShopCode, string Tid, bool IsCod, PayStatus PayStatus, ShipStatus ShipStatus,
    long TotalFen, long PayedFen, long ShippingFeeFen, long DiscountFen, IReadOnlyList<OrderObjectLine> Objects, string SealedConsignee, string? Province,
    string? BuyerUname, string? BuyerMemo, string? TradeMemo, bool IsTax, DateTimeOffset ChannelCreatedAt, DateTimeOffset ChannelModifiedAt, DateTimeOffset At);

public sealed record OrderMarkedFailed(string OrderId, IReadOnlyList<string> UnmatchedBns, DateTimeOffset At);

public sealed record OrderLinesChanged(string OrderId, IReadOnlyList<OrderObjectLine> Objects, DateTimeOffset At);

public sealed record OrderConsigneeChanged(string OrderId, string SealedConsignee, string? Province, DateTimeOffset At);

public sealed record OrderRemarksChanged(string OrderId, string? BuyerMemo, string? TradeMemo, DateTimeOffset At);

public sealed record OrderPayStatusChanged(string OrderId, PayStatus From, PayStatus To, long PayedFen, DateTimeOffset At);

/// <summary>The keyed hash of the consignee as last received: how a later arrival sees a changed consignee without its clear data.</summary>
public sealed record ConsigneeDigestRecorded(string OrderId, string Digest, DateTimeOffset At);

public sealed record OrderChannelVersionApplied(string OrderId, DateTimeOffset ChannelModifiedAt, string BodySha256, DateTimeOffset At);

public enum CancelledBy { Channel, Operator }

public sealed record OrderCancelled(string OrderId, CancelledBy By, string Reason, DateTimeOffset At);

public sealed record OrderShipped(string OrderId, ShipStatus ShipStatus, DateTimeOffset At);

public sealed record OrderFinished(string OrderId, DateTimeOffset At);
