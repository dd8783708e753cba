using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Cabinets.Api.Tests.Vending.Fakes;

public sealed partial class FakeWeChat
{
    private readonly ConcurrentDictionary<string, ServiceOrder> _orders = new();
    private int _refunds;

    /// <summary>
    /// One pay-score service order as WeChat keeps it: created DOING (免确认), completed = a collection
    /// USER_PAYING for the total, paid (a USER_PAID notification) = DONE / USER_PAID, cancelled = REVOKED.
    /// </summary>
    public sealed record ServiceOrder(string OutOrderNo, string CreateBody, string State, string? CollectionState, long? TotalAmount,
        long? PaidAmount = null, string? TransactionId = null, string? PaidTime = null);

    /// <summary>The `status` the refund API answers: `SUCCESS` (settled at once) or `PROCESSING` (wait for REFUND.SUCCESS).</summary>
    public string RefundStatus { get; set; } = "SUCCESS";

    public ServiceOrder? Order(string outOrderNo) => _orders.GetValueOrDefault(outOrderNo);

    public IReadOnlyCollection<ServiceOrder> Orders => _orders.Values.ToList();

    /// <summary>Sets what the query shows, e.g. a collection still `USER_PAYING` or an order `EXPIRED`.</summary>
    public void SetOrder(string outOrderNo, Func<ServiceOrder, ServiceOrder> change) => _orders.AddOrUpdate(outOrderNo,
        no => change(new ServiceOrder(no, "", "DOING", null, null)), (_, o) => change(o));

    /// <summary>`WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"` over the raw target and body.</summary>
    private bool AuthorizationIsValid(string method, string target, string body, string? authorization)
    {
        const string scheme = "WECHATPAY2-SHA256-RSA2048 ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.Ordinal)) return false;
        var fields = AuthorizationField().Matches(authorization[scheme.Length..]).ToDictionary(m => m.Groups["k"].Value, m => m.Groups["v"].Value);
        if (fields.GetValueOrDefault("mchid") != MchId || fields.GetValueOrDefault("serial_no") != MerchantSerialNo) return false;
        if (!fields.TryGetValue("timestamp", out var timestamp) || !fields.TryGetValue("nonce_str", out var nonce) || !fields.TryGetValue("signature", out var signature))
            return false;
        if (!long.TryParse(timestamp, CultureInfo.InvariantCulture, out var seconds) || Math.Abs(Clock.GetUtcNow().ToUnixTimeSeconds() - seconds) > 300) return false;
        var message = Encoding.UTF8.GetBytes($"{method}\n{target}\n{timestamp}\n{nonce}\n{body}\n");
        try
        {
            return MerchantKey.VerifyData(message, Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    [GeneratedRegex("""(?<k>[a-z_]+)="?(?<v>[^",]*)"?""")]
    private static partial Regex AuthorizationField();

    private (int, string) PayAnswer(WeChatCall call, string path, JsonElement? body, string raw, IQueryCollection query)
    {
        var outOrderNo = call is WeChatCall.CompleteOrder or WeChatCall.ModifyOrder or WeChatCall.CancelOrder
            ? Uri.UnescapeDataString(path.Split('/')[4]) : null;
        switch (call)
        {
            case WeChatCall.Permissions:
                return Ok(new { apply_permissions_token = "APT-" + Str(body, "authorization_code") });
            case WeChatCall.CreateOrder:
                var no = Str(body, "out_order_no") ?? "";
                var created = new ServiceOrder(no, raw, "DOING", null, null);
                if (_orders.TryAdd(no, created)) return Ok(View(created));
                return _orders[no].CreateBody == raw
                    ? Error(400, "ORDER_EXISTS", "out_order_no exists with same parameters")
                    : Error(400, "INVALID_REQUEST", "out_order_no used with other parameters");
            case WeChatCall.CompleteOrder:
                return Change(outOrderNo!, o => o is { State: "DOING", CollectionState: null }
                    ? o with { CollectionState = "USER_PAYING", TotalAmount = Long(body, "total_amount") } : null);
            case WeChatCall.ModifyOrder:
                return Change(outOrderNo!, o => o is { State: "DOING", CollectionState: "USER_PAYING" } ? o with { TotalAmount = Long(body, "total_amount") } : null);
            case WeChatCall.CancelOrder:
                return Change(outOrderNo!, o => o is { State: "DOING" or "CREATED", CollectionState: null } ? o with { State = "REVOKED" } : null);
            case WeChatCall.QueryOrder:
                return _orders.TryGetValue(query["out_order_no"].ToString(), out var order) ? Ok(View(order)) : Error(404, "ORDER_NOT_EXIST", "订单不存在");
            case WeChatCall.Refund:
                var id = Interlocked.Increment(ref _refunds);
                return Ok(new
                {
                    refund_id = $"50000000{id:D8}", out_refund_no = Str(body, "out_refund_no"), status = RefundStatus,
                    success_time = RefundStatus == "SUCCESS" ? Rfc3339(Clock.GetUtcNow()) : null,
                });
            default:
                return Error(404, "NOT_FOUND", "no such API");
        }
    }

    private (int, string) Change(string outOrderNo, Func<ServiceOrder, ServiceOrder?> change)
    {
        if (!_orders.TryGetValue(outOrderNo, out var order)) return Error(404, "ORDER_NOT_EXIST", "订单不存在");
        if (change(order) is not { } changed) return Error(400, "INVALID_ORDER_STATE", "订单状态不正确");
        _orders[outOrderNo] = changed;
        return Ok(View(changed));
    }

    /// <summary>The order as the query (and create/complete) answers show it.</summary>
    private static object View(ServiceOrder o) => new
    {
        out_order_no = o.OutOrderNo, service_id = ServiceId, appid = AppId, mchid = MchId, state = o.State, state_description = o.State == "DONE" ? "MCH_COMPLETE" : null,
        total_amount = o.TotalAmount,
        collection = o.CollectionState is null ? null : new
        {
            state = o.CollectionState, total_amount = o.TotalAmount, paid_amount = o.PaidAmount ?? 0,
            details = o.TransactionId is null ? Array.Empty<object>() : [new { seq = 1, amount = o.PaidAmount, paid_type = "NEWTON", paid_time = o.PaidTime, transaction_id = o.TransactionId }],
        },
    };

    private static (int, string) Ok(object body) => (200, JsonSerializer.Serialize(body, WithoutNulls));

    private static (int, string) Error(int status, string code, string message) => (status, JsonSerializer.Serialize(new { code, message }));

    private static readonly JsonSerializerOptions WithoutNulls = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string? Str(JsonElement? e, string name) =>
        e is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Long(JsonElement? e, string name) =>
        e is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    /// <summary>WeChat's `yyyy-MM-ddTHH:mm:ss+08:00`.</summary>
    public static string Rfc3339(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss'+08:00'", CultureInfo.InvariantCulture);

    /// <summary>WeChat's `yyyyMMddHHmmss` on the Asia/Shanghai clock (UTC+8).</summary>
    public static string Compact(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    private static JsonNode? Node(object value) => value is string s ? JsonNode.Parse(s) : JsonSerializer.SerializeToNode(value);
}
