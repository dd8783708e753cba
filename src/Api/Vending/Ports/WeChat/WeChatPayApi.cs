using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// One signed APIv3 call (VENDING.md §4.3): the body serialised once, signed as sent
/// (`METHOD\nPATH_AND_QUERY\ntimestamp\nnonce\nbody\n` with the merchant key) and posted with
/// `Accept`/`Content-Type: application/json`. A 2xx gives its body; a rejection throws
/// <see cref="ExternalRejectedException"/> with WeChat's `code` and `message`.
/// </summary>
public sealed class WeChatPayApi(IHttpClientFactory clients, WeChatPaySettings settings, WeChatPayMerchantSigner signer, TimeProvider clock)
{
    public const string ClientName = "wechatpay";
    public const string Service = "wechatpay";
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    /// <summary>The answer's body as a JSON object (an empty object for a 204 or a body that is not one).</summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string pathAndQuery, object? body, CancellationToken ct)
    {
        var uri = new Uri(settings.BaseUrl.TrimEnd('/') + pathAndQuery, UriKind.Absolute);
        var text = body is null ? "" : WeChatJson.Serialize(body);
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null) request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        request.Headers.Accept.Add(Json);
        request.Headers.UserAgent.ParseAdd("Cabinets-Vending/1.0"); // APIv3 refuses requests without a User-Agent
        request.Headers.TryAddWithoutValidation("Authorization",
            signer.Authorization(method.Method, uri.PathAndQuery, text, clock.GetUtcNow().ToUnixTimeSeconds(), WeChatPaySigning.Nonce()));

        var answer = await WeChatHttp.SendAsync(clients.CreateClient(ClientName), request, Service, ct);
        var json = WeChatJson.ParseObject(answer.Body);
        if (answer.Status is >= 200 and < 300) return json ?? EmptyObject;
        throw Rejection(answer.Status, json);
    }

    /// <summary>WeChat's `{"code", "message"}`; a 4xx without one is named by its status.</summary>
    private static ExternalRejectedException Rejection(int status, JsonElement? body) =>
        body is { } e && e.Str("code") is { Length: > 0 } code
            ? new ExternalRejectedException(Service, code, e.Str("message") ?? "")
            : new ExternalRejectedException(Service, $"HTTP {status}", "no error body");

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}
