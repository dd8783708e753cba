using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Cabinets.Api.Tests.Vending.Fakes;

public sealed partial class FakeWeChat
{
    private readonly ConcurrentDictionary<string, string> _openIds = new();
    private readonly ConcurrentDictionary<string, string> _phones = new();
    private readonly ConcurrentDictionary<string, bool> _tokens = new();
    private int _tokensIssued;

    /// <summary>`expires_in` of each access token the fake issues (WeChat: 7200).</summary>
    public long TokenLifetimeSeconds { get; set; } = 7200;

    /// <summary>How many times `cgi-bin/token` issued a token (the adapter should cache it).</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>`jscode2session` with this code gives this openid; an unmapped code is `40029 invalid code`.</summary>
    public void MapOpenId(string code, string openId) => _openIds[code] = openId;

    /// <summary>`getuserphonenumber` with this phone code gives this number; an unmapped one is `40029 invalid code`.</summary>
    public void MapPhone(string phoneCode, string phone) => _phones[phoneCode] = phone;

    /// <summary>Every token issued so far stops working (`40001`), as when another server fetched a new one.</summary>
    public void RevokeTokens() => _tokens.Clear();

    private (int, string) MiniAnswer(WeChatCall call, JsonElement? body, IQueryCollection query)
    {
        switch (call)
        {
            case WeChatCall.JsCode2Session:
                if (query["appid"] != MiniAppId || query["secret"] != AppSecret) return WeChatError(40125, "invalid appsecret");
                if (query["grant_type"] != "authorization_code") return WeChatError(40002, "invalid grant_type");
                return _openIds.TryGetValue(query["js_code"].ToString(), out var openId)
                    ? (200, JsonSerializer.Serialize(new { openid = openId, session_key = "c2Vzc2lvbi1rZXktbm90LWtlcHQ=" }))
                    : WeChatError(40029, "invalid code");
            case WeChatCall.AccessToken:
                if (query["appid"] != MiniAppId || query["secret"] != AppSecret) return WeChatError(40125, "invalid appsecret");
                var token = $"ACCESS-TOKEN-{Interlocked.Increment(ref _tokensIssued)}";
                _tokens[token] = true;
                return (200, JsonSerializer.Serialize(new { access_token = token, expires_in = TokenLifetimeSeconds }));
            case WeChatCall.PhoneNumber:
                if (!_tokens.ContainsKey(query["access_token"].ToString())) return WeChatError(40001, "invalid credential, access_token is invalid or not latest");
                var phoneCode = Str(body, "code") ?? "";
                return _phones.TryGetValue(phoneCode, out var phone)
                    ? (200, JsonSerializer.Serialize(new
                    {
                        errcode = 0, errmsg = "ok",
                        phone_info = new { phoneNumber = phone, purePhoneNumber = phone, countryCode = "86", watermark = new { appid = MiniAppId } },
                    }))
                    : WeChatError(40029, "invalid code");
            default:
                return (404, "");
        }
    }

    /// <summary>WeChat's mini-program refusals come with HTTP 200.</summary>
    private static (int, string) WeChatError(int errcode, string errmsg) => (200, JsonSerializer.Serialize(new { errcode, errmsg }));
}
