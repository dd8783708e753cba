using Cabinets.Api.GraphQL.Connections;
using Cabinets.GraphQL.Execution;
using static Cabinets.Api.Stations.GraphQL.StationEnums;

namespace Cabinets.Api.Stations.GraphQL;

/// <summary>
/// <c>taxRules(...)</c>. A station's rules are one document — the book the overlap rule is decided
/// on (ADR-0019) — so the filter cannot go to SQL without unnesting that one row, and the row is
/// read whole anyway. The rules are therefore filtered, ordered and paged here, with the list
/// machinery of ADR-0010 (order, keyset cursors, page arguments) and <see cref="FilterSql"/>'s
/// semantics: negations are exact complements, a null or empty object adds no condition.
/// <c>addressId</c> and <c>spuId</c> match a rule when one of its merchants (SPUs) matches.
/// </summary>
internal static class TaxRuleList
{
    // The column SQL names the book's JSON fields for the reader; no statement is built from them.
    public static ConnectionTable<StationTaxRule> Table { get; } = new(
        "TaxRule", "TaxRules", "public.mt_doc_stationtaxrulessnapshot",
        [
            new("id", "Id", ColumnType.Int),
            new("name", "Name", ColumnType.String),
            new("status", "Valid", ColumnType.Enum) { Enum = new EnumColumn("TaxRuleStatus", v => ((int)(TaxRuleStatus)v).ToString(System.Globalization.CultureInfo.InvariantCulture)) },
            new("addressId", "Merchants.AddressId", ColumnType.Int) { Sortable = false },
            new("spuId", "Spus.SpuId", ColumnType.String) { Sortable = false },
            new("updatedAt", "UpdatedAt", ColumnType.DateTime) { Filterable = false },
        ],
        key: ["id"], _ => throw new InvalidOperationException("the rules are paged in memory, by TaxRuleList"))
    {
        NodeType = "TaxRule",
    };

    public static async Task<Connection<StationTaxRule>> ResolveAsync(ResolveContext ctx)
    {
        var station = StationRequests.StationOf(ctx);
        var book = await StationLoaders.RulesAsync(ctx, station);
        var order = Ordering.From(Table, ctx.Arguments.GetValueOrDefault("order") as object?[]);
        var fingerprint = Ordering.Fingerprint(Table, order);
        var page = PageArgs.From(ctx.Arguments, order, fingerprint);
        var where = TaxRuleFilter.Of(ctx.Arguments.GetValueOrDefault("where") as IReadOnlyDictionary<string, object?>);

        var rows = book.Rules.Values.Select(r => new StationTaxRule(station, r)).Where(where.Matches)
            .Select(r => (Rule: r, Keys: order.Select(k => KeyOf(r, k.Column.Field)).ToArray()))
            .ToList();
        var compare = Comparer<object?[]>.Create((a, b) => Compare(order, a, b));
        rows.Sort((a, b) => compare.Compare(a.Keys, b.Keys));

        var after = page.After;
        var before = page.Before;
        var window = rows.Where(r => (after is null || compare.Compare(r.Keys, after) > 0) && (before is null || compare.Compare(r.Keys, before) < 0)).ToList();
        var taken = page.Backward ? window.TakeLast(page.Size + 1).ToList() : window.Take(page.Size + 1).ToList();
        var more = taken.Count > page.Size;
        if (more) taken.RemoveAt(page.Backward ? 0 : taken.Count - 1);
        var otherSide = page.Backward
            ? before is not null && rows.Exists(r => compare.Compare(r.Keys, before) >= 0)
            : after is not null && rows.Exists(r => compare.Compare(r.Keys, after) <= 0);

        var edges = taken.Select(r => new Edge<StationTaxRule>(Cursor.Encode(fingerprint, r.Keys), r.Rule)).ToList();
        var info = new PageInfo(page.Backward ? otherSide : more, page.Backward ? more : otherSide,
            edges.Count > 0 ? edges[0].Cursor : null, edges.Count > 0 ? edges[^1].Cursor : null);
        return new Connection<StationTaxRule>(edges, info, rows.Count, _ => Task.FromResult(rows.Count));
    }

    /// <summary>A sort key as a cursor holds it: ints, strings (an enum's stored code) and UTC times.</summary>
    private static object KeyOf(StationTaxRule r, string field) => field switch
    {
        "id" => r.Rule.Id,
        "name" => r.Rule.Name,
        "status" => r.Rule.Valid ? "1" : "0",
        "updatedAt" => r.Rule.UpdatedAt.UtcDateTime,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a sortable rule field"),
    };

    private static int Compare(IReadOnlyList<SortKey> order, object?[] a, object?[] b)
    {
        for (var i = 0; i < order.Count; i++)
        {
            var c = (a[i], b[i]) switch
            {
                (string x, string y) => string.CompareOrdinal(x, y),
                (IComparable x, { } y) => x.CompareTo(y),
                _ => 0,
            };
            if (c != 0) return order[i].Descending ? -c : c;
        }
        return 0;
    }
}
