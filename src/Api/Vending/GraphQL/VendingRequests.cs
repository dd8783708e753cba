using Cabinets.Api.Commands;
using Cabinets.Api.GraphQL;
using Cabinets.GraphQL.Execution;

namespace Cabinets.Api.Vending.GraphQL;

/// <summary>
/// What every vending mutation needs from the request: the clock, commands sent with the admin as
/// actor (refusals turned into §4.6's errors), and `idempotencyKey` kept per admin in
/// `vending.idempotency_keys`.
/// </summary>
internal static class VendingRequests
{
    public static DateTimeOffset Now(ResolveContext ctx) => GraphQLRequestContext.Of(ctx).Service<TimeProvider>().GetUtcNow();

    /// <summary>Runs a mutation once per `idempotencyKey` of the signed-in admin; see <see cref="GraphQLIdempotency"/>.</summary>
    public static Task<T> OnceAsync<T>(ResolveContext ctx, IReadOnlyDictionary<string, object?> input, string mutation,
        Func<Task<T>> run, Func<T, string> keep, Func<string, T> replay)
    {
        var request = GraphQLRequestContext.Of(ctx);
        return GraphQLIdempotency.OnceAsync(ctx, request.Service<VendingIdempotencyKeys>(), "admin:" + request.Actor.Id, input, mutation, run, keep, replay);
    }

    /// <summary>Sends the command with the signed-in admin as actor; its answer, or a GraphQL error.</summary>
    public static async Task<object?> SendAsync(ResolveContext ctx, object command, string fieldPrefix = "input.")
    {
        var request = GraphQLRequestContext.Of(ctx);
        var outcome = await request.Service<CommandSender>().SendAsync(command, new CommandContext(request.Actor, CorrelationId: request.CorrelationId), ctx.CancellationToken);
        VendingErrors.ThrowIfFailed(outcome, fieldPrefix);
        return ((CommandOutcome.Accepted)outcome).Answer;
    }
}
