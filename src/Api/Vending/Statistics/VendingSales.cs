using System.Text;
using Cabinets.Domain.Vending;
using Npgsql;
using static Cabinets.Api.Vending.Statistics.StatisticsSql;

namespace Cabinets.Api.Vending.Statistics;

public enum SalesDimension { Date, Store, Device, Product, PaymentType }

/// <summary>`vendingSales` arguments (VENDING.md §4.6): business days [From, To], the grouping, the optional filters.</summary>
public sealed record SalesQuery(DateOnly From, DateOnly To, IReadOnlyList<SalesDimension> GroupBy)
{
    public string? StoreCode { get; init; }
    public string? DeviceCode { get; init; }
    public string? ProductCode { get; init; }
    public VendingPaymentType? PaymentType { get; init; }
}

/// <summary>One `VendingSalesRow`: the grouped dimensions (null when not grouped) and the sums (§2.12).</summary>
public sealed record SalesRow(DateOnly? Date, string? StoreCode, string? DeviceCode, string? ProductCode, string? ProductName,
    VendingPaymentType? PaymentType, int OrderCount, long SoldQuantity, long RefundedQuantity, long GrossAmount, long RefundAmount,
    long TicketsCollected, long TicketsRefunded)
{
    public long NetAmount => GrossAmount - RefundAmount;
}

/// <summary>
/// Sales by any combination of date, store, device, product and payment type, read from the
/// smallest summed table that has every dimension grouped or filtered. `orderCount` counts an order
/// once per product when products are grouped or filtered, and once otherwise (from the orders' own sums).
/// </summary>
public static class VendingSales
{
    private static readonly (SalesDimension Dimension, string Column)[] Columns =
    [
        (SalesDimension.Date, "business_day"), (SalesDimension.Store, "store_code"), (SalesDimension.Device, "device_code"),
        (SalesDimension.Product, "product_code"), (SalesDimension.PaymentType, "payment_type"),
    ];

    public static async Task<IReadOnlyList<SalesRow>> QueryAsync(NpgsqlDataSource db, SalesQuery q, CancellationToken ct = default)
    {
        var keys = Columns.Where(c => q.GroupBy.Contains(c.Dimension)).ToList();
        var byProduct = q.GroupBy.Contains(SalesDimension.Product) || q.ProductCode is not null;
        var byDevice = q.GroupBy.Contains(SalesDimension.Device) || q.DeviceCode is not null;
        var byStore = q.GroupBy.Contains(SalesDimension.Store) || q.StoreCode is not null;
        var table = byDevice ? "stats_sales"
            : byProduct ? (byStore ? "stats_sales_by_store_product" : "stats_sales_by_product")
            : "stats_sales_by_store";
        var sums = await SumsAsync(db, q, table, keys, byProduct, ct);
        if (byProduct) return sums.Values.ToList();

        // Without products, an order of two products must count once: its orders' own sums.
        var counts = await OrderCountsAsync(db, q, keys, ct);
        foreach (var (key, count) in counts)
            sums[key] = sums.TryGetValue(key, out var row) ? row with { OrderCount = count }
                : new SalesRow(key.Date, key.Store, key.Device, null, null, key.Type is { } t ? PaymentType(t) : null, count, 0, 0, 0, 0, 0, 0);
        return sums.Values.ToList();
    }

    /// <summary>A row's grouped dimensions (null when not grouped), in the order rows are listed.</summary>
    private readonly record struct RowKey(DateOnly? Date, string? Store, string? Device, string? Product, string? Type) : IComparable<RowKey>
    {
        public int CompareTo(RowKey other)
        {
            var byDate = Nullable.Compare(Date, other.Date);
            if (byDate != 0) return byDate;
            foreach (var (a, b) in new[] { (Store, other.Store), (Device, other.Device), (Product, other.Product), (Type, other.Type) })
            {
                var c = string.CompareOrdinal(a, b);
                if (c != 0) return c;
            }
            return 0;
        }
    }

    private static async Task<SortedDictionary<RowKey, SalesRow>> SumsAsync(NpgsqlDataSource db, SalesQuery q, string table,
        List<(SalesDimension Dimension, string Column)> keys, bool byProduct, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand();
        var select = string.Join(", ", keys.Select(k => "s." + k.Column));
        var sql = new StringBuilder($"""
            select {(keys.Count == 0 ? "" : select + ", ")}sum(s.sold_quantity), sum(s.refunded_quantity), sum(s.gross_amount), sum(s.refund_amount),
                   sum(s.tickets_collected), sum(s.tickets_refunded), {(byProduct ? "sum(s.order_count)" : "0")}
                   {(keys.Any(k => k.Dimension == SalesDimension.Product) ? $", (select n.name from {S}.stats_product_names n where n.product_code = s.product_code)" : "")}
              from {S}.{table} s
            """);
        sql.Append(Where(cmd, q, "s"));
        sql.Append(keys.Count == 0 ? " having count(*) > 0" : $" group by {select}");
        cmd.CommandText = sql.ToString();

        var rows = new SortedDictionary<RowKey, SalesRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var i = 0;
            DateOnly? date = null;
            string? store = null, device = null, product = null, type = null;
            foreach (var (dimension, _) in keys)
            {
                switch (dimension)
                {
                    case SalesDimension.Date: date = reader.GetFieldValue<DateOnly>(i); break;
                    case SalesDimension.Store: store = reader.GetString(i); break;
                    case SalesDimension.Device: device = reader.GetString(i); break;
                    case SalesDimension.Product: product = reader.GetString(i); break;
                    case SalesDimension.PaymentType: type = reader.GetString(i); break;
                }
                i++;
            }
            long Sum(int at) => reader.IsDBNull(at) ? 0 : Convert.ToInt64(reader.GetValue(at), System.Globalization.CultureInfo.InvariantCulture);
            var name = product is not null && !reader.IsDBNull(i + 7) ? reader.GetString(i + 7) : null;
            var key = new RowKey(date, store, device, product, type);
            rows[key] = new SalesRow(date, store, device, product, name, type is null ? null : PaymentType(type), (int)Sum(i + 6),
                Sum(i), Sum(i + 1), Sum(i + 2), Sum(i + 3), Sum(i + 4), Sum(i + 5));
        }
        return rows;
    }

    private static async Task<Dictionary<RowKey, int>> OrderCountsAsync(NpgsqlDataSource db, SalesQuery q,
        List<(SalesDimension Dimension, string Column)> keys, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand();
        var select = string.Join(", ", keys.Select(k => "s." + k.Column));
        cmd.CommandText = $"select {(keys.Count == 0 ? "" : select + ", ")}sum(s.normal_orders) from {S}.stats_sales_orders s"
            + Where(cmd, q, "s") + (keys.Count == 0 ? " having count(*) > 0" : $" group by {select}");
        var counts = new Dictionary<RowKey, int>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            DateOnly? date = null;
            string? store = null, device = null, type = null;
            for (var i = 0; i < keys.Count; i++)
            {
                switch (keys[i].Dimension)
                {
                    case SalesDimension.Date: date = reader.GetFieldValue<DateOnly>(i); break;
                    case SalesDimension.Store: store = reader.GetString(i); break;
                    case SalesDimension.Device: device = reader.GetString(i); break;
                    case SalesDimension.PaymentType: type = reader.GetString(i); break;
                }
            }
            counts[new RowKey(date, store, device, null, type)] = (int)reader.GetInt64(keys.Count);
        }
        return counts;
    }

    private static string Where(NpgsqlCommand cmd, SalesQuery q, string alias)
    {
        var sql = new StringBuilder($" where {alias}.business_day between {P(cmd, q.From)} and {P(cmd, q.To)}");
        if (q.StoreCode is { } store) sql.Append($" and {alias}.store_code = {P(cmd, store)}");
        if (q.DeviceCode is { } device) sql.Append($" and {alias}.device_code = {P(cmd, device)}");
        if (q.ProductCode is { } product) sql.Append($" and {alias}.product_code = {P(cmd, product)}");
        if (q.PaymentType is { } type) sql.Append($" and {alias}.payment_type = {P(cmd, Name(type))}");
        return sql.ToString();
    }
}
