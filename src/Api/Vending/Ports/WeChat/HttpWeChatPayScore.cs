using System.Text.Json;

namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// Pay-score and refunds over WeChat Pay APIv3 (VENDING.md §4.3), signed by <see cref="WeChatPayApi"/>.
/// A retry after a lost answer must not turn a success into a failure, so three rejections that
/// mean "already done" are successes: create's `ORDER_EXISTS` (same out_order_no, same
/// parameters), complete's `INVALID_ORDER_STATE` on an order the query shows completed with the
/// same total, cancel's `INVALID_ORDER_STATE` on an order already revoked or expired.
/// </summary>
public sealed class HttpWeChatPayScore(WeChatPayApi api, WeChatPaySettings settings) : IWeChatPayScore, IWeChatRefunds
{
    /// <summary>The code our fake and this adapter agree on for "this out_order_no exists with the same parameters" (§4.3).</summary>
    public const string OrderExists = "ORDER_EXISTS";
    public const string InvalidOrderState = "INVALID_ORDER_STATE";

    public async Task<string> RequestPermissionAsync(string authorizationCode, CancellationToken ct)
    {
        var body = new PermissionsBody(settings.ServiceId!, settings.AppId!, authorizationCode, settings.NotifyUrl!);
        var answer = await api.SendAsync(HttpMethod.Post, "/v3/payscore/permissions", body, ct);
        return answer.Str("apply_permissions_token")
            ?? throw new ExternalRejectedException(WeChatPayApi.Service, "INVALID_ANSWER", "the answer holds no apply_permissions_token");
    }

    public async Task CreateServiceOrderAsync(CreateServiceOrderRequest request, CancellationToken ct)
    {
        try
        {
            await api.SendAsync(HttpMethod.Post, "/v3/payscore/serviceorder", PayScoreBodies.Create(request, settings), ct);
        }
        catch (ExternalRejectedException e) when (e.Code == OrderExists)
        {
            // §4.3: the first attempt created it and its answer was lost.
        }
    }

    public async Task CompleteServiceOrderAsync(CompleteServiceOrderRequest request, CancellationToken ct)
    {
        try
        {
            await api.SendAsync(HttpMethod.Post, OrderPath(request.OutOrderNo, "complete"), PayScoreBodies.Complete(request, settings), ct);
        }
        catch (ExternalRejectedException e) when (e.Code == InvalidOrderState)
        {
            var status = await QueryServiceOrderAsync(request.OutOrderNo, ct);
            if (!IsCompleted(status) || status.TotalAmount != request.TotalAmount) throw;
        }
    }

    public Task ModifyServiceOrderAsync(ModifyServiceOrderRequest request, CancellationToken ct) =>
        api.SendAsync(HttpMethod.Post, OrderPath(request.OutOrderNo, "modify"), PayScoreBodies.Modify(request, settings), ct);

    public async Task CancelServiceOrderAsync(string outOrderNo, string reason, CancellationToken ct)
    {
        try
        {
            await api.SendAsync(HttpMethod.Post, OrderPath(outOrderNo, "cancel"), new CancelBody(settings.AppId!, settings.ServiceId!, reason), ct);
        }
        catch (ExternalRejectedException e) when (e.Code == InvalidOrderState)
        {
            var status = await QueryServiceOrderAsync(outOrderNo, ct);
            if (status.State is not ("REVOKED" or "EXPIRED")) throw;
        }
    }

    public async Task<ServiceOrderStatus> QueryServiceOrderAsync(string outOrderNo, CancellationToken ct)
    {
        var query = $"?out_order_no={Uri.EscapeDataString(outOrderNo)}&service_id={Uri.EscapeDataString(settings.ServiceId!)}&appid={Uri.EscapeDataString(settings.AppId!)}";
        return ServiceOrderOf(await api.SendAsync(HttpMethod.Get, "/v3/payscore/serviceorder" + query, body: null, ct));
    }

    public IReadOnlyDictionary<string, string> PayScoreDetailExtraData(string outOrderNo, DateTimeOffset now) =>
        PayScoreExtraData.Detail(settings, outOrderNo, now);

    public async Task<WeChatRefundAnswer> RefundAsync(WeChatRefundRequest request, CancellationToken ct)
    {
        var answer = await api.SendAsync(HttpMethod.Post, "/v3/refund/domestic/refunds", PayScoreBodies.Refund(request, settings), ct);
        var status = answer.Str("status")
            ?? throw new ExternalRejectedException(WeChatPayApi.Service, "INVALID_ANSWER", "the refund answer holds no status");
        return new WeChatRefundAnswer(answer.Str("refund_id") ?? "", status,
            WeChatTime.TryParse(answer.Str("success_time"), out var at) ? at : null);
    }

    /// <summary>Completed: DONE, or DOING with a collection under way (WeChat deducts after complete).</summary>
    private static bool IsCompleted(ServiceOrderStatus s) => s.State == "DONE" || s.CollectionState is "USER_PAYING" or "USER_PAID";

    private static string OrderPath(string outOrderNo, string action) => $"/v3/payscore/serviceorder/{Uri.EscapeDataString(outOrderNo)}/{action}";

    /// <summary>The query's answer; the newest collection detail gives the transaction and its paid_time (§6.x: details first, top level accepted).</summary>
    public static ServiceOrderStatus ServiceOrderOf(JsonElement answer)
    {
        var collection = answer.Child("collection");
        var detail = collection?.Items("details").Where(d => d.Str("transaction_id") is not null).Select(d => (JsonElement?)d).LastOrDefault();
        var paidTime = detail?.Str("paid_time") ?? answer.Str("paid_time");
        return new ServiceOrderStatus(
            answer.Str("state") ?? "",
            collection?.Str("state"),
            answer.Long("total_amount"),
            collection?.Long("paid_amount"),
            detail?.Str("transaction_id"),
            WeChatTime.TryParse(paidTime, out var at) ? at : null);
    }
}
