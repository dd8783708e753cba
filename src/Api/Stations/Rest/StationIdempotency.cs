using Cabinets.Api.Commands;
using System.Security.Claims;
using Cabinets.Api.Access;

namespace Cabinets.Api.Stations.Rest;

/// <summary>
/// `Idempotency-Key` on every station POST (API-CONTRACT, TAX.md §6.x): the first request with a key
/// claims it before anything runs, and its answer is kept; a repeat with the same body gets that
/// answer byte for byte, with another body `code` 1005. A repeat that arrives while the first is
/// still running is told to retry (1006) instead of running the command twice. Keys are per station
/// and kept for 24 hours.
/// </summary>
internal sealed class StationIdempotency(IdempotencyKeys keys) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (!HttpMethods.IsPost(http.Request.Method) || string.IsNullOrEmpty(key) || http.User.Identity?.IsAuthenticated != true) return await next(context);
        if (key.Length > 200) return StationRest.Invalid("Idempotency-Key", "must be at most 200 characters");

        var station = http.User.FindFirstValue(BearerTokenAuthentication.StationClaim) ?? http.RequestServices.GetRequiredService<StationRest.StationSettings>().DefaultStationId;
        var hash = IdempotencyKeys.Hash(System.Text.Encoding.UTF8.GetBytes(http.Request.Path.Value ?? ""), await KeptAnswers.BufferedBodyAsync(http));

        if (await keys.ClaimAsync(station, key, hash, http.RequestAborted)) return await KeptAnswers.RunAndKeepAsync(keys, context, next, station, key);

        var kept = await keys.ReadAsync(station, key, http.RequestAborted);
        if (kept is null) return StationRest.Fail(1006, "idempotency key is being reused; retry");
        if (kept.RequestHash != hash) return StationRest.Fail(1005, "idempotency key reused with another body");
        if (kept.Status is not { } status) return StationRest.Fail(1006, "the first request with this idempotency key is still running; retry");
        return KeptAnswers.Replay(kept, status);
    }
}
