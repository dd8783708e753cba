using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cabinets.Api.Tests.Vending.Fakes;

/// <summary>How a notification is sent: correctly by default, or wrong in one way for the refusal tests.</summary>
public sealed record NotifyOptions
{
    public string? Id { get; init; }

    /// <summary>Signed with another key than the platform's.</summary>
    public bool WrongSignature { get; init; }

    /// <summary>The signature over another body than the one sent.</summary>
    public bool TamperedBody { get; init; }

    /// <summary>Added to <see cref="FakeWeChat.Clock"/> for `Wechatpay-Timestamp` (e.g. −301 s: stale).</summary>
    public TimeSpan TimestampOffset { get; init; }

    /// <summary>Another `Wechatpay-Serial` than the configured platform key id.</summary>
    public string? Serial { get; init; }

    /// <summary>Encrypted with another APIv3 key.</summary>
    public bool WrongApiV3Key { get; init; }
}

public sealed partial class FakeWeChat
{
    private static readonly Lazy<RSA> StrangerKey = new(() => RSA.Create(2048));

    /// <summary>
    /// Posts a WeChat Pay notification to the Api's `/api/callbacks/wechatpay`: <paramref name="resource"/>
    /// (an object with WeChat's snake_case names, or a JSON string) encrypted with AEAD_AES_256_GCM under
    /// the APIv3 key, the envelope signed with the platform key over `timestamp\nnonce\nbody\n`.
    /// A USER_PAID for an order in the fake's book also marks it paid there.
    /// </summary>
    public async Task<HttpResponseMessage> NotifyAsync(HttpClient api, string eventType, object resource, NotifyOptions? options = null)
    {
        options ??= new NotifyOptions();
        var now = Clock.GetUtcNow();
        var plain = resource is string s ? s : JsonSerializer.Serialize(resource, WithoutNulls);
        var nonce = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 12);
        var associatedData = eventType.StartsWith("REFUND.", StringComparison.Ordinal) ? "refund" : "payscore";
        var key = Encoding.UTF8.GetBytes(options.WrongApiV3Key ? new string('x', 32) : ApiV3Key);
        var body = JsonSerializer.Serialize(new
        {
            id = options.Id ?? Guid.NewGuid().ToString(),
            create_time = Rfc3339(now),
            resource_type = "encrypt-resource",
            event_type = eventType,
            summary = "通知",
            resource = new { original_type = associatedData, algorithm = "AEAD_AES_256_GCM", ciphertext = Encrypt(key, nonce, associatedData, plain), associated_data = associatedData, nonce },
        }, WithoutNulls);

        var timestamp = (now + options.TimestampOffset).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var headerNonce = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 32);
        var signed = options.TamperedBody ? body.Replace("\"summary\":\"", "\"summary\":\"!", StringComparison.Ordinal) : body;
        var signer = options.WrongSignature ? StrangerKey.Value : PlatformKey;
        var signature = Convert.ToBase64String(signer.SignData(Encoding.UTF8.GetBytes($"{timestamp}\n{headerNonce}\n{signed}\n"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/callbacks/wechatpay") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("Wechatpay-Timestamp", timestamp);
        request.Headers.Add("Wechatpay-Nonce", headerNonce);
        request.Headers.Add("Wechatpay-Serial", options.Serial ?? PlatformKeyId);
        request.Headers.Add("Wechatpay-Signature", signature);
        request.Headers.Add("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        var response = await api.SendAsync(request);
        if (eventType == "PAYSCORE.USER_PAID" && response.IsSuccessStatusCode) MarkPaid(Node(plain));
        return response;
    }

    /// <summary>`PAYSCORE.USER_PAID` as WeChat sends it after a deduction: paid_time in `collection.details[]`, yyyyMMddHHmmss.</summary>
    public Task<HttpResponseMessage> UserPaidAsync(HttpClient api, string outOrderNo, long paidAmount, string transactionId, DateTimeOffset paidTime, NotifyOptions? options = null) =>
        NotifyAsync(api, "PAYSCORE.USER_PAID", new
        {
            appid = AppId, mchid = MchId, out_order_no = outOrderNo, service_id = ServiceId, state = "DONE", state_description = "MCH_COMPLETE",
            total_amount = paidAmount,
            collection = new
            {
                state = "USER_PAID", total_amount = paidAmount, paying_amount = 0, paid_amount = paidAmount,
                details = new[] { new { seq = 1, amount = paidAmount, paid_type = "NEWTON", paid_time = Compact(paidTime), transaction_id = transactionId } },
            },
        }, options);

    /// <summary>`REFUND.SUCCESS` (or ABNORMAL, CLOSED) for a refund the Api asked for.</summary>
    public Task<HttpResponseMessage> RefundNotifyAsync(HttpClient api, string eventType, string outRefundNo, string refundId, long refund, long total,
        DateTimeOffset? successTime, string transactionId = "4200000000000000000000000001", NotifyOptions? options = null) =>
        NotifyAsync(api, eventType, new
        {
            mchid = MchId, transaction_id = transactionId, out_trade_no = "", refund_id = refundId, out_refund_no = outRefundNo,
            refund_status = eventType["REFUND.".Length..], success_time = successTime is { } t ? Rfc3339(t) : null,
            user_received_account = "支付用户零钱", amount = new { total, refund, payer_total = total, payer_refund = refund },
        }, options);

    private void MarkPaid(JsonNode? resource)
    {
        var outOrderNo = resource?["out_order_no"]?.GetValue<string>();
        var detail = resource?["collection"]?["details"]?.AsArray().LastOrDefault();
        if (outOrderNo is null || !_orders.ContainsKey(outOrderNo)) return;
        SetOrder(outOrderNo, o => o with
        {
            State = "DONE", CollectionState = "USER_PAID", PaidAmount = resource?["collection"]?["paid_amount"]?.GetValue<long>(),
            TransactionId = detail?["transaction_id"]?.GetValue<string>(), PaidTime = detail?["paid_time"]?.GetValue<string>(),
        });
    }

    /// <summary>AES-256-GCM with the 16-byte tag appended to the ciphertext, Base64: WeChat's resource encryption.</summary>
    private static string Encrypt(byte[] key, string nonce, string associatedData, string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[plain.Length + 16];
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(Encoding.UTF8.GetBytes(nonce), plain, output.AsSpan(0, plain.Length), output.AsSpan(plain.Length), Encoding.UTF8.GetBytes(associatedData));
        return Convert.ToBase64String(output);
    }
}
