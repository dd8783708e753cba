using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Cabinets.Projections.Stations.OrderLines;

/// <summary>Which orders' lines a list wants (TAX.md §2.9): a time window by one of three clocks, then the optional filters.</summary>
public sealed record StationLineFilter(string StationId)
{
    /// <summary>Creation time window [from, to) — query types 1 and 2.</summary>
    public (DateTimeOffset From, DateTimeOffset To)? CreatedBetween { get; init; }

    /// <summary>Receive-begin window [from, to) — query type 3.</summary>
    public (DateTimeOffset From, DateTimeOffset To)? ReceiveBetween { get; init; }

    public string? TimeConfigId { get; init; }
    public string? SearchText { get; init; }
    public int? Status { get; init; }
    public int? PayStatus { get; init; }
    public int? RouteId { get; init; }
    public bool? IsPriceTiming { get; init; }
    public string? SalemenuId { get; init; }
    public IReadOnlyList<string> Category1Ids { get; init; } = [];
    public IReadOnlyList<string> Category2Ids { get; init; } = [];
    public IReadOnlyList<string> PinleiIds { get; init; } = [];
    public bool? IsWeigh { get; init; }
    public bool? Weighted { get; init; }

    /// <summary>Sorting remarks are not held here (TAX.md §6.18): a filter that needs one matches nothing.</summary>
    public bool MatchesNothing { get; init; }

    public StationLineSort Sort { get; init; } = StationLineSort.DateDesc;
}

public enum StationLineSort { DateDesc, DateAsc, PriceDesc, PriceAsc }

/// <summary>One row of the list: the line as ordered and as delivered, with its order's and SKU's columns.</summary>
public sealed record StationLineRow(string OrderId, string SkuId, string SpuId, int AddressId, DateTimeOffset CreatedAt, int Status,
    decimal Quantity, long UnitPrice, bool IsPriceTiming, string? SpuRemark, int TaxRate, bool IsSetTax, decimal? RealQuantity,
    long? RealUnitPrice, bool Weighted, bool IsPrint, string? Name, string? SalemenuId, string? SalemenuName, string? OuterId,
    string? StdUnitName, decimal SaleRatio, bool IsWeigh, string? RouteName);

public static class StationOrderLineQueries
{
    private const string S = StationOrderLineTables.Schema;

    /// <summary>The matching rows' total and one page of them (`limit` null = all, up to the caller's cap).</summary>
    public static async Task<(long Count, IReadOnlyList<StationLineRow> Rows)> QueryAsync(NpgsqlDataSource db, StationLineFilter f, int offset, int? limit,
        CancellationToken ct = default)
    {
        if (f.MatchesNothing) return (0, []);
        await using var cmd = db.CreateCommand();
        var sql = new StringBuilder($"""
            select l.order_id, l.sku_id, l.spu_id, o.address_id, o.created_at, o.status, l.quantity, l.unit_price, l.is_price_timing, l.spu_remark,
                   l.tax_rate, l.is_set_tax, l.real_quantity, l.real_unit_price, l.weighted, o.is_print, k.name, k.salemenu_id, k.salemenu_name,
                   k.outer_id, k.std_unit_name, coalesce(k.sale_ratio, 1), coalesce(k.is_weigh, false), m.route_name, count(*) over ()
            """);
        sql.Append(FromWhere(cmd, f));
        // Ties: creation time desc, then order id, then SKU (TAX.md §2.9).
        sql.Append(f.Sort switch
        {
            StationLineSort.DateAsc => " order by o.created_at asc, o.order_id, l.sku_id",
            StationLineSort.PriceDesc => " order by coalesce(l.real_unit_price, l.unit_price) desc, o.created_at desc, o.order_id, l.sku_id",
            StationLineSort.PriceAsc => " order by coalesce(l.real_unit_price, l.unit_price) asc, o.created_at desc, o.order_id, l.sku_id",
            _ => " order by o.created_at desc, o.order_id, l.sku_id",
        });
        sql.Append($" offset {P(cmd, offset)}");
        if (limit is { } n) sql.Append($" limit {P(cmd, n)}");
        cmd.CommandText = sql.ToString();

        var rows = new List<StationLineRow>();
        long count = 0;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            rows.Add(new StationLineRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt32(5), reader.GetDecimal(6), reader.GetInt64(7), reader.GetBoolean(8), Text(9),
                reader.GetInt32(10), reader.GetBoolean(11), reader.IsDBNull(12) ? null : reader.GetDecimal(12), reader.IsDBNull(13) ? null : reader.GetInt64(13),
                reader.GetBoolean(14), reader.GetBoolean(15), Text(16), Text(17), Text(18), Text(19), Text(20), reader.GetDecimal(21), reader.GetBoolean(22),
                Text(23)));
            count = reader.GetInt64(24);
        }
        // A page past the end has no row to carry the total.
        if (rows.Count == 0 && offset > 0) return (await CountAsync(db, f, ct), rows);
        return (count, rows);
    }

    private static async Task<long> CountAsync(NpgsqlDataSource db, StationLineFilter f, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "select count(*)" + FromWhere(cmd, f);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The joins and the filter, with their parameters added to <paramref name="cmd"/>.</summary>
    private static string FromWhere(NpgsqlCommand cmd, StationLineFilter f)
    {
        var sql = new StringBuilder($"""

              from {S}.station_order_lines l
              join {S}.station_orders o on o.order_id = l.order_id
              left join {S}.station_skus k on k.station_id = o.station_id and k.sku_id = l.sku_id
              left join {S}.station_merchants m on m.station_id = o.station_id and m.address_id = o.address_id
             where o.station_id = {P(cmd, f.StationId)} and o.status <> -1
            """);
        if (f.CreatedBetween is { } c) sql.Append($" and o.created_at >= {P(cmd, c.From)} and o.created_at < {P(cmd, c.To)}");
        if (f.ReceiveBetween is { } r) sql.Append($" and o.receive_begin_time >= {P(cmd, r.From)} and o.receive_begin_time < {P(cmd, r.To)}");
        if (f.TimeConfigId is { } t) sql.Append($" and o.time_config_id = {P(cmd, t)}");
        if (!string.IsNullOrWhiteSpace(f.SearchText))
        {
            var text = f.SearchText.Trim();
            var like = P(cmd, "%" + text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%");
            var exact = P(cmd, text);
            sql.Append($" and (o.order_id ilike {like} or m.resname ilike {like} or k.name ilike {like} or l.sku_id = {exact} or l.spu_id = {exact}" +
                       $" or o.address_id::text = {exact} or k.outer_id = {exact})");
        }
        if (f.Status is { } status) sql.Append($" and o.status = {P(cmd, status)}");
        if (f.PayStatus is { } pay) sql.Append($" and o.pay_status = {P(cmd, pay)}");
        if (f.RouteId is { } route) sql.Append($" and m.route_id = {P(cmd, route)}");
        if (f.IsPriceTiming is { } timing) sql.Append($" and l.is_price_timing = {P(cmd, timing)}");
        if (f.SalemenuId is { } menu) sql.Append($" and k.salemenu_id = {P(cmd, menu)}");
        if (f.Category1Ids.Count > 0) sql.Append($" and k.category1_id = any({P(cmd, f.Category1Ids.ToArray())})");
        if (f.Category2Ids.Count > 0) sql.Append($" and k.category2_id = any({P(cmd, f.Category2Ids.ToArray())})");
        if (f.PinleiIds.Count > 0) sql.Append($" and k.pinlei_id = any({P(cmd, f.PinleiIds.ToArray())})");
        if (f.IsWeigh is { } weigh) sql.Append($" and coalesce(k.is_weigh, false) = {P(cmd, weigh)}");
        if (f.Weighted is { } weighted) sql.Append($" and l.weighted = {P(cmd, weighted)}");
        return sql.ToString();
    }

    private static string P(NpgsqlCommand cmd, object value)
    {
        if (value is DateTimeOffset t) value = t.ToUniversalTime(); // timestamptz takes UTC offsets only
        cmd.Parameters.Add(value is string[] ? new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text } : new NpgsqlParameter { Value = value });
        return "$" + cmd.Parameters.Count;
    }
}
