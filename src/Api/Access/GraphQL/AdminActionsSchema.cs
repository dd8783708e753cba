using Cabinets.Api.GraphQL;
using Cabinets.Api.GraphQL.Connections;
using Cabinets.Domain.Access;
using Cabinets.GraphQL.Types;

namespace Cabinets.Api.Access.GraphQL;

/// <summary>
/// `adminActions(first, after, where)`: who did what, when, from which request, read from the event
/// metadata Marten keeps on every event (ADR-0013, ADR-0026); needs `audit.read`. Newest first.
/// </summary>
internal static class AdminActionsSchema
{
    public static void Add(SchemaBuilder schema) => schema
        .InputObject("AdminActionFilterInput", i => i
            .Description("Every given part must hold. `to` is exclusive; `eventType` is a stored name, with or without its `.vN`.")
            .Field("actor", "String")
            .Field("from", "DateTime")
            .Field("to", "DateTime")
            .Field("streamType", "String")
            .Field("eventType", "String")
            .Field("correlationId", "String"))
        .Object<AdminAction>("AdminAction", t => t
            .Description("One recorded event with its metadata; never its data.")
            .Field("position", "Long!", a => a.Position)
            .Field("at", "DateTime!", a => a.At)
            .Field("streamId", "String!", a => a.StreamId)
            .Field("streamType", "String!", a => a.StreamType)
            .Field("version", "Long!", a => a.Version)
            .Field("eventType", "String!", a => a.EventType)
            .Field("actor", "String", a => a.Actor)
            .Field("role", "String", a => a.Role)
            .Field("channel", "String", a => a.Channel)
            .Field("correlationId", "String", a => a.CorrelationId)
            .Field("causationId", "String", a => a.CausationId))
        .Object<Connection<AdminAction>>("AdminActionsConnection", t => t
            .Field("edges", "[AdminActionsEdge!]", f => f.Cost(0).ResolveFromSource(c => c.Edges))
            .Field("nodes", "[AdminAction!]", f => f.Cost(0).ResolveFromSource(c => c.Nodes))
            .Field("pageInfo", "PageInfo!", f => f.Cost(0).ResolveFromSource(c => c.PageInfo))
            .Field("totalCount", "Int!", f => f.Cost(0).ResolveAsync(ctx => ctx.Source.TotalCountAsync(ctx.CancellationToken))))
        .Object<Edge<AdminAction>>("AdminActionsEdge", t => t
            .Field("cursor", "String!", f => f.Cost(0).ResolveFromSource(e => e.Cursor))
            .Field("node", "AdminAction!", f => f.Cost(0).ResolveFromSource(e => e.Node)))
        .Query(q => q
            .Field("adminActions", "AdminActionsConnection!", f => f
                .Description("Every recorded action, newest first, with who did it (actor, role, channel) and the request's correlation and causation ids.")
                .Argument("first", "Int", $"Page size (default {AdminActionLog.DefaultSize}, at most {AdminActionLog.MaxSize}).")
                .Argument("after", "String", "The endCursor of the previous page.")
                .Argument("where", "AdminActionFilterInput")
                .RequirePermissions(Permissions.AuditRead)
                .Cost(1, "first")
                .AssumedSize(AdminActionLog.DefaultSize)
                .ResolveAsync(ctx => GraphQLRequestContext.Of(ctx.Untyped).Service<AdminActionLog>().PageAsync(
                    AdminActionFilter.Of(ctx.ArgumentOrDefault<IReadOnlyDictionary<string, object?>>("where")),
                    ctx.ArgumentOrDefault<int?>("first"), ctx.ArgumentOrDefault<string>("after"), ctx.CancellationToken))));
}
