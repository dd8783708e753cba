using System.Diagnostics;
using System.Globalization;
using Cabinets.Projections.Stations.OrderLines;
using Npgsql;

namespace Cabinets.Station.Bench;

/// <summary>
/// `order_sku_list` in-process: <see cref="StationOrderLineQueries.QueryAsync"/> for a one-day,
/// one-station window with a SKU-name search and a page at offset 0..200 (limit 20), against a
/// raw Npgsql primary-key lookup of one order's lines, on the same data source and data.
/// </summary>
internal sealed class OrderSkuListBenchmark(BenchServer server, BenchSettings settings)
{
    public const double TargetP99Ms = 50;
    private const int Limit = 20;
    private const string S = StationOrderLineTables.Schema;

    public sealed record Row(string Case, Measurement M, string Note);

    public sealed record Outcome(IReadOnlyList<Row> Rows, Measurement Raw, long Lines, long Orders, int Days, TimeSpan Load, string Sizes);

    public async Task<Outcome> RunAsync(Action<string> progress, CancellationToken ct)
    {
        var (db, _, connectionString) = await server.OpenStoreAsync("bench_order_lines", ct);
        progress($"order_sku_list: generating ~{settings.Lines:N0} lines");
        var data = new OrderLineData(settings.Lines);
        progress($"order_sku_list: {OrderLineData.Stations} stations x {data.Days} days, {data.Orders.Count:N0} orders, {data.LineCount:N0} lines; binary COPY");
        var load = Stopwatch.StartNew();
        await data.LoadAsync(db, progress, ct);
        progress($"order_sku_list: loaded in {load.Elapsed.TotalSeconds:0.0} s; vacuum analyze");
        foreach (var table in new[] { "station_orders", "station_order_lines", "station_merchants", "station_skus" })
            await ExecuteAsync(db, $"vacuum (analyze) {S}.{table}", ct);
        load.Stop();
        var sizes = await ScalarAsync<string>(db, $"""
            select string_agg(relname || ' ' || pg_size_pretty(pg_total_relation_size(c.oid)), ', ' order by relname)
              from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = '{S}' and c.relkind = 'r' and c.relname like 'station\_%'
            """, ct);

        var rows = new List<Row>();
        progress("order_sku_list: raw baseline (one order's lines by primary key)");
        var raw = await TimedAsync((rng, c) => RawLinesAsync(db, data.Orders[rng.Next(data.Orders.Count)].Id, c), ct);

        progress("order_sku_list: one day, one station, search_text, offset 0..200 limit 20");
        var stats = new PageStats();
        var searched = await TimedAsync((rng, c) => ListAsync(db, Pick(rng, data, search: true), stats, c), ct);
        rows.Add(new Row("one day, one station, search_text, offset 0..200, limit 20", searched, stats.Describe()));

        progress("order_sku_list: the same without search_text");
        var plain = new PageStats();
        var unsearched = await TimedAsync((rng, c) => ListAsync(db, Pick(rng, data, search: false), plain, c), ct);
        rows.Add(new Row("the same without search_text", unsearched, plain.Describe()));

        await ExplainAsync(connectionString, Pick(new Random(7), data, search: true) with { Offset = 0 }, progress, ct);
        return new Outcome(rows, raw, data.LineCount, data.Orders.Count, data.Days, load.Elapsed, sizes);
    }

    private sealed record Query(StationLineFilter Filter, int Offset);

    private sealed class PageStats
    {
        private long _pages, _rows, _empty, _total;

        public void Add(long total, int rows)
        {
            Interlocked.Increment(ref _pages);
            Interlocked.Add(ref _rows, rows);
            Interlocked.Add(ref _total, total);
            if (rows == 0) Interlocked.Increment(ref _empty);
        }

        public string Describe() => _pages == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
            $"avg {(double)_total / _pages:0.0} matching lines, {(double)_rows / _pages:0.0} rows/page, {100.0 * _empty / _pages:0}% pages past the end (each +1 count query)");
    }

    /// <summary>A random station and day, a random product word and a random page.</summary>
    private static Query Pick(Random rng, OrderLineData data, bool search)
    {
        var day = OrderLineData.StartOf(rng.Next(data.Days));
        var filter = new StationLineFilter(OrderLineData.StationId(rng.Next(OrderLineData.Stations)))
        {
            CreatedBetween = (day, day.AddDays(1)),
            SearchText = search ? OrderLineData.Products[rng.Next(OrderLineData.Products.Length)] : null,
        };
        return new Query(filter, Limit * rng.Next(11));
    }

    private static async Task<int> ListAsync(NpgsqlDataSource db, Query q, PageStats stats, CancellationToken ct)
    {
        var (count, rows) = await StationOrderLineQueries.QueryAsync(db, q.Filter, q.Offset, Limit, ct);
        stats.Add(count, rows.Count);
        return 1;
    }

    private static async Task<int> RawLinesAsync(NpgsqlDataSource db, string orderId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            select order_id, sku_id, spu_id, quantity, unit_price, is_price_timing, spu_remark, tax_rate, is_set_tax, real_quantity, real_unit_price, weighted
              from {S}.station_order_lines where order_id = $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = orderId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            for (var i = 0; i < reader.FieldCount; i++)
                if (!reader.IsDBNull(i)) _ = reader.GetValue(i);
        return 1;
    }

    /// <summary>One caller, one query after another (the latency of a single request in-process).</summary>
    private Task<Measurement> TimedAsync(Func<Random, CancellationToken, Task<int>> step, CancellationToken ct)
    {
        var rng = new Random(42);
        return TimedRun.RunAsync(1, settings.WarmUp, settings.Measured, (_, c) => step(rng, c), ct);
    }

    /// <summary>
    /// The plan of the very statement QueryAsync sends, from auto_explain (ANALYZE, BUFFERS) on a
    /// one-connection data source: its first execution and its eighth, after Npgsql has prepared it
    /// and PostgreSQL may have moved to a generic plan. Both go to stderr.
    /// </summary>
    private async Task ExplainAsync(string connectionString, Query q, Action<string> progress, CancellationToken ct)
    {
        var csb = new NpgsqlConnectionStringBuilder(Cabinets.Api.Hosting.CritterStackSetup.DataSourceConnectionString(connectionString)) { MaxPoolSize = 1 };
        csb.Options += " -c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=0 -c auto_explain.log_analyze=on" +
                       " -c auto_explain.log_buffers=on -c auto_explain.log_timing=on";
        await using var db = NpgsqlDataSource.Create(csb.ConnectionString);
        var plans = new List<string>();
        for (var i = 1; i <= 8; i++)
        {
            var before = new FileInfo(server.LogFile).Length;
            await StationOrderLineQueries.QueryAsync(db, q.Filter, q.Offset, Limit, ct);
            await Task.Delay(100, ct); // the server's log is written asynchronously to us
            if (i is 1 or 8) plans.Add(LastPlan(await ReadFromAsync(server.LogFile, before, ct)));
        }
        var f = q.Filter;
        progress($"EXPLAIN (ANALYZE, BUFFERS) via auto_explain of StationOrderLineQueries.QueryAsync: station {f.StationId}, created in " +
                 $"[{f.CreatedBetween!.Value.From:yyyy-MM-dd HH:mm zzz}, {f.CreatedBetween.Value.To:yyyy-MM-dd HH:mm zzz}), search_text '{f.SearchText}', " +
                 $"offset {q.Offset}, limit {Limit}");
        Console.Error.WriteLine("--- execution 1 ---");
        Console.Error.WriteLine(plans[0]);
        Console.Error.WriteLine("--- execution 8 (auto-prepared by Npgsql; PostgreSQL chooses custom or generic plan from the 6th) ---");
        Console.Error.WriteLine(plans[1]);
    }

    private static async Task<string> ReadFromAsync(string file, long offset, CancellationToken ct)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(ct);
    }

    /// <summary>The last "duration: … plan:" entry of a log excerpt, up to the next log line.</summary>
    private static string LastPlan(string log)
    {
        var lines = log.Split('\n');
        var start = Array.FindLastIndex(lines, l => l.Contains("plan:", StringComparison.Ordinal) && l.Contains("duration:", StringComparison.Ordinal));
        if (start < 0) return "(no auto_explain entry found in the server log)\n" + log;
        var end = start + 1;
        while (end < lines.Length && (lines[end].StartsWith('\t') || lines[end].StartsWith(' ') || lines[end].Length == 0)) end++;
        return string.Join('\n', lines[start..end]).TrimEnd();
    }

    private static async Task ExecuteAsync(NpgsqlDataSource db, string sql, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource db, string sql, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
