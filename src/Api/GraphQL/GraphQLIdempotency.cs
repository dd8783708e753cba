using Cabinets.Api.Commands;
using Cabinets.GraphQL;
using Cabinets.GraphQL.Execution;

namespace Cabinets.Api.GraphQL;

/// <summary>
/// A mutation's `idempotencyKey` (ADR-0019): the first call claims the key in the module's key
/// store and keeps what <c>keep</c> makes of its result; a repeat with the same input gets
/// <c>replay</c> of that, with another input a VALIDATION error on `idempotencyKey`. Without a key
/// the mutation just runs. A refusal or failure releases the key, so a corrected retry may reuse it.
/// </summary>
internal static class GraphQLIdempotency
{
    public static async Task<T> OnceAsync<T>(ResolveContext ctx, IdempotencyKeyStore keys, string owner, IReadOnlyDictionary<string, object?> input,
        string mutation, Func<Task<T>> run, Func<T, string> keep, Func<string, T> replay)
    {
        if (input.GetValueOrDefault("idempotencyKey") is not string key) return await run();
        if (key.Length is 0 or > 200) throw Invalid("must be 1 to 200 characters");
        var slot = $"graphql:{mutation}:{key}";
        var hash = IdempotencyKeyStore.Hash(System.Text.Encoding.UTF8.GetBytes(mutation),
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(input.Where(kv => kv.Key != "idempotencyKey").ToDictionary()));
        if (await keys.ClaimAsync(owner, slot, hash, ctx.CancellationToken))
        {
            T result;
            try
            {
                result = await run();
            }
            catch
            {
                await keys.ReleaseAsync(owner, slot); // refused or failed: nothing to answer again, the key may be reused
                throw;
            }
            await keys.KeepAsync(owner, slot, 200, System.Text.Encoding.UTF8.GetBytes(keep(result)));
            return result;
        }
        var kept = await keys.ReadAsync(owner, slot, ctx.CancellationToken);
        if (kept is null || kept.Status is null || kept.Body is null) throw Invalid("the first request with this key is still running; retry");
        if (kept.RequestHash != hash) throw Invalid("was used with another input");
        return replay(System.Text.Encoding.UTF8.GetString(kept.Body));
    }

    private static GraphQLException Invalid(string message) =>
        new(new GraphQLError($"idempotencyKey: {message}", code: "VALIDATION", extensions: new Dictionary<string, object?> { ["field"] = "idempotencyKey" }));
}
