using Cabinets.Api.Commands;

namespace Cabinets.Api.Vending.Ports;

// The outside systems of the vending module (VENDING.md §4.3), each behind a port with an HTTP
// adapter and a file adapter (`<Port>__Provider` = http | file). Every adapter:
// - returns normally when the other side accepted the request;
// - throws ExternalServiceException for a transport failure worth retrying (connect error, 10 s
//   timeout, HTTP 5xx, 408, 429), its Reason being "HTTP <status>", "timeout" or "connection refused";
// - throws ExternalRejectedException for a business rejection (any other 4xx with an error body),
//   which is never retried.
// Neither exception's message holds a phone number, an openid, a secret or a response body beyond
// the error code and message.

/// <summary>The other side refused this request for good (a 4xx with an error body): not retried.</summary>
public sealed class ExternalRejectedException(string service, string code, string message)
    : Exception($"{service}: rejected {code}: {message}")
{
    public string Service { get; } = service;
    public string Code { get; } = code;
    public string Reason { get; } = message;
}

// ── the vendor (小麦), {Vendor__BaseUrl}, signed like partner requests, Idempotency-Key = the id in the body ──
public sealed record VendorOpenDoorRequest(string CommandId, string SessionNo, string DeviceCode, string StoreCode, string PaymentType,
    string UserRef, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
public sealed record VendorBindDeviceRequest(string RequestId, string DeviceCode, string StoreCode, string StoreName, string StoreAddress);
public sealed record VendorUnbindDeviceRequest(string RequestId, string DeviceCode);

public interface IVendorGateway
{
    /// <summary>`POST /api/v1/doors/open` → 200 `{"result": "OPENED"}`.</summary>
    Task OpenDoorAsync(VendorOpenDoorRequest request, CancellationToken ct);
    /// <summary>`POST /api/v1/devices/bind` → 200 `{"result": "BOUND"}`.</summary>
    Task BindDeviceAsync(VendorBindDeviceRequest request, CancellationToken ct);
    /// <summary>`POST /api/v1/devices/unbind` → 200 `{"result": "UNBOUND"}`.</summary>
    Task UnbindDeviceAsync(VendorUnbindDeviceRequest request, CancellationToken ct);
}

// ── the ERP, {Erp__BaseUrl}, signed with X-Partner-Id = Erp__ClientId ──
public sealed record ErpProduct(string? Code, string? Name, long? Price, string? Category, string? Status, DateTimeOffset? UpdatedAt);
public sealed record ErpProductPage(IReadOnlyList<ErpProduct> Items, string? NextCursor);
public sealed record SalesSummaryLine(string ProductCode, int SoldQuantity, int RefundedQuantity, long GrossAmount, long RefundAmount,
    long NetAmount, long WechatAmount, long TicketAmount, long TicketCount);
public sealed record SalesSummaryTotals(long GrossAmount, long RefundAmount, long NetAmount, long WechatAmount, long TicketAmount, long TicketCount);
public sealed record SalesSummary(string SummaryId, DateOnly BusinessDate, string StoreCode, string Currency,
    IReadOnlyList<SalesSummaryLine> Lines, SalesSummaryTotals Totals);

public interface IErpGateway
{
    /// <summary>`GET /api/v1/products?updatedSince&amp;cursor&amp;limit=200`; one pull series (first try and retries) carries one idempotency key.</summary>
    Task<ErpProductPage> PullProductsAsync(DateTimeOffset updatedSince, string? cursor, string idempotencyKey, CancellationToken ct);
    /// <summary>`POST /api/v1/sales-summaries`, Idempotency-Key = summaryId → 200/201 `{"accepted": true}`.</summary>
    Task PushSalesSummaryAsync(SalesSummary summary, CancellationToken ct);
}

// ── WeChat Pay APIv3 pay-score and refunds, {WeChatPay__BaseUrl}, RSA-signed ──
public sealed record PayScoreLine(string Name, long Amount, int Count);
public sealed record CreateServiceOrderRequest(string OutOrderNo, string OpenId, string ServiceIntroduction, long RiskFundAmount, DateTimeOffset StartTime);
public sealed record CompleteServiceOrderRequest(string OutOrderNo, IReadOnlyList<PayScoreLine> PostPayments, long TotalAmount, DateTimeOffset EndTime);
public sealed record ModifyServiceOrderRequest(string OutOrderNo, IReadOnlyList<PayScoreLine> PostPayments, long TotalAmount);
/// <summary>`State`: CREATED, DOING, DONE, REVOKED, EXPIRED; `CollectionState`: USER_PAYING, USER_PAID, or null.</summary>
public sealed record ServiceOrderStatus(string State, string? CollectionState, long? TotalAmount, long? PaidAmount, string? TransactionId, DateTimeOffset? PaidTime);
public sealed record WeChatRefundRequest(string TransactionId, string OutRefundNo, long Refund, long Total, string Reason);
/// <summary>`Status`: SUCCESS (settled at once), PROCESSING (wait for the callback), CLOSED, ABNORMAL.</summary>
public sealed record WeChatRefundAnswer(string RefundId, string Status, DateTimeOffset? SuccessTime);

public interface IWeChatPayScore
{
    /// <summary>Synchronous (the user waits): `POST /v3/payscore/permissions` → the `apply_permissions_token`.</summary>
    Task<string> RequestPermissionAsync(string authorizationCode, CancellationToken ct);
    /// <summary>A 400 saying the out_order_no exists with the same parameters counts as success.</summary>
    Task CreateServiceOrderAsync(CreateServiceOrderRequest request, CancellationToken ct);
    /// <summary>`INVALID_ORDER_STATE` on a repeat → query; completed with the same total = success.</summary>
    Task CompleteServiceOrderAsync(CompleteServiceOrderRequest request, CancellationToken ct);
    Task ModifyServiceOrderAsync(ModifyServiceOrderRequest request, CancellationToken ct);
    /// <summary>Already cancelled or expired counts as success.</summary>
    Task CancelServiceOrderAsync(string outOrderNo, string reason, CancellationToken ct);
    Task<ServiceOrderStatus> QueryServiceOrderAsync(string outOrderNo, CancellationToken ct);
    /// <summary>The `extraData` of `wx.openBusinessView` for `wxpayScoreDetail` (pay a completed, unpaid order), signed with the API key.</summary>
    IReadOnlyDictionary<string, string> PayScoreDetailExtraData(string outOrderNo, DateTimeOffset now);
}

public interface IWeChatRefunds
{
    Task<WeChatRefundAnswer> RefundAsync(WeChatRefundRequest request, CancellationToken ct);
}

// ── the WeChat mini-program, {WeChatMiniProgram__BaseUrl} (synchronous: the user waits) ──
public interface IWeChatMiniProgram
{
    /// <summary>jscode2session → the openid; the session_key is never kept. A WeChat errcode → ExternalRejectedException.</summary>
    Task<string> OpenIdAsync(string code, CancellationToken ct);
    /// <summary>getuserphonenumber (with the cached access token) → the pure phone number.</summary>
    Task<string> PhoneNumberAsync(string phoneCode, CancellationToken ct);
}

// ── WeChat Pay notifications (POST /api/callbacks/wechatpay), verified and decrypted ──
public abstract record WeChatNotification(string Id, string EventType);
public sealed record PayScoreServiceOpened(string Id, string OpenId, string AuthorizationCode, DateTimeOffset At) : WeChatNotification(Id, "PAYSCORE.USER_OPEN_SERVICE");
public sealed record PayScoreServiceClosed(string Id, string OpenId, string? AuthorizationCode, DateTimeOffset At) : WeChatNotification(Id, "PAYSCORE.USER_CLOSE_SERVICE");
public sealed record PayScoreUserPaid(string Id, string OutOrderNo, long PaidAmount, string? TransactionId, DateTimeOffset PaidAt) : WeChatNotification(Id, "PAYSCORE.USER_PAID");
/// <summary>`EventType` REFUND.SUCCESS, REFUND.ABNORMAL or REFUND.CLOSED.</summary>
public sealed record RefundNotified(string Id, string Kind, string OutRefundNo, string? RefundId, string RefundStatus, DateTimeOffset? SuccessTime, long Refund) : WeChatNotification(Id, Kind);

/// <summary>
/// What the module does with a verified notification (implemented by the order handlers): appends
/// its events and returns; throws when the store failed (the endpoint answers 500 and WeChat resends).
/// De-duplication by notification id is the implementer's.
/// </summary>
public interface IWeChatNotificationHandler
{
    Task HandleAsync(WeChatNotification notification, CancellationToken ct);
}
