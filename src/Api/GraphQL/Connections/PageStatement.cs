using Npgsql;
using NpgsqlTypes;

namespace Cabinets.Api.GraphQL.Connections;

/// <summary>
/// One page as one statement. Columns: the node's (<c>n0…</c>), the sort keys (<c>k0…</c>, for
/// cursors), then, when asked for, <c>other_side</c> (rows exist before the page's starting
/// cursor) and <c>total_count</c>. Those two come from a one-row subquery the page is joined to
/// laterally, so an empty page still answers them and all of it reads one snapshot.
/// </summary>
internal sealed record PageStatement(string Sql, IReadOnlyList<NpgsqlParameter> Parameters, int NodeColumns, int KeyColumns,
    bool WithOtherSide, bool WithTotal)
{
    public static PageStatement Build(ConnectionTable table, PageArgs page, IReadOnlyList<SortKey> order,
        IReadOnlyDictionary<string, object?>? where, bool withTotal)
    {
        var parameters = new SqlParameters();
        var filter = new FilterSql(table, parameters).Where(where);
        var reversed = Ordering.Reverse(order);
        var after = page.After is { } a ? Keyset.Parameters(order, a, parameters) : null;
        var before = page.Before is { } b ? Keyset.Parameters(order, b, parameters) : null;
        var conditions = new List<string> { filter };
        if (after is not null) conditions.Add(Keyset.After(order, after));
        if (before is not null) conditions.Add(Keyset.After(reversed, before));
        // `last` reads the order backwards from the end (or from `before`) and the caller flips the rows back.
        var travel = page.Backward ? reversed : order;
        var otherSide = page.Backward
            ? before is null ? null : Keyset.After(order, before, orEqual: true)
            : after is null ? null : Keyset.After(reversed, after, orEqual: true);
        var limit = parameters.Add(page.Size + 1, NpgsqlDbType.Integer); // one more row tells whether another page follows

        var columns = table.Select.Select((sql, i) => $"{sql} as n{i}").Concat(order.Select((k, i) => $"{k.Column.Sql} as k{i}"));
        var pageSql = $"select {string.Join(", ", columns)} from {table.From}{Where(conditions)} " +
                      $"order by {string.Join(", ", travel.Select(k => k.Sql()))} limit {limit}";
        if (otherSide is null && !withTotal)
            return new PageStatement(pageSql, parameters.All, table.Select.Count, order.Count, false, false);

        var scalars = new List<string>();
        if (otherSide is not null) scalars.Add($"exists (select 1 from {table.From}{Where([filter, otherSide])}) as other_side");
        if (withTotal) scalars.Add($"(select count(*) from {table.From}{Where([filter])})::int as total_count");
        var sql = $"select p.*, o.* from (select {string.Join(", ", scalars)}) o left join lateral ({pageSql}) p on true " +
                  $"order by {string.Join(", ", travel.Select((k, i) => k.Sql($"p.k{i}")))}";
        return new PageStatement(sql, parameters.All, table.Select.Count, order.Count, otherSide is not null, withTotal);
    }

    /// <summary>totalCount on its own, when the page's statement did not know it was selected.</summary>
    public static (string Sql, IReadOnlyList<NpgsqlParameter> Parameters) Count(ConnectionTable table, IReadOnlyDictionary<string, object?>? where)
    {
        var parameters = new SqlParameters();
        var filter = new FilterSql(table, parameters).Where(where);
        return ($"select count(*)::int from {table.From}{Where([filter])}", parameters.All);
    }

    private static string Where(List<string> conditions)
    {
        conditions.RemoveAll(c => c == "true");
        return conditions.Count == 0 ? "" : " where " + string.Join(" and ", conditions);
    }
}
