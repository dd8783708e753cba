using Cabinets.GraphQL.Execution;
using System.Runtime.CompilerServices;
using Cabinets.GraphQL.Types;

namespace Cabinets.Api.GraphQL.Connections;

/// <summary>
/// Declares a table's connection types with HotChocolate's names (ADR-0010) and configures the
/// field that serves it: <c>cabinets(first, after, last, before, where, order): CabinetsConnection!</c>.
/// </summary>
internal static class ConnectionSchema
{
    // Shared types (PageInfo, SortEnumType, StringOperationFilterInput…) once per schema, whichever module comes first.
    private static readonly ConditionalWeakTable<SchemaBuilder, HashSet<string>> Declared = new();

    public static string ConnectionType(this ConnectionTable table) => table.Connection + "Connection";

    public static SchemaBuilder AddConnection<TNode>(this SchemaBuilder schema, ConnectionTable<TNode> table)
    {
        var declared = Declared.GetOrCreateValue(schema);
        if (declared.Add("PageInfo")) AddShared(schema);
        foreach (var column in table.Columns.Where(c => c.Filterable))
            if (declared.Add(column.FilterInputType)) OperationFilterTypes.Add(schema, column);

        var edge = table.Connection + "Edge";
        return schema
            .InputObject(table.FilterInput, i =>
            {
                i.Field("and", $"[{table.FilterInput}!]").Field("or", $"[{table.FilterInput}!]");
                foreach (var c in table.Columns.Where(c => c.Filterable)) i.Field(c.Field, c.FilterInputType);
            })
            .InputObject(table.SortInput, i =>
            {
                i.Description("Sorts by one field; list several in `order`, most significant first.");
                foreach (var c in table.Columns.Where(c => c.Sortable)) i.Field(c.Field, "SortEnumType");
            })
            .Object<Connection<TNode>>(table.ConnectionType(), t => t
                .Description("A connection to a list of items.")
                .Field("edges", $"[{edge}!]", f => f.Description("A list of edges.").Cost(0).ResolveFromSource(c => c.Edges))
                .Field("nodes", $"[{table.NodeType}!]", f => f.Description("A flattened list of the nodes.").Cost(0).ResolveFromSource(c => c.Nodes))
                .Field("pageInfo", "PageInfo!", f => f.Description("Information to aid in pagination.").Cost(0).ResolveFromSource(c => c.PageInfo))
                .Field("totalCount", "Int!", f => f
                    .Description("Identifies the total count of items in the connection.")
                    .Cost(0)
                    .ResolveAsync(ctx => ctx.Source.TotalCountAsync(ctx.CancellationToken))))
            .Object<Edge<TNode>>(edge, t => t
                .Description("An edge in a connection.")
                .Field("cursor", "String!", f => f.Description("A cursor for use in pagination.").Cost(0).ResolveFromSource(e => e.Cursor))
                .Field("node", $"{table.NodeType}!", f => f.Description("The item at the end of the edge.").Cost(0).ResolveFromSource(e => e.Node)));
    }

    /// <summary>
    /// The Relay arguments, a cost that multiplies the selection by the page size, and the resolver.
    /// The connection's own fields (edges, nodes, node, cursor, pageInfo, totalCount) cost 0: they
    /// are the same page read once, so only the node's fields count, once per row (ADR-0010).
    /// </summary>
    public static FieldBuilder<TSource> UseConnection<TSource, TNode>(
        this FieldBuilder<TSource> field, ConnectionTable<TNode> table,
        Func<ResolveContext, IReadOnlyDictionary<string, object?>, Task<IReadOnlyDictionary<string, object?>>>? rewriteWhere = null,
        Func<ResolveContext, Func<Npgsql.NpgsqlDataReader, TNode>>? read = null) => field
        .Argument("first", "Int", $"Returns the first _n_ elements from the list (default {PageArgs.DefaultSize}, at most {PageArgs.MaxSize}).")
        .Argument("after", "String", "Returns the elements in the list that come after the specified cursor.")
        .Argument("last", "Int", $"Returns the last _n_ elements from the list (at most {PageArgs.MaxSize}).")
        .Argument("before", "String", "Returns the elements in the list that come before the specified cursor.")
        .Argument("where", table.FilterInput)
        .Argument("order", $"[{table.SortInput}!]")
        .Cost(1, "first", "last")
        .AssumedSize(PageArgs.DefaultSize)
        .ResolveAsync(ctx => ConnectionResolver.ResolveAsync(table, ctx.Untyped, rewriteWhere is null ? null : w => rewriteWhere(ctx.Untyped, w),
            read?.Invoke(ctx.Untyped)));

    private static void AddShared(SchemaBuilder schema) => schema
        .Enum<SortEnumType>("SortEnumType")
        .Object<PageInfo>("PageInfo", t => t
            .Description("Information about pagination in a connection.")
            .Field("hasNextPage", "Boolean!", f => f
                .Description("Indicates whether more edges exist following the set defined by the clients arguments.")
                .Cost(0).ResolveFromSource(p => p.HasNextPage))
            .Field("hasPreviousPage", "Boolean!", f => f
                .Description("Indicates whether more edges exist prior the set defined by the clients arguments.")
                .Cost(0).ResolveFromSource(p => p.HasPreviousPage))
            .Field("startCursor", "String", f => f.Description("When paginating backwards, the cursor to continue.").Cost(0).ResolveFromSource(p => p.StartCursor))
            .Field("endCursor", "String", f => f.Description("When paginating forwards, the cursor to continue.").Cost(0).ResolveFromSource(p => p.EndCursor)));
}
