using Cabinets.GraphQL.Execution;
using Npgsql;

namespace Cabinets.Api.GraphQL.Connections;

/// <summary>Runs a connection field: arguments → one statement → edges, pageInfo and (if selected) totalCount.</summary>
internal static class ConnectionResolver
{
    /// <param name="rewriteWhere">Changes filter values before they reach SQL, e.g. a phone number into its keyed hash.</param>
    /// <param name="read">Reads a node instead of the table's <see cref="ConnectionTable{TNode}.Read"/>, e.g. with the store's serializer.</param>
    public static async Task<Connection<TNode>> ResolveAsync<TNode>(
        ConnectionTable<TNode> table, ResolveContext ctx, Func<IReadOnlyDictionary<string, object?>, Task<IReadOnlyDictionary<string, object?>>>? rewriteWhere = null,
        Func<NpgsqlDataReader, TNode>? read = null)
    {
        read ??= table.Read;
        var order = Ordering.From(table, ctx.Arguments.GetValueOrDefault("order") as object?[]);
        var fingerprint = Ordering.Fingerprint(table, order);
        var page = PageArgs.From(ctx.Arguments, order, fingerprint);
        var where = ctx.Arguments.GetValueOrDefault("where") as IReadOnlyDictionary<string, object?>;
        if (rewriteWhere is not null) where = await rewriteWhere(where ?? new Dictionary<string, object?>());
        var statement = PageStatement.Build(table, page, order, where, Selections.Mentions(ctx.FieldNode.SelectionSet, "totalCount"));
        var db = GraphQLRequestContext.Of(ctx).Service<NpgsqlDataSource>();

        var edges = new List<Edge<TNode>>(page.Size + 1);
        bool otherSide = false;
        int? total = null;
        await using (var cmd = db.CreateCommand(statement.Sql))
        {
            cmd.Parameters.AddRange(statement.Parameters.ToArray());
            await using var reader = await cmd.ExecuteReaderAsync(ctx.CancellationToken);
            var scalar = statement.NodeColumns + statement.KeyColumns;
            while (await reader.ReadAsync(ctx.CancellationToken))
            {
                if (statement.WithOtherSide) otherSide = reader.GetBoolean(scalar);
                if (statement.WithTotal) total = reader.GetInt32(scalar + (statement.WithOtherSide ? 1 : 0));
                if (reader.IsDBNull(scalar - 1)) continue; // the empty page's one row of scalars: the last key is never NULL
                var keys = new object?[statement.KeyColumns];
                for (var i = 0; i < keys.Length; i++)
                    keys[i] = reader.IsDBNull(statement.NodeColumns + i) ? null : reader.GetValue(statement.NodeColumns + i);
                edges.Add(new Edge<TNode>(Cursor.Encode(fingerprint, keys), read(reader)));
            }
        }

        var more = edges.Count > page.Size;
        if (more) edges.RemoveAt(edges.Count - 1);
        if (page.Backward) edges.Reverse();
        var info = new PageInfo(
            HasNextPage: page.Backward ? otherSide : more,
            HasPreviousPage: page.Backward ? more : otherSide,
            edges.Count > 0 ? edges[0].Cursor : null,
            edges.Count > 0 ? edges[^1].Cursor : null);
        return new Connection<TNode>(edges, info, total, ct => CountAsync(db, table, where, ct));
    }

    private static async Task<int> CountAsync(NpgsqlDataSource db, ConnectionTable table, IReadOnlyDictionary<string, object?>? where, CancellationToken ct)
    {
        var (sql, parameters) = PageStatement.Count(table, where);
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddRange(parameters.ToArray());
        return (int)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
