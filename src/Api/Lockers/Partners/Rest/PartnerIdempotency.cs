using Cabinets.Api.Commands;
using Cabinets.Api.Stations;

namespace Cabinets.Api.Lockers.Partners.Rest;

/// <summary>
/// `Idempotency-Key` on partner commands (ADR-0023). Runs after <see cref="PartnerSignatureFilter"/>,
/// so only a signed request can claim a key. The first request with a key claims it before anything
/// runs and its answer is kept; a repeat with the same method, target and body gets that answer
/// (same status, same bytes); another request under the key is a 422 problem; a repeat while the
/// first still runs is a 409 problem (retry). Keys are per partner and kept for 24 hours.
/// </summary>
internal sealed class PartnerIdempotency(PartnerIdempotencyKeys keys) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var values = http.Request.Headers[Header];
        if (values.Count == 0) return await next(context);
        var key = values.Count == 1 ? values[0] ?? "" : "";
        if (key.Length is 0 or > 200 || key.Any(c => c is < ' ' or > '~'))
            return PartnerProblems.Invalid([(Header, "one value of 1-200 printable ASCII characters")]);

        var partner = PartnerSignatureFilter.PartnerOf(http);
        var hash = IdempotencyKeys.Hash(System.Text.Encoding.UTF8.GetBytes(http.Request.Method),
            System.Text.Encoding.UTF8.GetBytes(PartnerSignatureFilter.RawTarget(http)), PartnerSignatureFilter.BodyOf(http));

        if (await keys.ClaimAsync(partner, key, hash, http.RequestAborted)) return await KeptAnswers.RunAndKeepAsync(keys, context, next, partner, key);

        var kept = await keys.ReadAsync(partner, key, http.RequestAborted);
        if (kept is not null && kept.RequestHash != hash)
            return PartnerProblems.Of(PartnerProblems.IdempotencyKeyReused, "this Idempotency-Key was first used with another request", [Header]);
        if (kept?.Status is not { } status)
            return PartnerProblems.Of(PartnerProblems.IdempotencyKeyInFlight, "the first request with this Idempotency-Key is still running; retry", [Header]);
        return KeptAnswers.Replay(kept, status);
    }
}
