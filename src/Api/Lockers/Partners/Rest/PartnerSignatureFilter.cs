using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Cabinets.Api.Lockers.Partners.Rest;

/// <summary>
/// Authenticates every partner request (API-CONTRACT.md, Partner REST; ADR-0023). In this order, so
/// that no check costs more than the one before it and a forged request never burns a nonce:
/// headers well formed → timestamp within ±300 s → partner known and active → signature over the
/// raw target and the body → nonce not used in the last 10 minutes. Each refusal is a 401
/// problem with its own type; the partner's id is left in <see cref="HttpContext.Items"/>.
/// </summary>
internal sealed class PartnerSignatureFilter(PartnerDirectory partners, PartnerNonces nonces, TimeProvider clock) : IEndpointFilter
{
    public const string PartnerIdHeader = "X-Partner-Id";
    public const string TimestampHeader = "X-Timestamp";
    public const string NonceHeader = "X-Nonce";
    public const string SignatureHeader = "X-Signature";
    public const int MaxBodyBytes = 64 * 1024;
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(300);
    private static readonly object PartnerKey = new();

    /// <summary>The authenticated partner of this request (set by the filter, so always there inside a partner endpoint).</summary>
    public static string PartnerOf(HttpContext http) => (string)http.Items[PartnerKey]!;

    /// <summary>The request body as read and hashed by the filter.</summary>
    public static byte[] BodyOf(HttpContext http) => (byte[])http.Items[typeof(PartnerSignatureFilter)]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var headers = http.Request.Headers;
        var malformed = new List<string>();
        var partnerId = One(headers, PartnerIdHeader, 1, 64, malformed);
        var timestamp = One(headers, TimestampHeader, 1, 12, malformed);
        var nonce = One(headers, NonceHeader, 16, 64, malformed);
        var signature = One(headers, SignatureHeader, 64, 64, malformed);
        long seconds = 0;
        if (timestamp is not null && (!timestamp.All(char.IsAsciiDigit) || !long.TryParse(timestamp, out seconds))) malformed.Add(TimestampHeader);
        if (malformed.Count > 0)
            return PartnerProblems.Of(PartnerProblems.HeadersInvalid, $"these headers are missing or malformed: {string.Join(", ", malformed)}", malformed);

        var now = clock.GetUtcNow();
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > Skew.TotalSeconds)
            return PartnerProblems.Of(PartnerProblems.TimestampStale, $"X-Timestamp must be within {Skew.TotalSeconds} s of the server's time ({now.ToUnixTimeSeconds()})", [TimestampHeader]);

        if (await partners.SigningSecretAsync(partnerId!, http.RequestAborted) is not { } secret)
            return PartnerProblems.Of(PartnerProblems.PartnerUnknown, "no active partner has this id", [PartnerIdHeader]);

        var body = await ReadBodyAsync(http);
        if (body is null)
            return PartnerProblems.Of(PartnerProblems.BodyTooLarge, $"a partner request body is at most {MaxBodyBytes} bytes");

        var expected = PartnerSigning.Sign(secret, http.Request.Method, RawTarget(http), timestamp!, nonce!, PartnerSigning.BodyHash(body));
        if (!PartnerSigning.Matches(expected, signature!))
            return PartnerProblems.Of(PartnerProblems.SignatureInvalid, "X-Signature is not the signature of this request with this partner's secret", [SignatureHeader]);

        if (!await nonces.TryUseAsync(partnerId!, nonce!, http.RequestAborted))
            return PartnerProblems.Of(PartnerProblems.NonceReplayed, "this X-Nonce was already used in the last 10 minutes", [NonceHeader]);

        http.Items[PartnerKey] = partnerId;
        http.Items[typeof(PartnerSignatureFilter)] = body;
        return await next(context);
    }

    /// <summary>The request target as sent (never decoded); servers that do not keep it get the path and query re-encoded.</summary>
    public static string RawTarget(HttpContext http) =>
        http.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : http.Request.PathBase.ToUriComponent() + http.Request.Path.ToUriComponent() + http.Request.QueryString.ToUriComponent();

    /// <summary>Exactly one value of visible ASCII within the length bounds, else the header is noted as malformed.</summary>
    private static string? One(IHeaderDictionary headers, string name, int min, int max, List<string> malformed)
    {
        StringValues values = headers[name];
        var value = values.Count == 1 ? values[0] : null;
        if (value is null || value.Length < min || value.Length > max || value.Any(c => c is < '!' or > '~'))
        {
            malformed.Add(name);
            return null;
        }
        return value;
    }

    /// <summary>The whole body (null when longer than <see cref="MaxBodyBytes"/>); endpoints read it from <see cref="BodyOf"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
