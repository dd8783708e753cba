using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// The mini-program's server calls (VENDING.md §2.2, §4.3): `jscode2session` for the openid,
/// `cgi-bin/token` (cached by <see cref="MiniProgramAccessToken"/>) and `getuserphonenumber`.
/// WeChat answers 200 with `errcode` ≠ 0 for a refusal: that is <see cref="ExternalRejectedException"/>
/// with the errcode and errmsg. The session_key is dropped unread; openid and phone are returned,
/// never kept, logged or put in an exception.
/// </summary>
public sealed class HttpWeChatMiniProgram(IHttpClientFactory clients, WeChatMiniProgramSettings settings, MiniProgramAccessToken token) : IWeChatMiniProgram
{
    public const string ClientName = "wechat-miniprogram";
    public const string Service = "wechat-miniprogram";
    private static readonly int[] TokenNoLongerValid = [40001, 40014, 42001];

    public async Task<string> OpenIdAsync(string code, CancellationToken ct)
    {
        var answer = await GetAsync($"/sns/jscode2session?appid={Esc(settings.AppId)}&secret={Esc(settings.AppSecret)}&js_code={Esc(code)}&grant_type=authorization_code", ct);
        return answer.Str("openid") ?? throw new ExternalRejectedException(Service, "INVALID_ANSWER", "jscode2session gave no openid");
    }

    public async Task<string> PhoneNumberAsync(string phoneCode, CancellationToken ct)
    {
        var current = await token.GetAsync(FetchTokenAsync, ct);
        try
        {
            return await PhoneWithAsync(current, phoneCode, ct);
        }
        catch (ExternalRejectedException e) when (TokenNoLongerValid.Any(c => c.ToString(CultureInfo.InvariantCulture) == e.Code))
        {
            token.Invalidate(current); // revoked early (another fetch elsewhere): one more try with a fresh token
            return await PhoneWithAsync(await token.GetAsync(FetchTokenAsync, ct), phoneCode, ct);
        }
    }

    private async Task<string> PhoneWithAsync(string accessToken, string phoneCode, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Uri($"/wxa/business/getuserphonenumber?access_token={Esc(accessToken)}"))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { code = phoneCode }), Encoding.UTF8, "application/json"),
        };
        var answer = await SendAsync(request, ct);
        return answer.Child("phone_info")?.Str("purePhoneNumber")
            ?? throw new ExternalRejectedException(Service, "INVALID_ANSWER", "getuserphonenumber gave no phone_info");
    }

    private async Task<(string, long)> FetchTokenAsync(CancellationToken ct)
    {
        var answer = await GetAsync($"/cgi-bin/token?grant_type=client_credential&appid={Esc(settings.AppId)}&secret={Esc(settings.AppSecret)}", ct);
        var accessToken = answer.Str("access_token") ?? throw new ExternalRejectedException(Service, "INVALID_ANSWER", "cgi-bin/token gave no access_token");
        return (accessToken, answer.Long("expires_in") ?? 7200);
    }

    private async Task<JsonElement> GetAsync(string pathAndQuery, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Uri(pathAndQuery));
        return await SendAsync(request, ct);
    }

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var answer = await WeChatHttp.SendAsync(clients.CreateClient(ClientName), request, Service, ct);
        var json = WeChatJson.ParseObject(answer.Body); // WeChat labels some answers text/plain: the body is read whatever its type
        if (answer.Status is < 200 or >= 300)
            throw new ExternalRejectedException(Service, json?.Long("errcode")?.ToString(CultureInfo.InvariantCulture) ?? $"HTTP {answer.Status}", json?.Str("errmsg") ?? "no error body");
        if (json is not { } body) throw new ExternalRejectedException(Service, "INVALID_ANSWER", "the answer is not a JSON object");
        if (body.Long("errcode") is { } errcode and not 0)
            throw new ExternalRejectedException(Service, errcode.ToString(CultureInfo.InvariantCulture), body.Str("errmsg") ?? "");
        return body;
    }

    private Uri Uri(string pathAndQuery) => new(settings.BaseUrl.TrimEnd('/') + pathAndQuery, UriKind.Absolute);

    private static string Esc(string? value) => System.Uri.EscapeDataString(value ?? "");
}
