using Cabinets.Api.GraphQL.Connections;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;
using Marten;

namespace Cabinets.Api.Vending.GraphQL;

/// <summary>
/// The vending lists as fields: <see cref="ConnectionSchema.UseConnection"/> with nodes read by the
/// store's serializer (the snapshots exactly as Marten wrote them) and, when a parent or a purpose
/// narrows the list, hidden columns and-ed to the client's filter (so its error paths stay the client's).
/// </summary>
internal static class VendingConnections
{
    /// <param name="bySerializer">False for a table that reads its own nodes (the ticket ledger's events).</param>
    public static FieldBuilder<TSource> UseVendingConnection<TSource, TNode>(this FieldBuilder<TSource> field, ConnectionTable<TNode> table,
        Func<ResolveContext, Task<IReadOnlyDictionary<string, object?>>>? scope = null, bool bySerializer = true) =>
        field.UseConnection(table,
            scope is null ? null : async (ctx, where) =>
            {
                var scoped = new Dictionary<string, object?>(where);
                foreach (var (column, condition) in await scope(ctx)) scoped[column] = condition;
                return scoped;
            },
            bySerializer ? ctx => reader => VendingLoaders.Serializer(ctx).FromJson<TNode>(reader, 0) : null);

    /// <summary>A hidden column's equality, for a scope.</summary>
    public static IReadOnlyDictionary<string, object?> Equal(string column, object? value) =>
        new Dictionary<string, object?> { [column] = new Dictionary<string, object?> { ["eq"] = value } };

    public static IReadOnlyDictionary<string, object?> In(string column, IReadOnlyList<object?> values) =>
        new Dictionary<string, object?> { [column] = new Dictionary<string, object?> { ["in"] = values.ToArray() } };
}
