namespace Cabinets.Domain.Vending;

/// <summary>
/// A call to an outside system (vendor, WeChat Pay, ERP) that has an effect, sent through the
/// outbox in the same transaction as the events that caused it (VENDING.md §2.1). Transport
/// failures are retried 15 s, 30 s and 60 s after the previous one with the same body and
/// <see cref="IdempotencyKey"/>; after the 4th failure the message's own failure rule applies:
/// the command <see cref="GaveUp"/> returns (handled like any command) and, when
/// <see cref="TaskKind"/> is set, a manual task an admin sees, retries or resolves.
/// </summary>
public interface IVendingOutbound
{
    string IdempotencyKey { get; }

    /// <summary>The manual task opened when retries are exhausted; null when the failure rule is only <see cref="GaveUp"/>.</summary>
    ManualTaskKind? TaskKind { get; }

    /// <summary>What the task is about, for its list: an order, a device, a summary id…</summary>
    string Subject { get; }

    string? OrderNo => null;
    string? DeviceCode => null;
    string? StoreCode => null;

    /// <summary>False when a later attempt makes no sense (an open-door command expires).</summary>
    bool Retryable => true;

    /// <summary>The command that applies this message's failure rule after the last transport failure, or null.</summary>
    object? GaveUp(string lastError, DateTimeOffset at) => null;
}

// ── vendor ──
public sealed record VendorOpenDoor(string CommandId, string SessionNo, string DeviceCode, string StoreCode, VendingPaymentType PaymentType,
    string UserId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt) : IVendingOutbound
{
    public string IdempotencyKey => CommandId;
    public ManualTaskKind? TaskKind => ManualTaskKind.VendorOpenDoor;
    public string Subject => SessionNo;
    string? IVendingOutbound.DeviceCode => DeviceCode;
    string? IVendingOutbound.StoreCode => StoreCode;
    public bool Retryable => false;
    public object? GaveUp(string lastError, DateTimeOffset at) => new RecordDoorOpenFailure(SessionNo, CommandId, DoorOpenFailureKind.Unreachable, lastError, at);
}

public sealed record VendorBindDevice(string RequestId, string DeviceCode, string StoreCode, string StoreName, string StoreAddress) : IVendingOutbound
{
    public string IdempotencyKey => RequestId;
    public ManualTaskKind? TaskKind => ManualTaskKind.VendorBindDevice;
    public string Subject => DeviceCode;
    string? IVendingOutbound.DeviceCode => DeviceCode;
    string? IVendingOutbound.StoreCode => StoreCode;
    public object? GaveUp(string lastError, DateTimeOffset at) => new RecordDeviceBindFailure(DeviceCode, RequestId, "UNREACHABLE", lastError, at);
}

public sealed record VendorUnbindDevice(string RequestId, string DeviceCode) : IVendingOutbound
{
    public string IdempotencyKey => RequestId;
    public ManualTaskKind? TaskKind => ManualTaskKind.VendorUnbindDevice;
    public string Subject => DeviceCode;
    string? IVendingOutbound.DeviceCode => DeviceCode;
}

// ── ERP ──
public sealed record ErpPullProducts(string SyncId, DateTimeOffset UpdatedSince) : IVendingOutbound
{
    public string IdempotencyKey => SyncId;
    public ManualTaskKind? TaskKind => ManualTaskKind.ErpProductPull;
    public string Subject => SyncId;
}

public sealed record ErpPushSalesSummary(string SummaryId, string StoreCode, DateOnly BusinessDate) : IVendingOutbound
{
    public string IdempotencyKey => SummaryId;
    public ManualTaskKind? TaskKind => ManualTaskKind.ErpSalesPush;
    public string Subject => SummaryId;
    string? IVendingOutbound.StoreCode => StoreCode;
}

// ── WeChat pay-score and refunds ──
/// <summary>A pay-score service order for a session (at scan) or an order (补扣, pay-again, re-authorization above the risk fund).</summary>
public sealed record PayScoreCreateOrder(string PaymentNo, string? SessionNo, string? OrderNo, string UserId, string StoreName, long RiskFundAmount, DateTimeOffset StartTime) : IVendingOutbound
{
    public string IdempotencyKey => PaymentNo;
    public ManualTaskKind? TaskKind => null;
    public string Subject => PaymentNo;
    string? IVendingOutbound.OrderNo => OrderNo;
    public object? GaveUp(string lastError, DateTimeOffset at) => new RecordPayScoreOrderRejection(PaymentNo, SessionNo, OrderNo, "UNREACHABLE", lastError, at);
}

public sealed record PayScoreCompleteOrder(string OrderNo, string PaymentNo, IReadOnlyList<OrderItem> Lines, long TotalAmount, DateTimeOffset EndTime) : IVendingOutbound
{
    public string IdempotencyKey => PaymentNo + ":complete";
    public ManualTaskKind? TaskKind => null;
    public string Subject => OrderNo;
    string? IVendingOutbound.OrderNo => OrderNo;
    public object? GaveUp(string lastError, DateTimeOffset at) => new RecordPaymentFailure(OrderNo, PaymentNo, PaymentFailureReason.WechatUnreachable, lastError, at);
}

public sealed record PayScoreModifyOrder(string OrderNo, string PaymentNo, IReadOnlyList<OrderItem> Lines, long TotalAmount, string CorrectionId) : IVendingOutbound
{
    public string IdempotencyKey => PaymentNo + ":modify:" + CorrectionId;
    public ManualTaskKind? TaskKind => ManualTaskKind.WechatModifyOrder;
    public string Subject => OrderNo;
    string? IVendingOutbound.OrderNo => OrderNo;
}

public sealed record PayScoreCancelOrder(string PaymentNo, string? OrderNo, string Reason) : IVendingOutbound
{
    public string IdempotencyKey => PaymentNo + ":cancel";
    public ManualTaskKind? TaskKind => ManualTaskKind.WechatCancelOrder;
    public string Subject => PaymentNo;
    string? IVendingOutbound.OrderNo => OrderNo;
}

/// <summary>Scheduled 15 minutes after the complete; a no-op once the payment settled.</summary>
public sealed record PayScoreQueryOrder(string OrderNo, string PaymentNo) : IVendingOutbound
{
    public string IdempotencyKey => PaymentNo + ":query";
    public ManualTaskKind? TaskKind => null;
    public string Subject => OrderNo;
    string? IVendingOutbound.OrderNo => OrderNo;
    public object? GaveUp(string lastError, DateTimeOffset at) => new RecordPaymentFailure(OrderNo, PaymentNo, PaymentFailureReason.WechatDeductionPending, lastError, at);
}

public sealed record WeChatRefund(string OrderNo, string RefundNo, string PaymentNo, string TransactionId, long Refund, long Total) : IVendingOutbound
{
    public string IdempotencyKey => RefundNo;
    public ManualTaskKind? TaskKind => ManualTaskKind.WechatRefund;
    public string Subject => RefundNo;
    string? IVendingOutbound.OrderNo => OrderNo;
    public object? GaveUp(string lastError, DateTimeOffset at) => new RecordRefundFailure(OrderNo, RefundNo, "UNREACHABLE", lastError, at);
}

// ── the failure rules' commands (handled in src/Api/Vending/Handlers) ──
public sealed record RecordDoorOpenFailure(string SessionNo, string CommandId, DoorOpenFailureKind Kind, string Code, DateTimeOffset Now);
public sealed record RecordDeviceBindFailure(string DeviceCode, string RequestId, string Code, string Message, DateTimeOffset Now);
public sealed record RecordPayScoreOrderRejection(string PaymentNo, string? SessionNo, string? OrderNo, string Code, string Message, DateTimeOffset Now);
public sealed record RecordPaymentFailure(string OrderNo, string PaymentNo, PaymentFailureReason Reason, string? Detail, DateTimeOffset Now);
public sealed record RecordRefundFailure(string OrderNo, string RefundNo, string Code, string Message, DateTimeOffset Now);
