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
    /// Runs a create once per `idempotencyKey` of the station (the station REST's key store, ADR-0019);
    /// see <see cref="GraphQLIdempotency"/>.
    /// </summary>
    public static Task<T> OnceAsync<T>(ResolveContext ctx, IReadOnlyDictionary<string, object?> input, string mutation,
        Func<Task<T>> run, Func<T, string> keep, Func<string, T> replay) =>
        GraphQLIdempotency.OnceAsync(ctx, Service<IdempotencyKeys>(ctx), StationOf(ctx), input, mutation, run, keep, replay);

    /// <summary>Sends the command the station REST sends for the same action; its answer, or a GraphQL error.</summary>
    public static async Task<object?> SendAsync(ResolveContext ctx, object command, bool sheetFreezes = false, string fieldPrefix = "")
    {
        var request = GraphQLRequestContext.Of(ctx);
        var outcome = await request.Service<CommandSender>().SendAsync(command, new CommandContext(request.Actor, CorrelationId: request.CorrelationId), ctx.CancellationToken);
        StationErrors.ThrowIfFailed(outcome, sheetFreezes, fieldPrefix);
        return ((CommandOutcome.Accepted)outcome).Answer;
    }
}
