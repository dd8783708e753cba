using Cabinets.Api.Commands;
using Cabinets.Api.GraphQL;
using Cabinets.GraphQL.Execution;
using Marten;

namespace Cabinets.Api.Fulfillment.GraphQL;

/// <summary>A refused command's reason as FULFILLMENT.md §4b.1 puts it in a payload: `{code, message, field}`.</summary>
internal sealed record UserError(string Code, string Message, string? Field);

/// <summary>A mutation's payload: the changed object (null when refused) and the errors that refused it.</summary>
internal sealed record FulfillmentPayload(object? Node, IReadOnlyList<UserError> Errors);

/// <summary>
/// How the fulfillment mutations talk to the command pipeline (§4b.1, HotChocolate's mutation
/// conventions): a refused or invalid command comes back in the payload's `errors` with the input
/// path of its field, nothing changed; only a conflict that outlived the retries is a GraphQL error.
/// </summary>
internal static class FulfillmentRequests
{
    public static DateTimeOffset Now(ResolveContext ctx) => GraphQLRequestContext.Of(ctx).Service<TimeProvider>().GetUtcNow();

    public static IQuerySession Session(ResolveContext ctx) => GraphQLRequestContext.Of(ctx).Service<IDocumentStore>().QuerySession();

    /// <summary>Sends <paramref name="command"/>; accepted → the payload of what <paramref name="load"/> reads (given the command's answer).</summary>
    /// <param name="fieldPrefix">Where the command's fields sit in the request: `input.` for an input object, empty for plain arguments.</param>
    public static async Task<FulfillmentPayload> SendAsync(ResolveContext ctx, object command, Func<object?, Task<object?>> load, string fieldPrefix = "input.")
    {
        var request = GraphQLRequestContext.Of(ctx);
        var outcome = await request.Service<CommandSender>().SendAsync(command, new CommandContext(request.Actor, CorrelationId: request.CorrelationId), ctx.CancellationToken);
        return outcome switch
        {
            CommandOutcome.Accepted a => new FulfillmentPayload(await load(a.Answer), []),
            CommandOutcome.Rejected r => new FulfillmentPayload(null, [new UserError(r.Error.Code, r.Error.Message, r.Error.Field is null ? null : fieldPrefix + r.Error.Field)]),
            CommandOutcome.Invalid i => new FulfillmentPayload(null, i.Errors.Select(e => new UserError("VALIDATION", e.Message, fieldPrefix + e.Field)).ToList()),
            _ => Failed(outcome),
        };
    }

    private static FulfillmentPayload Failed(CommandOutcome outcome)
    {
        GraphQLCommandErrors.ThrowIfFailed(outcome);
        throw new InvalidOperationException($"unexpected outcome {outcome}");
    }
}
