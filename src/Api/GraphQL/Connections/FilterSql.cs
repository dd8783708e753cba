namespace Cabinets.Api.GraphQL.Connections;

/// <summary>
/// Translates a coerced <c>&lt;X&gt;FilterInput</c> to one SQL boolean expression over the table's
/// columns, every value a parameter. As in HotChocolate, fields of one object are and-ed, a null or
/// empty object or list adds no condition, and the negated operators (<c>neq</c>, <c>nin</c>,
/// <c>ncontains</c>, <c>ngt</c>…) are the exact complement of the positive ones, so NULL matches them.
/// </summary>
internal sealed class FilterSql(ConnectionTable table, SqlParameters parameters)
{
    /// <summary>Bounds the statement (and its parameter count) a request can make, far above any console filter.</summary>
    public const int MaxConditions = 100;

    public const int MaxListLength = 1000;

    private static readonly Dictionary<string, string> Negations = new(StringComparer.Ordinal)
    {
        ["neq"] = "eq", ["nin"] = "in", ["ncontains"] = "contains", ["nstartsWith"] = "startsWith", ["nendsWith"] = "endsWith",
        ["ngt"] = "gt", ["ngte"] = "gte", ["nlt"] = "lt", ["nlte"] = "lte",
    };

    private int _conditions;

    public string Where(IReadOnlyDictionary<string, object?>? filter) =>
        filter is null ? "true" : Object(filter, ["where"]) ?? "true";

    private string? Object(IReadOnlyDictionary<string, object?> filter, List<object> path)
    {
        var parts = new List<string>();
        foreach (var (name, value) in filter)
        {
            if (value is null) continue;
            var here = new List<object>(path) { name };
            var part = name switch
            {
                "and" => Combine(Items(value, here), " and "),
                "or" => Combine(Items(value, here), " or "),
                _ => Operations(table.Column(name), (IReadOnlyDictionary<string, object?>)value, here),
            };
            if (part is not null) parts.Add(part);
        }
        return Combine(parts, " and ");
    }

    private List<string> Items(object list, List<object> path) =>
        ((object?[])list).Select((item, i) => item is IReadOnlyDictionary<string, object?> f ? Object(f, [.. path, i]) : null)
            .OfType<string>().ToList();

    private static string? Combine(List<string> parts, string with) => parts.Count switch
    {
        0 => null,
        1 => parts[0],
        _ => "(" + string.Join(with, parts) + ")",
    };

    private string? Operations(ConnectionColumn column, IReadOnlyDictionary<string, object?> operations, List<object> path)
    {
        var parts = new List<string>();
        foreach (var (op, value) in operations)
        {
            var here = new List<object>(path) { op };
            if (++_conditions > MaxConditions)
                throw ConnectionErrors.BadInput($"A filter may hold at most {MaxConditions} conditions.", here);
            var positive = Negations.GetValueOrDefault(op) ?? op;
            var (sql, twoValued) = Positive(column, positive, value, here);
            var isNegated = positive != op;
            // SQL comparisons with NULL are unknown; for a nullable column the complement must add "or is null".
            parts.Add(!isNegated ? sql : twoValued ? $"not ({sql})" : $"({column.Sql} is null or not ({sql}))");
        }
        return Combine(parts, " and ");
    }

    private (string Sql, bool TwoValued) Positive(ConnectionColumn column, string op, object? value, List<object> path)
    {
        var c = column.Sql;
        if (op == "eq" && value is null) return ($"{c} is null", true);
        if (value is null) throw ConnectionErrors.BadInput($"\"{path[^1]}\" cannot be null.", path);
        var twoValued = !column.Nullable;
        return op switch
        {
            "eq" => ($"{c} = {Value(column, value)}", twoValued),
            "in" => In(column, (object?[])value, path),
            "contains" => ($"{c} like {Like("%", (string)value, "%")}", twoValued),
            "startsWith" => ($"{c} like {Like("", (string)value, "%")}", twoValued),
            "endsWith" => ($"{c} like {Like("%", (string)value, "")}", twoValued),
            "gt" => ($"{c} > {Value(column, value)}", twoValued),
            "gte" => ($"{c} >= {Value(column, value)}", twoValued),
            "lt" => ($"{c} < {Value(column, value)}", twoValued),
            "lte" => ($"{c} <= {Value(column, value)}", twoValued),
            _ => throw new InvalidOperationException($"Unknown filter operation {op}."),
        };
    }

    private (string, bool) In(ConnectionColumn column, object?[] values, List<object> path)
    {
        if (values.Length > MaxListLength)
            throw ConnectionErrors.BadInput($"\"{path[^1]}\" may list at most {MaxListLength} values.", path);
        var present = values.OfType<object>().Select(column.ToDb).ToArray();
        var array = Array.CreateInstance(present.FirstOrDefault()?.GetType() ?? typeof(string), present.Length);
        Array.Copy(present, array, present.Length);
        var any = present.Length == 0 ? "false" : $"{column.Sql} = any({parameters.Add(array, NpgsqlTypes.NpgsqlDbType.Array | column.DbType)})";
        return present.Length == values.Length ? (any, !column.Nullable) : ($"({any} or {column.Sql} is null)", true);
    }

    private string Value(ConnectionColumn column, object value) => parameters.Add(column.ToDb(value), column.DbType);

    /// <summary>LIKE with the client's text taken literally: <c>\</c>, <c>%</c> and <c>_</c> escaped (PostgreSQL's default escape is <c>\</c>).</summary>
    private string Like(string before, string text, string after) =>
        parameters.Add(before + Escape(text) + after, NpgsqlTypes.NpgsqlDbType.Text);

    internal static string Escape(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
