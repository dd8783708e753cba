using System.Security.Claims;
using Cabinets.Api.Access;
using Cabinets.Api.Commands;
using Cabinets.Api.GraphQL;
using Cabinets.Api.Stations.Rest;
using Cabinets.GraphQL.Execution;
using Marten;

namespace Cabinets.Api.Stations.GraphQL;

/// <summary>
/// What every station resolver needs from the request: the caller's station (TAX.md §6.x: the
/// user's, else `Stations:DefaultStationId`, exactly as the station REST derives it), the clock,
/// the store, and commands sent with the admin as actor, refusals turned into §4.3's errors.
/// </summary>
internal static class StationRequests
{
    public static string StationOf(ResolveContext ctx)
    {
        var request = GraphQLRequestContext.Of(ctx);
        return request.User.FindFirstValue(BearerTokenAuthentication.StationClaim) ?? request.Service<StationRest.StationSettings>().DefaultStationId;
    }

    public static DateTimeOffset Now(ResolveContext ctx) => GraphQLRequestContext.Of(ctx).Service<TimeProvider>().GetUtcNow();

    public static T Service<T>(ResolveContext ctx) where T : notnull => GraphQLRequestContext.Of(ctx).Service<T>();

    /// <summary>A session of its own per use: resolvers of one query run concurrently, and a Marten session is not thread-safe.</summary>
    public static IQuerySession Session(ResolveContext ctx) => Service<IDocumentStore>(ctx).QuerySession();

    /// <summary>
    /// Runs a create once per `idempotencyKey` (the station REST's key store, ADR-0019): the first call
    /// claims the key and keeps what <paramref name="keep"/> makes of its result; a repeat with the same
    /// input gets <paramref name="replay"/> of that, with another input a VALIDATION error. Without a
    /// key the create just runs.
    /// </summary>
    public static async Task<T> OnceAsync<T>(ResolveContext ctx, IReadOnlyDictionary<string, object?> input, string mutation,
        Func<Task<T>> run, Func<T, string> keep, Func<string, T> replay)
    {
        if (input.GetValueOrDefault("idempotencyKey") is not string key) return await run();
        if (key.Length is 0 or > 200) throw StationErrors.Invalid("idempotencyKey", "must be 1 to 200 characters");
        var keys = Service<IdempotencyKeys>(ctx);
        var station = StationOf(ctx);
        var slot = $"graphql:{mutation}:{key}";
        var hash = IdempotencyKeys.Hash(System.Text.Encoding.UTF8.GetBytes(mutation),
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(input.Where(kv => kv.Key != "idempotencyKey").ToDictionary()));
        if (await keys.ClaimAsync(station, slot, hash, ctx.CancellationToken))
        {
            T result;
            try
            {
                result = await run();
            }
            catch
            {
                await keys.ReleaseAsync(station, slot); // refused or failed: nothing to answer again, the key may be reused
                throw;
            }
            await keys.KeepAsync(station, slot, 200, System.Text.Encoding.UTF8.GetBytes(keep(result)));
            return result;
        }
        var kept = await keys.ReadAsync(station, slot, ctx.CancellationToken);
        if (kept is null || kept.Status is null || kept.Body is null) throw StationErrors.Invalid("idempotencyKey", "the first request with this key is still running; retry");
        if (kept.RequestHash != hash) throw StationErrors.Invalid("idempotencyKey", "was used with another input");
        return replay(System.Text.Encoding.UTF8.GetString(kept.Body));
    }

    /// <summary>Sends the command the station REST sends for the same action; its answer, or a GraphQL error.</summary>
    public static async Task<object?> SendAsync(ResolveContext ctx, object command, bool sheetFreezes = false, string fieldPrefix = "")
    {
        var request = GraphQLRequestContext.Of(ctx);
        var outcome = await request.Service<CommandSender>().SendAsync(command, new CommandContext(request.Actor, CorrelationId: request.CorrelationId), ctx.CancellationToken);
        StationErrors.ThrowIfFailed(outcome, sheetFreezes, fieldPrefix);
        return ((CommandOutcome.Accepted)outcome).Answer;
    }
}
