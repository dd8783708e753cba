namespace Cabinets.Domain.Vending;

// The events of the vending module (VENDING.md §3), grouped by the stream they are appended to.
// Money is Long fen, tickets Long counts (5 tickets per fen); times UTC. `Phone` and `OpenId`
// hold values sealed with the person's key (ADR-0025 scheme), never clear text.

public enum StoreType { Kids, Arcade, Sports }
public enum StoreProperty { Direct, Franchise }
public enum DeviceOnlineStatus { Offline, Online }
public enum DeviceBindStatus { Binding, Bound, BindFailed, Unbinding, Unbound }
public enum ProductStatus { Enabled, Disabled }
public enum VendingPaymentType { Wechat, Tickets }
public enum VendingOrderType { Normal, Corrected, Supplementary }
public enum VendingPaymentStatus { AwaitingReview, Paying, Paid, Failed, Voided, NotRequired }
public enum PaymentFailureReason { InsufficientTickets, PayscoreNotAuthorized, WechatRejected, WechatUnreachable, WechatDeductionPending }
public enum ExceptionKind { AmountOverLimit, VendorReported, InvalidPush }
public enum ReviewStatus { Pending, Approved, Voided }
public enum VendingSessionStatus { Authorizing, Opening, Opened, Closed, Failed }
public enum SessionFailureReason { PayscoreRejected, PayscoreUnreachable, OpenRejected, OpenFailed }
public enum PaymentRecordStatus { Pending, Succeeded, Failed }
public enum RefundStatus { Pending, Succeeded, Failed }
public enum RefundMethod { Tickets, Wechat, Offline }
public enum CorrectionSettlement { None, SupplementaryCharge, Refund, Reamount }
public enum ComplaintCategory { WrongCharge, WrongItems, DoorFault, ProductQuality, Other }
public enum ComplaintStatus { Open, Resolved }
public enum ComplaintResolution { Corrected, Replied }
public enum ManualTaskKind
{
    VendorOpenDoor, VendorBindDevice, VendorUnbindDevice, ErpProductPull, ErpSalesPush, WechatRefund, WechatCancelOrder,
    WechatModifyOrder, OrderPushMissing, WechatUnmatchedNotification, PaymentAmountMismatch,
}
public enum ManualTaskStatus { Open, Resolved }
public enum ManualTaskOutcome { Sent, HandledOutside, Dismissed }
public enum DoorOpenFailureKind { Rejected, Unreachable }

// ── vending-store-{storeCode} ──
public sealed record StoreRegistered(string StoreCode, string StoreName, StoreType StoreType, StoreProperty StoreProperty,
    string Address, string Phone, long AmountLimit, DateTimeOffset At);
/// <summary>Only the fields that changed are set; the others are null.</summary>
public sealed record StoreUpdated(string StoreCode, string? StoreName, StoreType? StoreType, StoreProperty? StoreProperty,
    string? Address, string? Phone, bool? Enabled, DateTimeOffset At);
public sealed record StoreAmountLimitChanged(string StoreCode, long PreviousLimit, long AmountLimit, DateTimeOffset At);

// ── vending-device-{deviceCode} ──
public sealed record DeviceRegistered(string DeviceCode, string StoreCode, string QrCode, DateTimeOffset At);
public sealed record DeviceBindRequested(string DeviceCode, string StoreCode, string RequestId, DateTimeOffset At);
public sealed record DeviceBound(string DeviceCode, string StoreCode, DateTimeOffset At);
public sealed record DeviceBindFailed(string DeviceCode, string Code, string Message, DateTimeOffset At);
public sealed record DeviceUnbindRequested(string DeviceCode, string RequestId, DateTimeOffset At);
public sealed record DeviceUnbound(string DeviceCode, DateTimeOffset At);
public sealed record DeviceMoved(string DeviceCode, string FromStoreCode, string ToStoreCode, DateTimeOffset At);
public sealed record DeviceDecommissioned(string DeviceCode, DateTimeOffset At);
/// <summary><paramref name="ReportedAt"/> is the vendor's time of the report; <paramref name="At"/> when we applied it.</summary>
public sealed record DeviceStatusChanged(string DeviceCode, DeviceOnlineStatus PreviousStatus, DeviceOnlineStatus Status, DateTimeOffset ReportedAt, DateTimeOffset At);

// ── vending-product-{productCode}, vending-product-sync-{syncId} ──
public sealed record ProductSynced(string ProductCode, string Name, long Price, string Category, ProductStatus Status,
    DateTimeOffset ErpUpdatedAt, long? PreviousPrice, DateTimeOffset At);
public sealed record ProductSyncRequested(string SyncId, DateTimeOffset UpdatedSince, DateTimeOffset At);
public sealed record ProductSyncCompleted(string SyncId, DateTimeOffset StartedAt, int Received, int Changed, IReadOnlyList<string> RejectedCodes, DateTimeOffset At);

// ── vending-user-{userId} ──
public sealed record VendingUserRegistered(string UserId, string OpenId, string OpenIdHash, string Phone, string PhoneHash, string? Username, DateTimeOffset At);
public sealed record PayScoreAuthorizationRequested(string UserId, string AuthorizationCode, DateTimeOffset At);
public sealed record PayScoreAuthorized(string UserId, string AuthorizationCode, DateTimeOffset At);
public sealed record PayScoreAuthorizationRevoked(string UserId, DateTimeOffset At);
public sealed record TicketsDebited(string UserId, long Tickets, long BalanceAfter, string OrderNo, string PaymentNo, DateTimeOffset At);
public sealed record TicketsCredited(string UserId, long Tickets, long BalanceAfter, string OrderNo, string RefundNo, DateTimeOffset At);
public sealed record TicketsAdjusted(string UserId, long Delta, long BalanceAfter, string Reason, DateTimeOffset At);

// ── vending-session-{sessionNo} ──
/// <param name="RiskFundAmount">WECHAT: the risk fund its service order is created with (the store's amount limit); absent from events before 2026-12-04.</param>
public sealed record VendingSessionStarted(string SessionNo, string UserId, string DeviceCode, string StoreCode, VendingPaymentType PaymentType,
    string? PaymentNo, DateTimeOffset ExpiresAt, DateTimeOffset At, long? RiskFundAmount = null);
public sealed record DoorOpenRequested(string SessionNo, string CommandId, string DeviceCode, DateTimeOffset ExpiresAt, DateTimeOffset At);
public sealed record DoorOpened(string SessionNo, string CommandId, DateTimeOffset At);
public sealed record DoorOpenFailed(string SessionNo, string CommandId, DoorOpenFailureKind Kind, string Code, DateTimeOffset At);
public sealed record VendingSessionClosed(string SessionNo, string OrderNo, DateTimeOffset At);

// ── pay-score service orders: on the session stream (created at scan) or the order stream (补扣, pay-again) ──
public sealed record PayScoreOrderCreated(string? SessionNo, string? OrderNo, string PaymentNo, long RiskFundAmount, DateTimeOffset At);
/// <summary><paramref name="Code"/> is WeChat's error code, or `UNREACHABLE` after the last transport failure.</summary>
public sealed record PayScoreOrderRejected(string? SessionNo, string? OrderNo, string PaymentNo, string Code, string Message, DateTimeOffset At);
public sealed record PayScoreOrderCompleted(string OrderNo, string PaymentNo, long TotalAmount, DateTimeOffset At);
public sealed record PayScoreOrderModified(string OrderNo, string PaymentNo, long TotalAmount, DateTimeOffset At);
public sealed record PayScoreOrderCancelled(string PaymentNo, string Reason, DateTimeOffset At);

// ── vending-order-{orderNo} ──
public sealed record OrderItem(string ProductCode, string ProductName, int Quantity, long UnitPrice, long Amount, bool KnownProduct);
/// <summary>A line of money moved: the quantity and amount of one product paid or refunded (negative quantities on a 补扣 order's differences).</summary>
public sealed record MoneyLine(string ProductCode, int Quantity, long Amount);

public sealed record VendingOrderRecorded(string OrderNo, VendingOrderType OrderType, string? WheatOrderNo, string? RelatedOrderNo, string? SessionNo,
    string? UserId, string DeviceCode, string StoreCode, DateTimeOffset OrderTime, VendingPaymentType PaymentType,
    IReadOnlyList<OrderItem> Items, long TotalAmount, DateTimeOffset At);
public sealed record ExceptionOrderRaised(string OrderNo, ExceptionKind ExceptionKind, string ExceptionReason, string? Detail, long? AmountLimit, DateTimeOffset At);
public sealed record ExceptionOrderApproved(string OrderNo, string? Note, string? UserId, VendingPaymentType? PaymentType, DateTimeOffset At);
public sealed record ExceptionOrderVoided(string OrderNo, string Reason, DateTimeOffset At);
public sealed record SupplementaryOrderSuperseded(string OrderNo, string RelatedOrderNo, string CorrectionId, DateTimeOffset At);
/// <summary>The total of an order that needs no payment (0 fen).</summary>
public sealed record PaymentNotRequired(string OrderNo, DateTimeOffset At);
/// <summary><paramref name="ServiceOrderRiskFund"/> is set when the charge completes a pay-score service order created before it (the session's).</summary>
public sealed record ChargeStarted(string OrderNo, string PaymentNo, VendingPaymentType PaymentType, long Amount, long Tickets, DateTimeOffset At, long? ServiceOrderRiskFund = null);
public sealed record PaymentSucceeded(string OrderNo, string PaymentNo, VendingPaymentType PaymentType, long Amount, long Tickets,
    string? WechatTransactionId, DateTimeOffset PaidAt, IReadOnlyList<MoneyLine> Lines, string StoreCode, string DeviceCode, DateTimeOffset At);
public sealed record PaymentFailed(string OrderNo, string PaymentNo, PaymentFailureReason Reason, string? Detail, DateTimeOffset At);
public sealed record PayAgainRequested(string OrderNo, string PaymentNo, VendingPaymentType PaymentType, VendingPaymentType PreviousPaymentType, DateTimeOffset At);
public sealed record CorrectionLine(string ProductCode, string ProductName, long UnitPrice, int PreviousQuantity, int NewQuantity);
public sealed record OrderCorrected(string OrderNo, string CorrectionId, string Reason, IReadOnlyList<CorrectionLine> Lines, long PreviousTotal, long NewTotal,
    long SettledAmount, long Delta, CorrectionSettlement Settlement, string? SupplementaryOrderNo, IReadOnlyList<string> RefundNos, string? ComplaintId, DateTimeOffset At);
public sealed record RefundRequested(string OrderNo, string RefundNo, RefundMethod Method, string? PaymentNo, long Amount, long Tickets,
    string CorrectionId, IReadOnlyList<MoneyLine> Lines, DateTimeOffset At);
public sealed record RefundSucceeded(string OrderNo, string RefundNo, RefundMethod Method, long Amount, long Tickets, string? WechatRefundId,
    DateTimeOffset SucceededAt, IReadOnlyList<MoneyLine> Lines, string StoreCode, string DeviceCode, DateTimeOffset At);
public sealed record RefundFailed(string OrderNo, string RefundNo, string Code, string Message, DateTimeOffset At);

// ── vending-complaint-{complaintId} ──
public sealed record ComplaintFiled(string ComplaintId, string OrderNo, string UserId, ComplaintCategory Category, string Content,
    IReadOnlyList<string> ImageUrls, string StoreCode, DateTimeOffset At);
public sealed record ComplaintResolved(string ComplaintId, ComplaintResolution Resolution, string Reply, string? CorrectionId, DateTimeOffset At);
/// <summary>On the order's stream: the order's history shows the complaint, and two filings at once conflict there (one open complaint per order).</summary>
public sealed record OrderComplaintFiled(string OrderNo, string ComplaintId, DateTimeOffset At);

// ── vending-task-{taskId} ──
public sealed record ManualTaskOpened(string TaskId, ManualTaskKind Kind, string Subject, string? OrderNo, string? DeviceCode, string? StoreCode,
    int Attempts, string LastError, bool Retryable, string? MessageType, string? MessageBody, DateTimeOffset At);
public sealed record ManualTaskRetried(string TaskId, int Attempt, bool Succeeded, string? Error, DateTimeOffset At);
public sealed record ManualTaskResolved(string TaskId, ManualTaskOutcome Outcome, string Note, DateTimeOffset At);

// ── vending-sales-summary-{summaryId} ──
public sealed record SalesSummaryPushRequested(string SummaryId, DateOnly BusinessDate, string StoreCode, long GrossAmount, long RefundAmount, long NetAmount, DateTimeOffset At);
public sealed record SalesSummaryPushed(string SummaryId, DateTimeOffset At);

// ── vending-wheat-order-{wheatOrderNo} ──
/// <summary>A vendor push received: its body's hash and the answer it got, so a repeat gets the same answer and another body a 409.</summary>
public sealed record WheatOrderReceived(string WheatOrderNo, string OrderNo, string BodyHash, string Status, DateTimeOffset At);
