using Cabinets.Api.GraphQL;
using Cabinets.Domain.Access;
using Cabinets.Domain.Operations;
using Cabinets.EventStore.Daemon;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;
using Cabinets.Messaging.Commands;
using Cabinets.Messaging.Outbox;

namespace Cabinets.Api.Operations;

/// <summary>
/// The operations part of the admin schema. Every mutation is first recorded as an operator-action
/// event with the admin as actor, then carried out.
/// </summary>
internal static class OperationsSchema
{
    public static void Add(SchemaBuilder schema) => schema
        .Enum<ProjectionState>("ProjectionState")
        .Query(q => q
            .Field("projections", "[Projection!]!", f => f
                .Description("Every projection: position, state, error of a parked one, lag, owner, rebuild progress.")
                .RequirePermissions(Permissions.OperationsRead)
                .ResolveAsync(async ctx => (object?)await Request(ctx).Service<ProjectionDaemon>().GetStatusAsync(ctx.CancellationToken)))
            .Field("deadLetters", "[OutboxMessage!]!", f => f
                .Description("Messages that exhausted their retry policy: the manual-handling queue.")
                .Argument("messageType", "String")
                .RequirePermissions(Permissions.OperationsRead)
                .ResolveAsync(async ctx => (object?)await Request(ctx).Service<OutboxAdmin>()
                    .ListDeadAsync(ctx.ArgumentOrDefault<string>("messageType"), ct: ctx.CancellationToken))))
        .Object<ProjectionStatus>("Projection", t => t
            .Field("name", "String!", p => p.Name)
            .Field("state", "ProjectionState!", p => p.State)
            .Field("position", "String!", p => p.Position.ToString())
            .Field("error", "String", p => p.Error)
            .Field("failedPosition", "String", p => p.FailedPosition?.ToString())
            .Field("lagEvents", "Long!", p => p.LagEvents)
            .Field("ownerNode", "String", p => p.OwnerNode)
            .Field("rebuildDone", "Long", p => p.Rebuild?.Done)
            .Field("rebuildTotal", "Long", p => p.Rebuild?.Total))
        .Object<OutboxEntry>("OutboxMessage", t => t
            .Field("id", "ID!", m => m.Id.ToString())
            .Field("messageType", "String!", m => m.MessageType)
            .Field("destination", "String!", m => m.Destination)
            .Field("status", "String!", m => m.Status)
            .Field("attempts", "Int!", m => m.Attempts)
            .Field("lastError", "String", m => m.LastError)
            .Field("createdAt", "DateTime!", m => m.CreatedAt))
        .Mutation(m => m
            .Field("retryProjection", "Projection!", f => f
                .Argument("name", "String!")
                .RequirePermissions(Permissions.OperationsManage)
                .ResolveAsync(async ctx =>
                {
                    var name = ctx.Argument<string>("name");
                    await RecordAsync(ctx.Untyped, new ProjectionRetryRequested(name, Now(ctx.Untyped)));
                    var daemon = Request(ctx).Service<ProjectionDaemon>();
                    await daemon.RetryAsync(name, ctx.CancellationToken);
                    return (object?)await daemon.GetStatusAsync(name, ctx.CancellationToken);
                }))
            .Field("rebuildProjection", "Projection!", f => f
                .Description("Starts a rebuild into a shadow schema; the live read model keeps serving until the swap.")
                .Argument("name", "String!")
                .RequirePermissions(Permissions.OperationsManage)
                .ResolveAsync(async ctx =>
                {
                    var name = ctx.Argument<string>("name");
                    await RecordAsync(ctx.Untyped, new ProjectionRebuildRequested(name, Now(ctx.Untyped)));
                    var daemon = Request(ctx).Service<ProjectionDaemon>();
                    var status = await daemon.GetStatusAsync(name, ctx.CancellationToken);
                    Request(ctx).Service<ProjectionRebuilds>().Start(name);
                    return (object?)status;
                }))
            .Field("requeueDeadLetter", "Boolean!", f => f
                .Argument("id", "ID!")
                .RequirePermissions(Permissions.OperationsManage)
                .ResolveAsync(async ctx =>
                {
                    if (!Guid.TryParse(ctx.Argument<string>("id"), out var id))
                        throw new Cabinets.GraphQL.GraphQLException("id is not a message id", Cabinets.GraphQL.ErrorCodes.BadUserInput);
                    await RecordAsync(ctx.Untyped, new DeadLetterRequeueRequested(id, Now(ctx.Untyped)));
                    return (object?)await Request(ctx).Service<OutboxAdmin>().RequeueAsync(id, ctx.CancellationToken);
                })));

    private static GraphQLRequestContext Request<T>(ResolveContext<T> ctx) => GraphQLRequestContext.Of(ctx.Untyped);

    private static DateTimeOffset Now(ResolveContext ctx) => GraphQLRequestContext.Of(ctx).Service<TimeProvider>().GetUtcNow();

    private static async Task RecordAsync(ResolveContext ctx, IOperatorActionEvent action)
    {
        var request = GraphQLRequestContext.Of(ctx);
        var result = await request.Service<CommandPipeline<RecordOperatorAction, object?>>().ExecuteAsync(
            new RecordOperatorAction(action, Now(ctx)), new CommandContext(request.Actor, CorrelationId: request.CorrelationId), ctx.CancellationToken);
        GraphQLCommandErrors.ThrowIfFailed(result);
    }
}
