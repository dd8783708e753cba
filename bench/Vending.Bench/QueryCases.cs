using System.Diagnostics;
using Cabinets.Api.Vending.Statistics;
using Npgsql;
using static Cabinets.Vending.Bench.StatisticsData;

namespace Cabinets.Vending.Bench;

/// <summary>One timed case: its name and one call (the run index picks its arguments, so the cases walk over days and stores).</summary>
internal sealed record QueryCase(string Name, Func<int, CancellationToken, Task> Run);

/// <summary>Latencies of one case, in milliseconds.</summary>
internal sealed record Timing(string Name, double P50, double P99, double Max);

/// <summary>
/// The timed cases: the four GraphQL queries' resolvers (the query classes the resolvers call, in
/// process, no HTTP) and the ERP summary, with the baseline a primary-key look-up of one order row
/// on the same data source.
/// </summary>
internal static class QueryCases
{
    private static DateOnly DayOf(int i) => FirstDay.AddDays(i * 7 % Days);
    private static string StoreOf(int i) => $"S{i * 13 % Stores:000}";
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

    public static QueryCase Baseline(NpgsqlDataSource db, int orders) => new("baseline: one stats_orders row by primary key", async (i, ct) =>
    {
        await using var cmd = db.CreateCommand("select order_type, store_code, first_paid_day from vending.stats_orders where order_no = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = $"VO{i * 7919 % orders + 1:0000000000}" });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) { }
    });

    public static IReadOnlyList<QueryCase> All(NpgsqlDataSource db) =>
    [
        new("vendingSales 1 day, groupBy [PAYMENT_TYPE]", (i, ct) => Sales(db, DayOf(i), DayOf(i), [SalesDimension.PaymentType], null, ct)),
        new("vendingSales 30 days, groupBy [DATE, STORE]", (i, ct) => Sales(db, DayOf(i), DayOf(i).AddDays(29), [SalesDimension.Date, SalesDimension.Store], null, ct)),
        new("vendingSales 30 days, groupBy [PRODUCT, PAYMENT_TYPE]", (i, ct) => Sales(db, DayOf(i), DayOf(i).AddDays(29), [SalesDimension.Product, SalesDimension.PaymentType], null, ct)),
        new("vendingSales 7 days of a store, groupBy [DATE, DEVICE, PRODUCT]", (i, ct) =>
            Sales(db, DayOf(i), DayOf(i).AddDays(6), [SalesDimension.Date, SalesDimension.Device, SalesDimension.Product], StoreOf(i), ct)),
        new("vendingSales 90 days, groupBy [] (the whole period)", (i, ct) => Sales(db, FirstDay, FirstDay.AddDays(Days - 1), [], null, ct)),
        new("paymentSuccessRate 90 days", (i, ct) => PaymentSuccessRates.QueryAsync(db, FirstDay, FirstDay.AddDays(Days - 1), null, null, ct)),
        new("paymentSuccessRate 30 days of a store, TICKETS", (i, ct) =>
            PaymentSuccessRates.QueryAsync(db, DayOf(i), DayOf(i).AddDays(29), StoreOf(i), Domain.Vending.VendingPaymentType.Tickets, ct)),
        new("deviceOnlineRate 1 day, all 200 devices", (i, ct) => DeviceOnlineRates.QueryAsync(db, DayOf(i), DayOf(i), null, null, Now, ct)),
        new("deviceOnlineRate 30 days of a store", (i, ct) => DeviceOnlineRates.QueryAsync(db, DayOf(i), DayOf(i).AddDays(29), StoreOf(i), null, Now, ct)),
        new("dailyOperationsReport 1 day", (i, ct) => DailyOperationsReports.BuildAsync(db, DayOf(i), Now, ct)),
        new("SalesSummaries.BuildAsync (ERP, 1 store, 1 day)", (i, ct) => new SalesSummaries(db).BuildAsync(StoreOf(i), DayOf(i), ct)),
    ];

    private static Task Sales(NpgsqlDataSource db, DateOnly from, DateOnly to, SalesDimension[] groupBy, string? store, CancellationToken ct) =>
        VendingSales.QueryAsync(db, new SalesQuery(from, to, groupBy) { StoreCode = store }, ct);

    public static async Task<Timing> TimeAsync(QueryCase c, int runs, CancellationToken ct)
    {
        for (var i = 0; i < Math.Max(5, runs / 10); i++) await c.Run(i, ct); // warm-up: plans, pool, buffers
        var ms = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await c.Run(i, ct);
            ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(ms);
        return new Timing(c.Name, ms[runs / 2], ms[Math.Min(runs - 1, (int)(runs * 0.99))], ms[^1]);
    }
}
