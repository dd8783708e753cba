using Cabinets.Api.Commands;

namespace Cabinets.Api.Vending.Rest;

/// <summary>
/// `Idempotency-Key` on the mini-program's POSTs marked (K) in VENDING.md §4.5 (a session, paying
/// again, a complaint): required there, because a phone on a bad network sends again what it is not
/// sure went through. The first request with a key claims it before anything runs and its answer is
/// kept for 24 hours; a repeat with the same path and body gets that answer byte for byte; another
/// request under the key is 422 `idempotency-key-reused`; a repeat while the first still runs is
/// 409 `idempotency-key-in-flight`. Keys are per user (`user:{userId}`), after the token filter.
/// </summary>
internal sealed class AppIdempotency(VendingIdempotencyKeys keys) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var values = http.Request.Headers[Header];
        var key = values.Count == 1 ? values[0] ?? "" : "";
        if (key.Length is 0 or > 200 || key.Any(c => c is < ' ' or > '~'))
            return VendingProblems.Invalid(new Dictionary<string, List<string>> { [Header] = ["is required: one value of 1-200 printable ASCII characters"] });

        var owner = "user:" + MiniProgramEndpoints.UserOf(http);
        var hash = IdempotencyKeyStore.Hash(System.Text.Encoding.UTF8.GetBytes(http.Request.Path.Value ?? ""), await KeptAnswers.BufferedBodyAsync(http));
        if (await keys.ClaimAsync(owner, key, hash, http.RequestAborted)) return await KeptAnswers.RunAndKeepAsync(keys, context, next, owner, key);

        var kept = await keys.ReadAsync(owner, key, http.RequestAborted);
        if (kept is not null && kept.RequestHash != hash)
            return VendingProblems.Of(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "Idempotency-Key reused",
                "this Idempotency-Key was first used with another request");
        if (kept?.Status is not { } status)
            return VendingProblems.Of(StatusCodes.Status409Conflict, "idempotency-key-in-flight", "Still running",
                "the first request with this Idempotency-Key is still running; retry");
        return KeptAnswers.Replay(kept, status);
    }
}

internal static class AppIdempotencyEndpoints
{
    /// <summary>A (K) POST: its body buffered before binding, its answer kept under the caller's `Idempotency-Key`.</summary>
    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(KeptAnswers.BufferBody.Instance).AddEndpointFilter<AppIdempotency>();
}
