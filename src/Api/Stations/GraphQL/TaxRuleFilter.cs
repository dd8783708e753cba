using Cabinets.Api.GraphQL.Connections;
using static Cabinets.Api.Stations.GraphQL.StationEnums;

namespace Cabinets.Api.Stations.GraphQL;

/// <summary>
/// A <c>TaxRuleFilterInput</c> evaluated on one rule, as <see cref="FilterSql"/> would translate it:
/// fields and operations and-ed, <c>and</c>/<c>or</c> nested, null or empty adds nothing, every
/// negated operation the complement of its positive one, the same bound on conditions. A field
/// with several values (a rule's merchants and SPUs) matches when any value matches.
/// </summary>
internal sealed class TaxRuleFilter
{
    private static readonly Dictionary<string, string> Negations = new(StringComparer.Ordinal)
    {
        ["neq"] = "eq", ["nin"] = "in", ["ncontains"] = "contains", ["nstartsWith"] = "startsWith", ["nendsWith"] = "endsWith",
        ["ngt"] = "gt", ["ngte"] = "gte", ["nlt"] = "lt", ["nlte"] = "lte",
    };

    private readonly IReadOnlyDictionary<string, object?>? _where;

    private TaxRuleFilter(IReadOnlyDictionary<string, object?>? where) => _where = where;

    /// <summary>The filter, its size checked once before any rule is read (the bounds of FilterSql).</summary>
    public static TaxRuleFilter Of(IReadOnlyDictionary<string, object?>? where)
    {
        if (where is not null) Count(where, ["where"], 0);
        return new TaxRuleFilter(where);
    }

    public bool Matches(StationTaxRule rule) => _where is null || (Object(_where, rule) ?? true);

    /// <summary>null: the object adds no condition (as FilterSql drops it, also from an <c>or</c>).</summary>
    private static bool? Object(IReadOnlyDictionary<string, object?> filter, StationTaxRule rule) => All(filter.Select(entry => entry switch
    {
        (_, null) => null,
        ("and", object?[] items) => All(Items(items).Select(f => Object(f, rule))),
        ("or", object?[] items) => Any(Items(items).Select(f => Object(f, rule))),
        var (field, operations) => All(((IReadOnlyDictionary<string, object?>)operations).Select(op => (bool?)Operation(ValuesOf(rule, field), op.Key, op.Value))),
    }));

    private static bool? All(IEnumerable<bool?> parts) => parts.OfType<bool>().ToList() is { Count: > 0 } given ? given.TrueForAll(p => p) : null;

    private static bool? Any(IEnumerable<bool?> parts) => parts.OfType<bool>().ToList() is { Count: > 0 } given ? given.Exists(p => p) : null;

    private static IEnumerable<IReadOnlyDictionary<string, object?>> Items(object?[] items) => items.OfType<IReadOnlyDictionary<string, object?>>();

    private static IReadOnlyList<object> ValuesOf(StationTaxRule r, string field) => field switch
    {
        "id" => [r.Rule.Id],
        "name" => [r.Rule.Name],
        "status" => [r.Rule.Valid ? TaxRuleStatus.Valid : TaxRuleStatus.Invalid],
        "addressId" => r.Rule.Merchants.Select(m => (object)m.AddressId).ToList(),
        "spuId" => r.Rule.Spus.Select(s => (object)s.SpuId).ToList(),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a rule filter field"),
    };

    private static bool Operation(IReadOnlyList<object> values, string op, object? operand)
    {
        var positive = Negations.GetValueOrDefault(op) ?? op;
        var matched = values.Any(v => Positive(v, positive, operand));
        return positive == op ? matched : !matched;
    }

    // No rule field is ever null, so `eq: null` matches nothing and its negation everything.
    private static bool Positive(object value, string op, object? operand) => (op, operand) switch
    {
        ("eq", null) => false,
        ("eq", _) => Equals(value, operand),
        ("in", object?[] list) => list.Any(item => Equals(value, item)),
        ("contains", string text) => ((string)value).Contains(text, StringComparison.Ordinal),
        ("startsWith", string text) => ((string)value).StartsWith(text, StringComparison.Ordinal),
        ("endsWith", string text) => ((string)value).EndsWith(text, StringComparison.Ordinal),
        ("gt", int n) => (int)value > n,
        ("gte", int n) => (int)value >= n,
        ("lt", int n) => (int)value < n,
        ("lte", int n) => (int)value <= n,
        _ => false,
    };

    private static int Count(IReadOnlyDictionary<string, object?> filter, List<object> path, int conditions)
    {
        foreach (var (name, value) in filter)
        {
            var here = new List<object>(path) { name };
            if (value is object?[] items)
            {
                for (var i = 0; i < items.Length; i++)
                    if (items[i] is IReadOnlyDictionary<string, object?> f) conditions = Count(f, [.. here, i], conditions);
            }
            else if (value is IReadOnlyDictionary<string, object?> operations)
            {
                foreach (var (op, operand) in operations)
                {
                    if (++conditions > FilterSql.MaxConditions)
                        throw ConnectionErrors.BadInput($"A filter may hold at most {FilterSql.MaxConditions} conditions.", here.Append(op));
                    if (operand is null && op != "eq") throw ConnectionErrors.BadInput($"\"{op}\" cannot be null.", here.Append(op));
                    if (operand is object?[] { Length: > FilterSql.MaxListLength })
                        throw ConnectionErrors.BadInput($"\"{op}\" may list at most {FilterSql.MaxListLength} values.", here.Append(op));
                }
            }
        }
        return conditions;
    }
}
