using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// Pay-score and refunds for Development (VENDING.md §4.3, `WeChatPay__Provider=file`): every request
/// is journalled as WeChat would have received it and answered with success; a refund settles at once.
/// After each complete, a synthetic `PAYSCORE.USER_PAID` for the full total reaches the
/// <see cref="IWeChatNotificationHandler"/> from a background task, as WeChat's callback would, a
/// moment later, once the complete's own events are stored. The handler is resolved only then: it
/// is the order module's, and the ports must not depend on it (none registered → nothing is sent).
/// </summary>
public sealed class FileWeChatPayScore(
    OutboundJournal journal, WeChatPaySettings settings, TimeProvider clock, IServiceProvider services, ILogger<FileWeChatPayScore> logger)
    : IWeChatPayScore, IWeChatRefunds
{
    private readonly ConcurrentDictionary<string, ServiceOrderStatus> _orders = new();

    public async Task<string> RequestPermissionAsync(string authorizationCode, CancellationToken ct)
    {
        await journal.AppendAsync("permissions", "/v3/payscore/permissions",
            new PermissionsBody(settings.ServiceId ?? "", settings.AppId ?? "", authorizationCode, settings.NotifyUrl ?? ""), ct);
        return "file-" + Hash(authorizationCode);
    }

    public async Task CreateServiceOrderAsync(CreateServiceOrderRequest request, CancellationToken ct)
    {
        await journal.AppendAsync("create", "/v3/payscore/serviceorder", PayScoreBodies.Create(request, settings), ct);
        _orders.TryAdd(request.OutOrderNo, new ServiceOrderStatus("DOING", null, null, null, null, null));
    }

    public async Task CompleteServiceOrderAsync(CompleteServiceOrderRequest request, CancellationToken ct)
    {
        await journal.AppendAsync("complete", $"/v3/payscore/serviceorder/{request.OutOrderNo}/complete", PayScoreBodies.Complete(request, settings), ct);
        var transactionId = "FTX" + Hash(request.OutOrderNo);
        var paidAt = clock.GetUtcNow();
        _orders[request.OutOrderNo] = new ServiceOrderStatus("DONE", "USER_PAID", request.TotalAmount, request.TotalAmount, transactionId, paidAt);
        var paid = new PayScoreUserPaid("file-" + Guid.NewGuid().ToString("N"), request.OutOrderNo, request.TotalAmount, transactionId, paidAt);
        _ = Task.Run(() => new FileUserPaidDelivery(services, logger).DeliverAsync(paid, TimeSpan.FromSeconds(settings.FilePaidDelaySeconds)), CancellationToken.None);
    }

    public Task ModifyServiceOrderAsync(ModifyServiceOrderRequest request, CancellationToken ct) =>
        journal.AppendAsync("modify", $"/v3/payscore/serviceorder/{request.OutOrderNo}/modify", PayScoreBodies.Modify(request, settings), ct);

    public async Task CancelServiceOrderAsync(string outOrderNo, string reason, CancellationToken ct)
    {
        await journal.AppendAsync("cancel", $"/v3/payscore/serviceorder/{outOrderNo}/cancel", new CancelBody(settings.AppId ?? "", settings.ServiceId ?? "", reason), ct);
        _orders[outOrderNo] = new ServiceOrderStatus("REVOKED", null, null, null, null, null);
    }

    public async Task<ServiceOrderStatus> QueryServiceOrderAsync(string outOrderNo, CancellationToken ct)
    {
        await journal.AppendAsync("query", $"/v3/payscore/serviceorder?out_order_no={outOrderNo}", body: null, ct);
        return _orders.TryGetValue(outOrderNo, out var status) ? status : new ServiceOrderStatus("DOING", null, null, null, null, null);
    }

    public IReadOnlyDictionary<string, string> PayScoreDetailExtraData(string outOrderNo, DateTimeOffset now) =>
        PayScoreExtraData.Detail(settings, outOrderNo, now);

    public async Task<WeChatRefundAnswer> RefundAsync(WeChatRefundRequest request, CancellationToken ct)
    {
        await journal.AppendAsync("refund", "/v3/refund/domestic/refunds", PayScoreBodies.Refund(request, settings), ct);
        return new WeChatRefundAnswer("FR" + Hash(request.OutRefundNo), "SUCCESS", clock.GetUtcNow());
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];
}
