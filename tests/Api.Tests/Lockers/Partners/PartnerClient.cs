using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cabinets.Api.Tests.Lockers.Partners;

/// <summary>A partner request as signed, before it is sent; tests change fields after signing to forge one.</summary>
public sealed record SignedRequest(string Method, string Target, byte[] Body, string PartnerId, string Timestamp, string Nonce, string Signature)
{
    public string? IdempotencyKey { get; init; }
}

/// <summary>What the server answered.</summary>
public sealed record PartnerAnswer(int Status, string ContentType, string Text)
{
    public JsonElement Json => JsonDocument.Parse(Text).RootElement.Clone();

    /// <summary>The problem's `type` after the common prefix (e.g. `signature-invalid`), asserting it is problem+json.</summary>
    public string ProblemType
    {
        get
        {
            ContentType.ShouldBe("application/problem+json", Text);
            return Json.GetProperty("type").GetString()!.Replace("https://cabinets.example/problems/", "", StringComparison.Ordinal);
        }
    }

    public string[] Fields => Json.TryGetProperty("fields", out var f) ? f.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
}

/// <summary>
/// A courier partner's client, signing exactly as API-CONTRACT.md (Partner REST) says, written
/// from the contract and not from the server's code: lower-case
/// hex(HMAC-SHA256(UTF-8 secret, METHOD \n target as sent \n timestamp \n nonce \n hex(SHA256(body)))).
/// Targets are signed as given, so tests pass them in their wire form (.NET's Uri unescapes
/// unreserved characters such as %41 before sending, and keeps upper-case escapes of others).
/// </summary>
public sealed class PartnerClient(HttpClient http, string partnerId, string secret)
{
    public string PartnerId => partnerId;

    public string Secret => secret;

    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string Signature(string secret, string method, string target, string timestamp, string nonce, byte[] body)
    {
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(body));
        var text = method + "\n" + target + "\n" + timestamp + "\n" + nonce + "\n" + bodyHash;
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(text)));
    }

    public SignedRequest Sign(string method, string target, string? json = null, DateTimeOffset? at = null, string? nonce = null)
    {
        var body = json is null ? [] : Encoding.UTF8.GetBytes(json);
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        nonce ??= NewNonce();
        return new SignedRequest(method, target, body, partnerId, timestamp, nonce, Signature(secret, method, target, timestamp, nonce, body));
    }

    public Task<PartnerAnswer> GetAsync(string target) => SendAsync(Sign("GET", target));

    public Task<PartnerAnswer> PostAsync(string target, string json, string? idempotencyKey = null) =>
        SendAsync(Sign("POST", target, json) with { IdempotencyKey = idempotencyKey });

    public async Task<PartnerAnswer> SendAsync(SignedRequest r, Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(r.Method), r.Target);
        if (r.Body.Length > 0 || r.Method == "POST")
            request.Content = new ByteArrayContent(r.Body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        request.Headers.TryAddWithoutValidation("X-Partner-Id", r.PartnerId);
        request.Headers.TryAddWithoutValidation("X-Timestamp", r.Timestamp);
        request.Headers.TryAddWithoutValidation("X-Nonce", r.Nonce);
        request.Headers.TryAddWithoutValidation("X-Signature", r.Signature);
        if (r.IdempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", r.IdempotencyKey);
        request.Headers.TryAddWithoutValidation(WireTarget.Header, new Uri(http.BaseAddress!, r.Target).PathAndQuery);
        headers?.Invoke(request.Headers);
        using var response = await http.SendAsync(request);
        return new PartnerAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", await response.Content.ReadAsStringAsync());
    }
}
