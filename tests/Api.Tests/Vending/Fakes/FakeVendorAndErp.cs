using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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

/// <summary>
/// The vendor (小麦) and the ERP on 127.0.0.1 (Kestrel, port 0) for the vending tests (VENDING.md
/// §4.3): `POST /api/v1/doors/open`, `/api/v1/devices/bind|unbind` answer 200; `GET /api/v1/products`
/// answers the page set for its cursor; `POST /api/v1/sales-summaries` answers 200. Every request is
/// recorded with the time it arrived and whether its partner-style signature (checked here with the
/// BCL against <see cref="Secret"/>, not with the Api's signer) is valid; a wrong one is answered 401.
/// A path can be scripted to answer another status until it is recovered.
/// </summary>
public sealed class FakeVendorAndErp : IAsyncDisposable
{
    /// <summary>One shared secret for both directions (§6.25): the vendor's, and here the ERP's too.</summary>
    public const string Secret = VendingFixture.VendorSecret;
    public const string VendorMerchantId = "cabinets-at-wheat";
    public const string ErpClientId = "cabinets-at-erp";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Request> _requests = new();
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _scripts = new();
    private readonly ConcurrentDictionary<string, object> _pages = new();

    public sealed record Request(string Method, string Path, string Target, JsonElement? Body, string? PartnerId, string? IdempotencyKey,
        bool SignatureValid, DateTimeOffset At, int AnsweredWith)
    {
        public string? Query(string name) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + Target).Query)
            .TryGetValue(name, out var v) ? v.ToString() : null;
    }

    private FakeVendorAndErp(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static FakeVendorAndErp Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeVendorAndErp(builder.Build());
        fake._app.Run(fake.AnswerAsync);
        fake._app.StartAsync().GetAwaiter().GetResult();
        fake.BaseUrl = fake._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/');
        return fake;
    }

    /// <summary>`Vendor:*` and `Erp:*` pointing the Api at this fake, both providers `http`.</summary>
    public IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["Vendor:Provider"] = "http",
        ["Vendor:BaseUrl"] = BaseUrl,
        ["Vendor:MerchantId"] = VendorMerchantId,
        ["Erp:Provider"] = "http",
        ["Erp:BaseUrl"] = BaseUrl,
        ["Erp:ClientId"] = ErpClientId,
        ["Erp:Secret"] = Secret,
    };

    public IReadOnlyList<Request> RequestsTo(string path) => _requests.Where(r => r.Path == path).ToList();

    /// <summary>Answer <paramref name="status"/> with <paramref name="body"/> (JSON) to every request to <paramref name="path"/> until <see cref="Recover"/>.</summary>
    public void Answer(string path, int status, object? body = null) =>
        _scripts[path] = (status, body is null ? """{"code":"SYSTEM_ERROR","message":"scripted failure"}""" : JsonSerializer.Serialize(body));

    public void Recover(string path) => _scripts.TryRemove(path, out _);

    /// <summary>The product page answered for <paramref name="cursor"/> (null: the first page), as the ERP sends it: `{items, nextCursor}`.</summary>
    public void Page(string? cursor, string? nextCursor, params (string Code, string Name, long Price)[] items) =>
        _pages[cursor ?? ""] = new
        {
            items = items.Select(i => new { code = i.Code, name = i.Name, price = i.Price, category = "食品", status = "ENABLED", updatedAt = DateTimeOffset.UtcNow }),
            nextCursor,
        };

    private async Task AnswerAsync(HttpContext http)
    {
        var raw = await new StreamReader(http.Request.Body).ReadToEndAsync(http.RequestAborted);
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Request.Path + http.Request.QueryString).ToString();
        var path = http.Request.Path.Value ?? "";
        var signed = SignatureIsValid(http.Request, target, raw);
        (int Status, string Body) answer = !signed ? (401, """{"code":"INVALID_SIGNATURE","message":"bad signature"}""")
            : _scripts.TryGetValue(path, out var scripted) ? scripted
            : (http.Request.Method, path) switch
            {
                ("GET", "/api/v1/products") => _pages.TryGetValue(http.Request.Query["cursor"].ToString(), out var page)
                    ? (200, JsonSerializer.Serialize(page)) : (200, """{"items":[],"nextCursor":null}"""),
                ("POST", "/api/v1/doors/open") => (200, """{"status":"OPENED"}"""),
                ("POST", _) when path.StartsWith("/api/v1/", StringComparison.Ordinal) => (200, """{"status":"ACCEPTED"}"""),
                _ => (404, ""),
            };
        _requests.Enqueue(new Request(http.Request.Method, path, target, Parse(raw), http.Request.Headers["X-Partner-Id"].ToString(),
            http.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } key ? key : null, signed, DateTimeOffset.UtcNow, answer.Status));
        http.Response.StatusCode = answer.Status;
        if (answer.Body.Length > 0)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(answer.Body);
        }
    }

    /// <summary>`METHOD\ntarget\ntimestamp\nnonce\nhex(sha256(body))`, HMAC-SHA256 with the shared secret, lowercase hex.</summary>
    private static bool SignatureIsValid(HttpRequest request, string target, string raw)
    {
        var canonical = string.Join('\n', request.Method, target, request.Headers["X-Timestamp"].ToString(), request.Headers["X-Nonce"].ToString(),
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw))));
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(canonical)));
        var age = long.TryParse(request.Headers["X-Timestamp"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var ts)
            ? Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - ts) : long.MaxValue;
        return age <= 300 && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(request.Headers["X-Signature"].ToString()));
    }

    private static JsonElement? Parse(string raw)
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

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
