using Cabinets.Api.Commands;
using Npgsql;

namespace Cabinets.Api.Fulfillment.Rest;

/// <summary>`fulfillment.idempotency_keys`, keyed per channel node.</summary>
internal sealed class ChannelIdempotencyKeys(NpgsqlDataSource db, TimeProvider clock)
    : IdempotencyKeyStore(db, clock, "fulfillment.idempotency_keys", "owner", keepsContentType: true)
{
    public static Weasel.Postgresql.Tables.Table Table() =>
        Table("fulfillment", "idempotency_keys", "owner", keepsContentType: true, "fulfillment_idempotency_keys_pkey");
}

/// <summary>
/// The optional `Idempotency-Key` of the channel endpoints (FULFILLMENT.md §4a), after the signature
/// filter: the first request with a key claims it and its answer is kept 24 hours; a repeat with the
/// same path and body gets that answer byte for byte; another request under the key is 422
/// `idempotency-conflict`; a repeat while the first runs is 409. Keys are per node.
/// </summary>
internal sealed class ChannelIdempotency(ChannelIdempotencyKeys keys) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var values = http.Request.Headers[Header];
        if (values.Count == 0) return await next(context);
        var key = values.Count == 1 ? values[0] ?? "" : "";
        if (key.Length is 0 or > 200 || key.Any(c => c is < ' ' or > '~'))
            return ChannelProblems.Of(StatusCodes.Status422UnprocessableEntity, ChannelProblems.Validation, "Idempotency-Key: one value of 1-200 printable ASCII characters", [Header]);

        var owner = "node:" + http.Request.Headers[ChannelSignatureFilter.NodeIdHeader];
        var hash = IdempotencyKeyStore.Hash(System.Text.Encoding.UTF8.GetBytes(http.Request.Path.Value ?? ""), ChannelSignatureFilter.BodyOf(http));
        if (await keys.ClaimAsync(owner, key, hash, http.RequestAborted)) return await KeptAnswers.RunAndKeepAsync(keys, context, next, owner, key);

        var kept = await keys.ReadAsync(owner, key, http.RequestAborted);
        if (kept is not null && kept.RequestHash != hash)
            return ChannelProblems.Of(StatusCodes.Status422UnprocessableEntity, "idempotency-conflict", "this Idempotency-Key was first used with another request", [Header]);
        if (kept?.Status is not { } status)
            return ChannelProblems.Of(StatusCodes.Status409Conflict, "idempotency-conflict", "the first request with this Idempotency-Key is still running; retry", [Header]);
        return KeptAnswers.Replay(kept, status);
    }
}
