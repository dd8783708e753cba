using Cabinets.Api.Lockers.Partners.Rest;
using Cabinets.Api.Vending.Ports.Vendor;
using Microsoft.Extensions.Primitives;

namespace Cabinets.Api.Vending.Rest;

/// <summary>
/// Authenticates the vendor's callbacks (VENDING.md §4.1, §6.25): signed exactly like partner
/// requests with the one shared `Vendor__Secret`; `X-Partner-Id` must be `Vendor__PartnerId`. In the
/// partner filter's order, so a forged request never burns a nonce: headers → timestamp ±300 s →
/// partner id → signature over the raw target and body → nonce unused for 10 minutes. Every
/// refusal is the same 401 `invalid-signature` (the detail says which check); nothing is stored.
/// The body bytes are left for the endpoint (<see cref="BodyOf"/>).
/// </summary>
internal sealed class VendorSignatureFilter(VendorSettings settings, PartnerNonces nonces, TimeProvider clock) : IEndpointFilter
{
    public const int MaxBodyBytes = 256 * 1024; // 500 status reports or 100 order lines, with room
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(300);

    /// <summary>The request body as read and hashed by the filter.</summary>
    public static byte[] BodyOf(HttpContext http) => (byte[])http.Items[typeof(VendorSignatureFilter)]!;

    /// <summary>The nonce table is shared with the partners: the vendor's nonces are kept under a name no partner can have.</summary>
    public static string NonceOwner(string partnerId) => "vendor:" + partnerId;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var headers = http.Request.Headers;
        var partnerId = One(headers, PartnerSignatureFilter.PartnerIdHeader, 1, 64);
        var timestamp = One(headers, PartnerSignatureFilter.TimestampHeader, 1, 12);
        var nonce = One(headers, PartnerSignatureFilter.NonceHeader, 16, 64);
        var signature = One(headers, PartnerSignatureFilter.SignatureHeader, 64, 64);
        if (partnerId is null || timestamp is null || nonce is null || signature is null || !timestamp.All(char.IsAsciiDigit) || !long.TryParse(timestamp, out var seconds))
            return VendingProblems.Unsigned("X-Partner-Id, X-Timestamp, X-Nonce (16-64) and X-Signature (64 hex) are required");

        var now = clock.GetUtcNow();
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > Skew.TotalSeconds)
            return VendingProblems.Unsigned($"X-Timestamp must be within {Skew.TotalSeconds} s of the server's time ({now.ToUnixTimeSeconds()})");
        if (string.IsNullOrEmpty(settings.PartnerId) || string.IsNullOrEmpty(settings.Secret) || partnerId != settings.PartnerId)
            return VendingProblems.Unsigned("X-Partner-Id is not the vendor's");

        var body = await ReadBodyAsync(http);
        if (body is null) return VendingProblems.Unsigned($"a vendor request body is at most {MaxBodyBytes} bytes");
        var expected = PartnerSigning.Sign(settings.Secret, http.Request.Method, PartnerSignatureFilter.RawTarget(http), timestamp, nonce, PartnerSigning.BodyHash(body));
        if (!PartnerSigning.Matches(expected, signature)) return VendingProblems.Unsigned("X-Signature is not the signature of this request");
        if (!await nonces.TryUseAsync(NonceOwner(partnerId), nonce, http.RequestAborted)) return VendingProblems.Unsigned("this X-Nonce was already used in the last 10 minutes");

        http.Items[typeof(VendorSignatureFilter)] = body;
        return await next(context);
    }

    private static string? One(IHeaderDictionary headers, string name, int min, int max)
    {
        StringValues values = headers[name];
        var value = values.Count == 1 ? values[0] : null;
        return value is null || value.Length < min || value.Length > max || value.Any(c => c is < '!' or > '~') ? null : value;
    }

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
