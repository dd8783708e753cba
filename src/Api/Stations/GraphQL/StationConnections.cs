using Cabinets.Api.GraphQL;
using Cabinets.Api.GraphQL.Connections;
using Cabinets.GraphQL.Execution;
using Marten;
using Npgsql;

namespace Cabinets.Api.Stations.GraphQL;

/// <summary>
/// A station's snapshot documents (Marten's <c>mt_doc_*</c> tables) as a connection of ADR-0010:
/// where, order, keyset paging and the count in one statement, always narrowed to the caller's
/// station by the hidden <c>stationId</c> column. Nodes are read from the document's JSON with the
/// store's own serializer, so they are the snapshot's records exactly as Marten wrote them.
/// </summary>
internal sealed class StationList<TNode>(ConnectionTable<TNode> table, Func<ISerializer, NpgsqlDataReader, TNode> read)
{
    public ConnectionTable<TNode> Table => table;

    public Func<ISerializer, NpgsqlDataReader, TNode> Read => read;

    /// <summary>A table description for <see cref="StationList{TNode}"/>: its nodes need the serializer, so the table itself does not read them.</summary>
    public static Func<NpgsqlDataReader, TNode> ReadBySerializer { get; } =
        _ => throw new InvalidOperationException("a station list reads its nodes in StationConnections, with the store's serializer");
}

/// <summary>
/// The resolver of a <see cref="StationList{TNode}"/>. It is <see cref="ConnectionResolver"/>'s loop
/// over the same statement with two differences that resolver has no hook for: the caller's
/// station is and-ed to the client's filter, and nodes are deserialized by the store.
/// </summary>
internal static class StationConnections
{
    public static async Task<Connection<TNode>> ResolveAsync<TNode>(StationList<TNode> list, ResolveContext ctx)
    {
        var table = list.Table;
        var order = Ordering.From(table, ctx.Arguments.GetValueOrDefault("order") as object?[]);
        var fingerprint = Ordering.Fingerprint(table, order);
        var page = PageArgs.From(ctx.Arguments, order, fingerprint);
        var where = Scoped(ctx.Arguments.GetValueOrDefault("where") as IReadOnlyDictionary<string, object?>, StationRequests.StationOf(ctx));
        var statement = PageStatement.Build(table, page, order, where, Selections.Mentions(ctx.FieldNode.SelectionSet, "totalCount"));
        var db = GraphQLRequestContext.Of(ctx).Service<NpgsqlDataSource>();
        var serializer = StationRequests.Service<IDocumentStore>(ctx).Options.Serializer();

        var edges = new List<Edge<TNode>>(page.Size + 1);
        var otherSide = false;
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
                if (reader.IsDBNull(scalar - 1)) continue; // the empty page's row of scalars
                var keys = new object?[statement.KeyColumns];
                for (var i = 0; i < keys.Length; i++)
                    keys[i] = reader.IsDBNull(statement.NodeColumns + i) ? null : reader.GetValue(statement.NodeColumns + i);
                edges.Add(new Edge<TNode>(Cursor.Encode(fingerprint, keys), list.Read(serializer, reader)));
            }
        }

        var more = edges.Count > page.Size;
        if (more) edges.RemoveAt(edges.Count - 1);
        if (page.Backward) edges.Reverse();
        var info = new PageInfo(page.Backward ? otherSide : more, page.Backward ? more : otherSide,
            edges.Count > 0 ? edges[0].Cursor : null, edges.Count > 0 ? edges[^1].Cursor : null);
        return new Connection<TNode>(edges, info, total, ct => CountAsync(db, table, where, ct));
    }

    /// <summary>The client's filter with the station added as one more field; paths in filter errors stay the client's.</summary>
    private static Dictionary<string, object?> Scoped(IReadOnlyDictionary<string, object?>? where, string station) =>
        new(where ?? new Dictionary<string, object?>())
        {
            [StationLists.StationColumn] = new Dictionary<string, object?> { ["eq"] = station },
        };

    private static async Task<int> CountAsync(NpgsqlDataSource db, ConnectionTable table, IReadOnlyDictionary<string, object?> where, CancellationToken ct)
    {
        var (sql, parameters) = PageStatement.Count(table, where);
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddRange(parameters.ToArray());
        return (int)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
