using Npgsql;

namespace Cabinets.Vending.Bench;

/// <summary>
/// Fills the statistics tables as N orders would leave them, in bulk SQL (not through events and
/// the daemon: on 2 cores the projection's ~6 statements per order would take the better part of an
/// hour for a million orders). The per-order facts are generated first (orders, charges, one
/// movement row per paid line and per refund); every summed table is then derived from them with
/// the same grouping the projection's upserts add up, so the rows have the shape and the counts the
/// projection would give. 50 stores × 4 devices, 30 products, 90 business days from 2026-09-01; a
/// third paid by WeChat (device, store, payment type and products drawn from hashes of the order number); 1-3 lines an order; 5 % failed charges; 5 % of orders refunded one line
/// the next day; a device changes status every 6 hours.
/// </summary>
internal static class StatisticsData
{
    public const int Stores = 50, Devices = 200, Products = 30, Days = 90;
    public static readonly DateOnly FirstDay = new(2026, 9, 1);

    public static async Task LoadAsync(NpgsqlDataSource db, int orders, Action<string> progress, CancellationToken ct)
    {
        // Device, store, payment type and products from independent hashes of the order number, so the
        // summed tables are as dense as real data (plain `g % n` for each would tie them together).
        const string D = "(abs(hashint4(g)::bigint) % 200)", Wechat = "(abs(hashint4(g + 7777777)::bigint) % 3 = 0)";
        const string P = "((abs(hashint4(g + 3333333)::bigint) + k * 7) % 30)", P1 = "((abs(hashint4(g + 3333333)::bigint) + 7) % 30)";
        const string Store = $"'S' || lpad(({D} % 50)::text, 3, '0')", Device = $"'D' || lpad({D}::text, 4, '0')";
        const string Type = $"case when {Wechat} then 'WECHAT' else 'TICKETS' end", Day = "date '2026-09-01' + (g % 90)";
        string[] steps =
        [
            $"""
            insert into vending.stats_orders (order_no, order_type, store_code, device_code, payment_type, recorded_day, first_paid_seq, first_paid_day)
            select 'VO' || lpad(g::text, 10, '0'), 'NORMAL', {Store}, {Device}, {Type}, {Day},
                   case when g % 20 <> 0 then g * 8 end, case when g % 20 <> 0 then {Day} end
              from generate_series(1, {orders}) g
            """,
            $"""
            insert into vending.stats_charges (order_no, business_day, store_code, payment_type, succeeded, succeeded_first_time, failed)
            select 'VO' || lpad(g::text, 10, '0'), {Day}, {Store}, {Type}, g % 20 <> 0, g % 20 <> 0, g % 20 = 0 from generate_series(1, {orders}) g
            """,
            // Paid lines (distinct products per order), then one refunded line of 5 % of the orders, on the next day.
            $"""
            insert into vending.stats_sales_movements (seq_id, product_code, kind, business_day, store_code, device_code, payment_type, quantity, amount, tickets)
            select g * 8 + k, 'P' || lpad({P}::text, 3, '0'), 'PAID', {Day}, {Store}, {Device}, {Type},
                   q, q * (100 + {P} * 50), case when {Wechat} then 0 else q * (100 + {P} * 50) * 5 end
              from generate_series(1, {orders}) g, generate_series(1, 1 + g % 3) k, lateral (select 1 + (g + k) % 2 as q) x
             where g % 20 <> 0
            """,
            $"""
            insert into vending.stats_sales_movements (seq_id, product_code, kind, business_day, store_code, device_code, payment_type, quantity, amount, tickets)
            select g * 8 + 5, 'P' || lpad({P1}::text, 3, '0'), 'REFUNDED', {Day} + 1, {Store}, {Device}, {Type},
                   1, 100 + {P1} * 50, case when {Wechat} then 0 else (100 + {P1} * 50) * 5 end
              from generate_series(1, {orders}) g where g % 20 = 1
            """,
            Sums("stats_sales", "business_day, store_code, device_code, product_code, payment_type", orderCount: true),
            Sums("stats_sales_by_store_product", "business_day, store_code, product_code, payment_type", orderCount: true),
            Sums("stats_sales_by_product", "business_day, product_code, payment_type", orderCount: true),
            Sums("stats_sales_by_store", "business_day, store_code, payment_type", orderCount: false),
            """
            insert into vending.stats_sales_orders (business_day, store_code, device_code, payment_type, paid_orders, normal_orders)
            select first_paid_day, store_code, device_code, payment_type, count(*), count(*) from vending.stats_orders
             where first_paid_seq is not null group by 1, 2, 3, 4
            """,
            """
            insert into vending.stats_charge_counts (business_day, store_code, payment_type, started, succeeded_first_time, failed, decided)
            select business_day, store_code, payment_type, count(*), count(*) filter (where succeeded_first_time), count(*) filter (where failed),
                   count(*) filter (where succeeded_first_time or failed)
              from vending.stats_charges group by 1, 2, 3
            """,
            // Device d sits in store d % 50; its status changes every 6 hours (offline one slot in five); the last interval is open.
            $"""
            insert into vending.stats_devices (device_code, store_code, status, since, observed, last_seq)
            select 'D' || lpad(d::text, 4, '0'), 'S' || lpad((d % 50)::text, 3, '0'), 'ONLINE', timestamptz '2026-09-01 00:00+08' + ({Days * 4 - 1} * interval '6 hours'), true, 0
              from generate_series(0, {Devices - 1}) d
            """,
            $"""
            insert into vending.stats_device_status_intervals (device_code, from_at, to_at, period, store_code, status)
            select 'D' || lpad(d::text, 4, '0'), f, t, tstzrange(f, t), 'S' || lpad((d % 50)::text, 3, '0'),
                   case when (d + i) % 5 = 0 then 'OFFLINE' else 'ONLINE' end
              from generate_series(0, {Devices - 1}) d, generate_series(0, {Days * 4 - 1}) i,
                   lateral (select timestamptz '2026-09-01 00:00+08' + i * interval '6 hours' + d * interval '1 minute' as f,
                                   case when i < {Days * 4 - 1} then timestamptz '2026-09-01 00:00+08' + (i + 1) * interval '6 hours' + d * interval '1 minute' end as t) x
            """,
            $"""
            insert into vending.stats_exception_orders (order_no, raised_day, store_code, pending)
            select 'VO' || lpad(g::text, 10, '0'), {Day}, {Store}, g % 7 = 0 from generate_series(1, {orders}) g where g % 100 = 3
            """,
            $"""
            insert into vending.stats_manual_tasks (task_id, opened_day, store_code, open)
            select 'T' || g, {Day}, case when g % 10 = 0 then null else {Store} end, g % 3 = 0 from generate_series(1, {orders / 200}) g
            """,
            $"""
            insert into vending.stats_complaints (complaint_id, filed_day, store_code, resolved_day)
            select 'C' || g, {Day}, {Store}, case when g % 2 = 0 then {Day} + 1 end from generate_series(1, {orders / 100}) g
            """,
        ];
        await using var connection = await db.OpenConnectionAsync(ct);
        for (var i = 0; i < steps.Length; i++)
        {
            progress($"load step {i + 1}/{steps.Length}");
            await using var cmd = new NpgsqlCommand(steps[i], connection) { CommandTimeout = 0 };
            await cmd.ExecuteNonQueryAsync(ct);
        }
        progress("vacuum analyze");
        foreach (var table in Projections.Vending.Statistics.VendingStatisticsTables.Names)
        {
            await using var vacuum = new NpgsqlCommand($"vacuum analyze {table}", connection) { CommandTimeout = 0 };
            await vacuum.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>A summed table from the movements, grouped by its key: the additions of the projection's upserts, at once.</summary>
    private static string Sums(string table, string key, bool orderCount) => $"""
        insert into vending.{table} ({key}, sold_quantity, refunded_quantity, gross_amount, refund_amount, tickets_collected, tickets_refunded{(orderCount ? ", order_count" : "")})
        select {key},
               coalesce(sum(quantity) filter (where kind = 'PAID'), 0), coalesce(sum(quantity) filter (where kind = 'REFUNDED'), 0),
               coalesce(sum(amount) filter (where kind = 'PAID'), 0), coalesce(sum(amount) filter (where kind = 'REFUNDED'), 0),
               coalesce(sum(tickets) filter (where kind = 'PAID'), 0), coalesce(sum(tickets) filter (where kind = 'REFUNDED'), 0)
               {(orderCount ? ", count(*) filter (where kind = 'PAID')" : "")}
          from vending.stats_sales_movements group by {key}
        """;

    /// <summary>Rows per table, for the report.</summary>
    public static async Task<string> SizesAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var parts = new List<string>();
        foreach (var table in new[] { "stats_orders", "stats_sales_movements", "stats_sales", "stats_sales_by_store_product", "stats_sales_by_product", "stats_sales_by_store",
                     "stats_charge_counts", "stats_device_status_intervals" })
        {
            await using var cmd = db.CreateCommand($"select count(*) from vending.{table}");
            parts.Add($"{table} {(long)(await cmd.ExecuteScalarAsync(ct))!:N0}");
        }
        return string.Join(", ", parts);
    }
}
