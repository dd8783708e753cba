using Cabinets.Api.Lockers.Partners;
using Cabinets.Api.Lockers.Partners.Rest;
using Cabinets.Domain.Fulfillment;
using Cabinets.Projections.Fulfillment;
using Marten;

namespace Cabinets.Api.Fulfillment.Rest;

/// <summary>
/// The channel's requests to `/api/channels/{shopCode}/…` (FULFILLMENT.md §4a), signed like the partner
/// API with `X-Node-Id` (the shop's 网店节点) in place of `X-Partner-Id` and the shop's token as the
/// secret (opened from its seal, ADR-0023): the node must be the shop's; timestamp ±300 s; a nonce
/// once per 10 minutes (the partners' nonce table, owner `node:{nodeId}`). Any failure is 401 with
/// nothing read further; the body is kept for the endpoint (<see cref="BodyOf"/>).
/// </summary>
internal sealed class ChannelSignatureFilter(IDocumentStore store, PartnerSecrets secrets, PartnerNonces nonces, TimeProvider clock) : IEndpointFilter
{
    public const string NodeIdHeader = "X-Node-Id";
    public const int MaxBodyBytes = 256 * 1024;
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(300);

    public static byte[] BodyOf(HttpContext http) => (byte[])http.Items[typeof(ChannelSignatureFilter)]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var headers = http.Request.Headers;
        string? One(string name, int min, int max) => headers[name] is [{ } v] && v.Length >= min && v.Length <= max && v.All(ch => ch is >= '!' and <= '~') ? v : null;
        var nodeId = One(NodeIdHeader, 1, 100);
        var timestamp = One(PartnerSignatureFilter.TimestampHeader, 1, 12);
        var nonce = One(PartnerSignatureFilter.NonceHeader, 16, 64);
        var signature = One(PartnerSignatureFilter.SignatureHeader, 64, 64);
        if (nodeId is null || timestamp is null || nonce is null || signature is null || !timestamp.All(char.IsAsciiDigit) || !long.TryParse(timestamp, out var seconds))
            return ChannelProblems.Unsigned("X-Node-Id, X-Timestamp, X-Nonce (16-64) and X-Signature (64 hex) are required");
        if (Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - seconds) > Skew.TotalSeconds)
            return ChannelProblems.Unsigned($"X-Timestamp must be within {Skew.TotalSeconds} s of the server's time");

        var shopCode = http.Request.RouteValues["shopCode"] as string ?? "";
        await using var session = store.QuerySession();
        var shop = (await session.LoadAsync<FulfillmentShopSnapshot>(FulfillmentEventNames.Shop(shopCode), http.RequestAborted))?.State;
        if (shop is null || shop.NodeId != nodeId) return ChannelProblems.Unsigned("X-Node-Id is not the node of this shop");

        var body = await ReadBodyAsync(http);
        if (body is null) return ChannelProblems.Of(StatusCodes.Status413PayloadTooLarge, ChannelProblems.Validation, $"a channel request body is at most {MaxBodyBytes} bytes");
        var secret = await secrets.OpenAsync("shop:" + shop.ShopCode, shop.SealedToken, http.RequestAborted);
        var expected = PartnerSigning.Sign(secret, http.Request.Method, PartnerSignatureFilter.RawTarget(http), timestamp, nonce, PartnerSigning.BodyHash(body));
        if (!PartnerSigning.Matches(expected, signature)) return ChannelProblems.Unsigned("X-Signature is not the signature of this request with this shop's token");
        if (!await nonces.TryUseAsync("node:" + nodeId, nonce, http.RequestAborted))
            return ChannelProblems.Of(StatusCodes.Status401Unauthorized, ChannelProblems.ReplayedNonce, "this X-Nonce was already used in the last 10 minutes");

        http.Items[typeof(ChannelSignatureFilter)] = body;
        return await next(context);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        return buffer.Length > MaxBodyBytes ? null : buffer.ToArray();
    }
}
