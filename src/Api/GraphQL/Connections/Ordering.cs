namespace Cabinets.Api.GraphQL.Connections;

/// <summary>HotChocolate's sort direction enum (<c>enum SortEnumType { ASC DESC }</c>).</summary>
public enum SortEnumType
{
    Asc,
    Desc,
}

/// <summary>One column of an order. PostgreSQL's defaults place NULL last ascending and first descending: NULL sorts as the largest value.</summary>
internal sealed record SortKey(ConnectionColumn Column, bool Descending)
{
    public SortKey Reversed => this with { Descending = !Descending };

    public string Sql(string? column = null) => (column ?? Column.Sql) + (Descending ? " desc" : " asc");
}

/// <summary>The <c>order</c> argument as a total order: the client's keys, then the table's unique key (ADR-0010).</summary>
internal static class Ordering
{
    public static IReadOnlyList<SortKey> From(ConnectionTable table, object?[]? order)
    {
        var keys = new List<SortKey>();
        for (var i = 0; i < (order?.Length ?? 0); i++)
        {
            if (order![i] is not IReadOnlyDictionary<string, object?> item) continue;
            var given = item.Where(f => f.Value is not null).ToList();
            // The engine hands input objects over in declaration order, not the client's, so an
            // object naming two fields would have an order the client did not write.
            if (given.Count > 1)
                throw ConnectionErrors.BadInput(
                    $"Each {table.SortInput} sorts by one field; list one object per field, most significant first.", "order", i);
            if (given.Count == 0) continue;
            var column = table.Column(given[0].Key);
            if (keys.Exists(k => k.Column == column)) continue; // a repeated field cannot change the order
            keys.Add(new SortKey(column, (SortEnumType)given[0].Value! == SortEnumType.Desc));
        }

        // The tie-breaker follows the last client key's direction: `city DESC` becomes
        // `city DESC, serial_number DESC`, a backward scan of an index on (city, serial_number).
        var descending = keys.Count > 0 && keys[^1].Descending;
        foreach (var key in table.Key)
            if (!keys.Exists(k => k.Column == key)) keys.Add(new SortKey(key, descending));
        // Keys after the last unique-key column never decide anything: drop them so the SQL stays index-shaped.
        var last = table.Key.Max(k => keys.FindIndex(s => s.Column == k));
        return keys.GetRange(0, last + 1);
    }

    public static IReadOnlyList<SortKey> Reverse(IReadOnlyList<SortKey> keys) => keys.Select(k => k.Reversed).ToArray();

    /// <summary>Names the order inside cursors, so a cursor is refused by a list in another order.</summary>
    public static string Fingerprint(ConnectionTable table, IReadOnlyList<SortKey> keys) =>
        table.Connection + ":" + string.Join(',', keys.Select(k => (k.Descending ? "-" : "+") + k.Column.Field));
}
