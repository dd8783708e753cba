using Cabinets.Api.Commands;
using Cabinets.Api.GraphQL;
using Cabinets.Domain.Access;
using Cabinets.Domain.Operations;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;

namespace Cabinets.Api.Operations;

/// <summary>
/// The operations part of the admin schema (API-CONTRACT.md: `projections`, `deadLetters`,
/// `replayDeadLetter`). Every mutation is first recorded as an operator-action event with the
/// admin as actor, then carried out.
/// </summary>
internal static class OperationsSchema
{
    public static void Add(SchemaBuilder schema) => schema
        .Enum<ProjectionState>("ProjectionState")
        .Query(q => q
            .Field("projections", "[Projection!]!", f => f
                .Description("Every async projection: position, lag behind the high-water mark, owning node, rebuild progress.")
                .RequirePermissions(Permissions.OperationsRead)
                .ResolveAsync(async ctx => (object?)await Request(ctx).Service<ProjectionStatuses>().AllAsync(ctx.CancellationToken)))
            .Field("deadLetters", "[DeadLetter!]!", f => f
                .Description("Messages that exhausted their retry policy (Wolverine's dead-letter queue): the manual-handling queue.")
                .Argument("messageType", "String")
                .RequirePermissions(Permissions.OperationsManage) // admin only (API-CONTRACT.md): messages may carry personal data
                .ResolveAsync(async ctx =>
                {
                    var query = new DeadLetterEnvelopeQuery { PageSize = 200, MessageType = ctx.ArgumentOrDefault<string>("messageType") };
                    var results = await DeadLetters(ctx.Untyped).QueryAsync(query, ctx.CancellationToken);
                    return (object?)results.Envelopes;
                })))
        .Object<ProjectionStatus>("Projection", t => t
            .Field("name", "String!", p => p.Name)
            .Field("state", "ProjectionState!", p => p.State)
            .Field("position", "String!", p => p.Position.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Field("lagEvents", "Long!", p => p.LagEvents)
            .Field("ownerNode", "String", p => p.OwnerNode)
            .Field("rebuildDone", "Long", p => p.RebuildDone)
            .Field("rebuildTotal", "Long", p => p.RebuildTotal))
        .Object<DeadLetterEnvelope>("DeadLetter", t => t
            .Field("id", "ID!", m => m.Id.ToString())
            .Field("messageType", "String!", m => m.MessageType)
            .Field("exceptionType", "String", m => m.ExceptionType)
            .Field("exceptionMessage", "String", m => m.ExceptionMessage)
            .Field("receivedAt", "String", m => m.ReceivedAt)
            .Field("sentAt", "DateTime!", m => m.SentAt)
            .Field("replayable", "Boolean!", m => m.Replayable))
        .Mutation(m => m
            .Field("rebuildProjection", "Projection!", f => f
                .Description("Starts a rebuild into a shadow schema; the live read model keeps serving until the swap.")
                .Argument("name", "String!")
                .RequirePermissions(Permissions.OperationsManage)
                .ResolveAsync(async ctx =>
                {
                    var name = ctx.Argument<string>("name");
                    var statuses = Request(ctx).Service<ProjectionStatuses>();
                    if (await statuses.OneAsync(name, ctx.CancellationToken) is null)
                        throw new Cabinets.GraphQL.GraphQLException($"'{name}' is not a projection", Cabinets.GraphQL.ErrorCodes.BadUserInput);
                    await RecordAsync(ctx.Untyped, new ProjectionRebuildRequested(name, Now(ctx.Untyped)));
                    Request(ctx).Service<ShadowRebuilds>().Start(name);
                    return (object?)await statuses.OneAsync(name, ctx.CancellationToken);
                }))
            .Field("replayDeadLetter", "Boolean!", f => f
                .Description("Puts a dead letter back on its queue; false when no dead letter has this id.")
                .Argument("id", "ID!")
                .RequirePermissions(Permissions.OperationsManage)
                .ResolveAsync(async ctx =>
                {
                    if (!Guid.TryParse(ctx.Argument<string>("id"), out var id))
                        throw new Cabinets.GraphQL.GraphQLException("id is not a message id", Cabinets.GraphQL.ErrorCodes.BadUserInput);
                    await RecordAsync(ctx.Untyped, new DeadLetterRequeueRequested(id, Now(ctx.Untyped)));
                    var deadLetters = DeadLetters(ctx.Untyped);
                    if (await deadLetters.DeadLetterEnvelopeByIdAsync(id, null) is null) return (object?)false;
                    await deadLetters.ReplayAsync(new DeadLetterEnvelopeQuery([id]), ctx.CancellationToken);
                    return true;
                })));

    private static GraphQLRequestContext Request<T>(ResolveContext<T> ctx) => GraphQLRequestContext.Of(ctx.Untyped);

    private static IDeadLetters DeadLetters(ResolveContext ctx) => GraphQLRequestContext.Of(ctx).Service<IWolverineRuntime>().Storage.DeadLetters;

    private static DateTimeOffset Now(ResolveContext ctx) => GraphQLRequestContext.Of(ctx).Service<TimeProvider>().GetUtcNow();

    private static async Task RecordAsync(ResolveContext ctx, IOperatorActionEvent action)
    {
        var request = GraphQLRequestContext.Of(ctx);
        var result = await request.Service<CommandSender>().SendAsync(
            new RecordOperatorAction(action, Now(ctx)), new CommandContext(request.Actor, CorrelationId: request.CorrelationId), ctx.CancellationToken);
        GraphQLCommandErrors.ThrowIfFailed(result);
    }
}
