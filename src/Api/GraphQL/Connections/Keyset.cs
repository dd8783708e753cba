namespace Cabinets.Api.GraphQL.Connections;

/// <summary>
/// Keyset conditions: the rows strictly after a cursor's key values in an order (ADR-0010). One
/// direction and no NULLs give a row comparison <c>(a, b) &gt; ($1, $2)</c>, which a b-tree on
/// <c>(a, b)</c> answers as a range; mixed directions or nullable keys give the equivalent OR-chain
/// <c>a &gt; $1 or (a = $1 and b &lt; $2) …</c>, led by a bound on the first key when it cannot be NULL.
/// Every term is two-valued (never NULL), so a condition can also be negated safely.
/// </summary>
internal static class Keyset
{
    /// <summary>Adds the cursor's values as parameters once; the conditions refer to them (null for a NULL value).</summary>
    public static string?[] Parameters(IReadOnlyList<SortKey> keys, object?[] values, SqlParameters parameters) =>
        keys.Select((k, i) => values[i] is { } v ? parameters.Add(v, k.Column.DbType) : null).ToArray();

    /// <summary>Rows after the cursor in <paramref name="keys"/>' order, or also the cursor's row itself.</summary>
    public static string After(IReadOnlyList<SortKey> keys, string?[] values, bool orEqual = false)
    {
        if (keys.All(k => !k.Column.Nullable) && keys.All(k => k.Descending == keys[0].Descending))
        {
            var op = (keys[0].Descending ? "<" : ">") + (orEqual ? "=" : "");
            return keys.Count == 1
                ? $"{keys[0].Column.Sql} {op} {values[0]}"
                : $"({string.Join(", ", keys.Select(k => k.Column.Sql))}) {op} ({string.Join(", ", values)})";
        }

        var terms = new List<string>();
        for (var i = 0; i < keys.Count; i++)
            terms.Add(And(Enumerable.Range(0, i).Select(j => Equal(keys[j], values[j])).Append(StrictlyAfter(keys[i], values[i]))));
        if (orEqual) terms.Add(And(keys.Select((k, j) => Equal(k, values[j]))));
        var chain = "(" + string.Join(" or ", terms) + ")";
        // The redundant bound lets PostgreSQL start an index scan at the cursor instead of filtering from the start.
        return !keys[0].Column.Nullable
            ? $"({keys[0].Column.Sql} {(keys[0].Descending ? "<=" : ">=")} {values[0]} and {chain})"
            : chain;
    }

    private static string And(IEnumerable<string> parts)
    {
        var list = parts.ToList();
        return list.Count == 1 ? list[0] : "(" + string.Join(" and ", list) + ")";
    }

    // NULL is the largest value (PostgreSQL's default placement): after it ascending comes nothing,
    // after it descending comes every non-NULL value.
    private static string StrictlyAfter(SortKey key, string? value)
    {
        var c = key.Column.Sql;
        return (key.Descending, value, key.Column.Nullable) switch
        {
            (false, null, _) => "false",
            (true, null, _) => $"{c} is not null",
            (false, _, true) => $"({c} > {value} or {c} is null)",
            (false, _, false) => $"{c} > {value}",
            (true, _, true) => $"({c} < {value} and {c} is not null)",
            (true, _, false) => $"{c} < {value}",
        };
    }

    private static string Equal(SortKey key, string? value) =>
        value is null ? $"{key.Column.Sql} is null"
        : key.Column.Nullable ? $"({key.Column.Sql} = {value} and {key.Column.Sql} is not null)"
        : $"{key.Column.Sql} = {value}";
}
