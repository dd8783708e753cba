using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cabinets.Api.Tests.Vending.Fakes;

/// <summary>Which WeChat call a request is (VENDING.md §4.3).</summary>
public enum WeChatCall
{
    Unknown, Permissions, CreateOrder, CompleteOrder, ModifyOrder, CancelOrder, QueryOrder, Refund, JsCode2Session, AccessToken, PhoneNumber,
}

/// <summary>
/// A real WeChat on 127.0.0.1 (Kestrel, port 0) for the vending tests: pay-score, refunds and the
/// mini-program. It records every request, checks each APIv3 request's `Authorization` signature
/// with the merchant public key (401 `SIGN_ERROR` when wrong), keeps a book of service orders so
/// that repeats answer as WeChat does, and answers as scripted per call or per path. Its RSA keys
/// (merchant, platform) are generated per instance and written to temp PEM files;
/// <see cref="Settings"/> points the Api at it. Its crypto is written here with the BCL, not taken
/// from the adapters, so the tests check the adapters against an independent reading of the spec.
/// </summary>
public sealed partial class FakeWeChat : IAsyncDisposable
{
    public const string MchId = "1900000109";
    public const string AppId = "wxd678efh567hg6787";
    public const string ServiceId = "00004000000000000000000000000001";
    public const string MerchantSerialNo = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    public const string PlatformKeyId = "PUB_KEY_ID_0114232134912410000000000001";
    public const string MiniAppId = "wx3f1a2b3c4d5e6f70";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Request> _requests = new();
    private readonly ConcurrentDictionary<string, Script> _scripts = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"fake-wechat-{Guid.NewGuid():N}");

    /// <summary>One request as received; <see cref="Body"/> is null for a GET or a body that is not JSON.</summary>
    public sealed record Request(
        WeChatCall Call, string Method, string Path, string Target, JsonElement? Body, string RawBody,
        IReadOnlyDictionary<string, string> Headers, bool SignatureValid, int AnsweredWith)
    {
        public string? Query(string name) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + Target).Query)
            .TryGetValue(name, out var v) ? v.ToString() : null;
    }

    private sealed record Script(int Failures, int Status, string? Body, TimeSpan Delay, bool UntilRecovered);

    private FakeWeChat(WebApplication app)
    {
        _app = app;
        Directory.CreateDirectory(_directory);
        MerchantPrivateKeyPath = Path.Combine(_directory, "merchant-private.pem");
        PlatformPublicKeyPath = Path.Combine(_directory, "platform-public.pem");
        File.WriteAllText(MerchantPrivateKeyPath, MerchantKey.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(PlatformPublicKeyPath, PlatformKey.ExportSubjectPublicKeyInfoPem());
    }

    /// <summary>The merchant's key pair: the Api signs with the private half (a PEM file), the fake verifies with the public half.</summary>
    public RSA MerchantKey { get; } = RSA.Create(2048);

    /// <summary>WeChat Pay's platform key pair: the fake signs notifications, the Api verifies with the public half (a PEM file).</summary>
    public RSA PlatformKey { get; } = RSA.Create(2048);

    public string MerchantPrivateKeyPath { get; }
    public string PlatformPublicKeyPath { get; }
    public string ApiV3Key { get; } = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 32);
    public string ApiKey { get; } = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 32);
    public string AppSecret { get; } = RandomNumberGenerator.GetString("abcdef0123456789", 32);

    public string BaseUrl { get; private set; } = "";

    /// <summary>The clock of notification timestamps: set it to the Api's controllable clock so that they fall inside its ±300 s.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public static FakeWeChat Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeWeChat(builder.Build());
        fake._app.Run(fake.AnswerAsync);
        fake._app.StartAsync().GetAwaiter().GetResult();
        fake.BaseUrl = fake._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/');
        return fake;
    }

    /// <summary>Every `WeChatPay:*` and `WeChatMiniProgram:*` setting that points the Api at this fake, both providers `http`.</summary>
    public IReadOnlyDictionary<string, string> Settings(string notifyUrl = "https://cabinets.example/api/callbacks/wechatpay") => new Dictionary<string, string>
    {
        ["WeChatPay:Provider"] = "http",
        ["WeChatPay:BaseUrl"] = BaseUrl,
        ["WeChatPay:MchId"] = MchId,
        ["WeChatPay:AppId"] = AppId,
        ["WeChatPay:ServiceId"] = ServiceId,
        ["WeChatPay:MerchantSerialNo"] = MerchantSerialNo,
        ["WeChatPay:MerchantPrivateKeyPath"] = MerchantPrivateKeyPath,
        ["WeChatPay:ApiV3Key"] = ApiV3Key,
        ["WeChatPay:ApiKey"] = ApiKey,
        ["WeChatPay:PlatformKeyId"] = PlatformKeyId,
        ["WeChatPay:PlatformPublicKeyPath"] = PlatformPublicKeyPath,
        ["WeChatPay:NotifyUrl"] = notifyUrl,
        ["WeChatMiniProgram:Provider"] = "http",
        ["WeChatMiniProgram:BaseUrl"] = BaseUrl,
        ["WeChatMiniProgram:AppId"] = MiniAppId,
        ["WeChatMiniProgram:AppSecret"] = AppSecret,
    };

    public IReadOnlyList<Request> Requests => _requests.ToList();

    public IReadOnlyList<Request> RequestsFor(WeChatCall call) => _requests.Where(r => r.Call == call).ToList();

    /// <summary>The requests to one path (no query), e.g. `/v3/payscore/serviceorder/VP1/complete`.</summary>
    public IReadOnlyList<Request> RequestsTo(string path) => _requests.Where(r => r.Path == path).ToList();

    // ── scripts: by call (every request of that kind) or by path (one order), the path winning ──

    /// <summary>Answer <paramref name="status"/> (and <paramref name="body"/>, JSON) until <see cref="Recover(WeChatCall)"/>.</summary>
    public void Answer(WeChatCall call, int status, object? body = null) => _scripts[call.ToString()] = new Script(0, status, Json(body), TimeSpan.Zero, true);

    public void Answer(string path, int status, object? body = null) => _scripts[path] = new Script(0, status, Json(body), TimeSpan.Zero, true);

    public void FailFirst(WeChatCall call, int requests, int status = 503, object? body = null) => _scripts[call.ToString()] = new Script(requests, status, Json(body), TimeSpan.Zero, false);

    public void FailFirst(string path, int requests, int status = 503, object? body = null) => _scripts[path] = new Script(requests, status, Json(body), TimeSpan.Zero, false);

    public void FailUntilRecovered(WeChatCall call, int status = 503) => Answer(call, status);

    public void FailUntilRecovered(string path, int status = 503) => Answer(path, status);

    /// <summary>Answer normally, but only after <paramref name="delay"/> (longer than the adapter's timeout: a timeout).</summary>
    public void Stall(WeChatCall call, TimeSpan delay) => _scripts[call.ToString()] = new Script(0, 0, null, delay, false);

    public void Recover(WeChatCall call) => _scripts.TryRemove(call.ToString(), out _);

    public void Recover(string path) => _scripts.TryRemove(path, out _);

    private static string? Json(object? body) => body switch { null => null, string s => s, _ => JsonSerializer.Serialize(body) };

    private async Task AnswerAsync(HttpContext http)
    {
        var raw = await new StreamReader(http.Request.Body).ReadToEndAsync(http.RequestAborted);
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Request.Path + http.Request.QueryString).ToString();
        var path = http.Request.Path.Value ?? "";
        var call = CallOf(http.Request.Method, path);
        var body = ParseJson(raw);
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var isPay = path.StartsWith("/v3/", StringComparison.Ordinal);
        var signed = !isPay || AuthorizationIsValid(http.Request.Method, target, raw, headers.GetValueOrDefault("Authorization"));

        (int Status, string Body) answer;
        if (!signed) answer = (401, """{"code":"SIGN_ERROR","message":"签名错误"}""");
        else if (await ScriptedAsync(call, path, http.RequestAborted) is { } scripted) answer = scripted;
        else answer = isPay ? PayAnswer(call, path, body, raw, http.Request.Query) : MiniAnswer(call, body, http.Request.Query);

        _requests.Enqueue(new Request(call, http.Request.Method, path, target, body, raw, headers, signed, answer.Status));
        http.Response.StatusCode = answer.Status;
        if (answer.Body.Length > 0)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(answer.Body);
        }
    }

    private async Task<(int, string)?> ScriptedAsync(WeChatCall call, string path, CancellationToken ct)
    {
        var key = _scripts.ContainsKey(path) ? path : call.ToString();
        if (!_scripts.TryGetValue(key, out var script)) return null;
        if (script.Delay > TimeSpan.Zero) await Task.Delay(script.Delay, ct);
        if (script.UntilRecovered) return (script.Status, script.Body ?? FailureBody(script.Status));
        if (script.Failures <= 0) return null;
        _scripts[key] = script with { Failures = script.Failures - 1 };
        return (script.Status, script.Body ?? FailureBody(script.Status));
    }

    private static string FailureBody(int status) => status >= 400 ? """{"code":"SYSTEM_ERROR","message":"scripted failure"}""" : "{}";

    private static WeChatCall CallOf(string method, string path) => (method, path) switch
    {
        ("POST", "/v3/payscore/permissions") => WeChatCall.Permissions,
        ("POST", "/v3/payscore/serviceorder") => WeChatCall.CreateOrder,
        ("GET", "/v3/payscore/serviceorder") => WeChatCall.QueryOrder,
        ("POST", _) when path.StartsWith("/v3/payscore/serviceorder/", StringComparison.Ordinal) && path.EndsWith("/complete", StringComparison.Ordinal) => WeChatCall.CompleteOrder,
        ("POST", _) when path.StartsWith("/v3/payscore/serviceorder/", StringComparison.Ordinal) && path.EndsWith("/modify", StringComparison.Ordinal) => WeChatCall.ModifyOrder,
        ("POST", _) when path.StartsWith("/v3/payscore/serviceorder/", StringComparison.Ordinal) && path.EndsWith("/cancel", StringComparison.Ordinal) => WeChatCall.CancelOrder,
        ("POST", "/v3/refund/domestic/refunds") => WeChatCall.Refund,
        ("GET", "/sns/jscode2session") => WeChatCall.JsCode2Session,
        ("GET", "/cgi-bin/token") => WeChatCall.AccessToken,
        ("POST", "/wxa/business/getuserphonenumber") => WeChatCall.PhoneNumber,
        _ => WeChatCall.Unknown,
    };

    private static JsonElement? ParseJson(string raw)
    {
        if (raw.Length == 0) return null;
        try
        {
            using var doc = JsonDocument.Parse(raw);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        MerchantKey.Dispose();
        PlatformKey.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
