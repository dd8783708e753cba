using Npgsql;

namespace Cabinets.Api.GraphQL.Connections;

/// <summary>
/// A read-model table as a Relay connection (ADR-0010): the names of its GraphQL types, the SQL
/// it is read from, its filterable and sortable columns and the unique key that ends every order.
/// </summary>
internal class ConnectionTable
{
    private readonly Dictionary<string, ConnectionColumn> _byField;

    /// <param name="entity">Names the inputs: <c>Cabinet</c> gives <c>CabinetFilterInput</c> and <c>CabinetSortInput</c>.</param>
    /// <param name="connection">Names the outputs: <c>Cabinets</c> gives <c>CabinetsConnection</c> and <c>CabinetsEdge</c>.</param>
    /// <param name="from">The table, e.g. <c>rm.cabinets</c>; never request text.</param>
    /// <param name="key">Fields whose values together are unique and never null: the tie-breaker of every order.</param>
    protected ConnectionTable(string entity, string connection, string from, IReadOnlyList<ConnectionColumn> columns, IReadOnlyList<string> key)
    {
        Entity = entity;
        Connection = connection;
        From = from;
        Columns = columns;
        _byField = columns.ToDictionary(c => c.Field, StringComparer.Ordinal);
        Key = key.Select(Column).ToArray();
        if (Key.Count == 0 || Key.Any(k => k.Nullable))
            throw new ArgumentException($"{connection}: the key must be one or more non-null columns.", nameof(key));
    }

    public string Entity { get; }

    public string Connection { get; }

    public string From { get; }

    public IReadOnlyList<ConnectionColumn> Columns { get; }

    public IReadOnlyList<ConnectionColumn> Key { get; }

    public string NodeType { get; init; } = "";

    /// <summary>SQL expressions the node is read from, in the order <see cref="ConnectionTable{TNode}.Read"/> reads them.</summary>
    public IReadOnlyList<string> Select { get; init; } = [];

    public string FilterInput => Entity + "FilterInput";

    public string SortInput => Entity + "SortInput";

    public ConnectionColumn Column(string field) =>
        _byField.TryGetValue(field, out var column) ? column : throw new ArgumentException($"{Connection} has no column for field {field}.");
}

/// <summary>A <see cref="ConnectionTable"/> whose rows become <typeparamref name="TNode"/>s.</summary>
internal sealed class ConnectionTable<TNode>(
    string entity, string connection, string from, IReadOnlyList<ConnectionColumn> columns, IReadOnlyList<string> key,
    Func<NpgsqlDataReader, TNode> read)
    : ConnectionTable(entity, connection, from, columns, key)
{
    /// <summary>Reads one node from ordinals 0… of the row (<see cref="ConnectionTable.Select"/>'s order).</summary>
    public Func<NpgsqlDataReader, TNode> Read { get; } = read;
}
