using System.Text.Json.Nodes;
using Cabinets.Api.GraphQL;
using Cabinets.Api.GraphQL.Connections;
using Cabinets.Api.PersonalData;
using Cabinets.Domain.Access;
using Cabinets.GraphQL;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;
using Marten;

namespace Cabinets.Api.Audit;

/// <summary>
/// The auditor's part of the admin schema (issue 13 §1): a stream's history, every event of one
/// request, aggregates as of a version or a time, and replay-and-compare of a read model. All of it
/// needs `audit.read`; personal data in event data is revealed only with `personaldata.read`.
/// </summary>
internal static class AuditSchema
{
    public static SchemaBuilder Add(SchemaBuilder schema) => ReadModelsAsOf.Add(schema)
        .AddConnection(EventHistory.Table)
        .Query(q => q
            .Field("streamHistory", EventHistory.Table.ConnectionType() + "!", f => f
                .Description("One stream's events from a version on, in order, with their stored type names and metadata.")
                .Argument("streamKey", "String!")
                .Argument("fromVersion", "Long")
                .RequirePermissions(Permissions.AuditRead)
                .UseConnection(EventHistory.Table, (ctx, where) => Task.FromResult(And(where, new Dictionary<string, object?>
                {
                    ["streamKey"] = Eq(ctx.Arguments["streamKey"]),
                    ["version"] = new Dictionary<string, object?> { ["gte"] = ctx.Arguments.GetValueOrDefault("fromVersion") ?? 1L },
                }))))
            .Field("eventsByCorrelation", EventHistory.Table.ConnectionType() + "!", f => f
                .Description("Every event one request caused, across streams, by its correlation id.")
                .Argument("correlationId", "String!")
                .RequirePermissions(Permissions.AuditRead)
                .UseConnection(EventHistory.Table, (ctx, where) => Task.FromResult(And(where, new Dictionary<string, object?>
                {
                    ["correlationId"] = Eq(ctx.Arguments["correlationId"]),
                }))))
            .Field("aggregateAsOf", "AggregateState", f => f
                .Description("An aggregate folded from its events up to a version, or up to a time (the last event at or before it).")
                .Argument("streamKey", "String!")
                .Argument("version", "Long")
                .Argument("at", "DateTime")
                .RequirePermissions(Permissions.AuditRead)
                .ResolveAsync(async ctx =>
                {
                    var version = ctx.ArgumentOrDefault<long?>("version");
                    var at = ctx.ArgumentOrDefault<DateTimeOffset?>("at");
                    if (version is null == at is null)
                        throw new GraphQLException("give exactly one of version and at", ErrorCodes.BadUserInput);
                    var request = GraphQLRequestContext.Of(ctx.Untyped);
                    await using var session = request.Service<IDocumentStore>().QuerySession();
                    var key = ctx.Argument<string>("streamKey");
                    var state = await AggregatesAsOf.LoadAsync(session, key, version, at, ctx.CancellationToken);
                    if (state is null && !AggregatesAsOf.Prefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)))
                        throw new GraphQLException($"'{key}' is not the stream of an aggregate (known: {string.Join(", ", AggregatesAsOf.Prefixes.Select(p => p + "…"))})",
                            ErrorCodes.BadUserInput);
                    return (object?)state;
                }))
            .Field("replayCompare", "ReplayCompareReport!", f => f
                .Description("Rebuilds a read model from the events into a scratch copy (up to the live checkpoint) and compares it row by row with the live one. " +
                    "Known: free_doors, station_order_lines and the inline snapshots (cabinet_snapshots, parcel_snapshots, …).")
                .Argument("projection", "String!")
                .RequirePermissions(Permissions.AuditRead)
                .ResolveAsync(async ctx =>
                {
                    var name = ctx.Argument<string>("projection");
                    if (!ReplayCompare.Projections.Contains(name))
                        throw new GraphQLException($"'{name}' is not a read model that can be replayed (known: {string.Join(", ", ReplayCompare.Projections)})",
                            ErrorCodes.BadUserInput);
                    return (object?)await GraphQLRequestContext.Of(ctx.Untyped).Service<ReplayCompare>().RunAsync(name, null, ctx.CancellationToken);
                })))
        .Object<ReplayCompareReport>("ReplayCompareReport", t => t
            .Field("projection", "String!", r => r.Projection)
            .Field("events", "Long!", r => r.Events)
            .Field("livePosition", "Long!", r => r.LivePosition)
            .Field("identical", "Boolean!", r => r.Identical)
            .Field("differences", "[ReadModelDifference!]!", r => r.Differences))
        .Object<ReadModelDifference>("ReadModelDifference", t => t
            .Description("A row of the live model that the events do not explain, or one they explain that the live model lacks or holds otherwise.")
            .Field("table", "String!", d => d.Table)
            .Field("key", "String!", d => d.Key)
            .Field("kind", "String!", d => d.Kind)
            .Field("live", "String", d => d.Live)
            .Field("replayed", "String", d => d.Replayed))
        .Object<HistoryEvent>("HistoryEvent", t => t
            .Description("A stored event: its place in the store, its metadata and its data as stored (personal data masked unless allowed).")
            .Field("sequence", "Long!", e => e.Sequence)
            .Field("streamKey", "String!", e => e.StreamKey)
            .Field("streamType", "String", e => e.StreamType)
            .Field("version", "Long!", e => e.Version)
            .Field("type", "String!", e => e.Type)
            .Field("timestamp", "DateTime!", e => e.Timestamp)
            .Field("eventId", "ID!", e => e.Id.ToString())
            .Field("actor", "EventActor!", e => e)
            .Field("correlationId", "String", e => e.CorrelationId)
            .Field("causationId", "String", e => e.CausationId)
            .Field("data", "JSON!", f => f.ResolveAsync(async ctx => (object?)await ShowAsync(ctx.Untyped, JsonNode.Parse(ctx.Source.Data)))))
        .Object<HistoryEvent>("EventActor", t => t
            .Field("user", "String", e => e.User)
            .Field("role", "String", e => e.Header("role"))
            .Field("channel", "String", e => e.Header("channel")))
        .Object<AggregateAsOf>("AggregateState", t => t
            .Field("streamKey", "String!", a => a.StreamKey)
            .Field("aggregateType", "String!", a => a.AggregateType)
            .Field("version", "Long!", a => a.Version)
            .Field("state", "JSON!", f => f.ResolveAsync(async ctx => (object?)await ShowAsync(ctx.Untyped, ctx.Source.State?.DeepClone()))));

    private static async Task<string> ShowAsync(ResolveContext ctx, JsonNode? node)
    {
        var request = GraphQLRequestContext.Of(ctx);
        var reveal = request.Has(Permissions.PersonalDataRead);
        var shown = await PersonalDataInJson.ShowAsync(node, request.Service<PersonalDataVault>(), reveal, ctx.CancellationToken);
        return shown?.ToJsonString() ?? "null";
    }

    private static Dictionary<string, object?> Eq(object? value) => new() { ["eq"] = value };

    /// <summary>The caller's own `where` (if any) and the field's scope, both must hold.</summary>
    private static IReadOnlyDictionary<string, object?> And(IReadOnlyDictionary<string, object?> where, Dictionary<string, object?> scope) =>
        where.Count == 0 ? scope : new Dictionary<string, object?> { ["and"] = new object?[] { where, scope } };
}
