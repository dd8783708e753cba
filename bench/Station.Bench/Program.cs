using System.Diagnostics;
using System.Globalization;
using Cabinets.Station.Bench;

// By-hand benchmark of the station module (TAX.md): order_sku_list and order create, each against
// a raw-Npgsql baseline in the same run (README.md).
var settings = BenchSettings.Parse(args);
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
var total = Stopwatch.StartNew();
void Progress(string what) => Console.Error.WriteLine($"[{total.Elapsed:hh\\:mm\\:ss}] {what}");
string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

Progress($"starting PostgreSQL; lines={settings.Lines:N0}, seconds={settings.Seconds} per case, clients={settings.Clients}, " +
         $"order-lines={settings.OrderLines}, fsync={(settings.Durable ? "on" : "off")}, idempotency={(settings.Idempotency ? "on" : "off")}");
OrderSkuListBenchmark.Outcome? list = null;
OrderCreateBenchmark.Outcome? create = null;
string server;
await using (var pg = await BenchServer.StartAsync(settings.Durable, cts.Token))
{
    server = pg.Describe;
    Progress(server);
    try
    {
        if (settings.RunList) list = await new OrderSkuListBenchmark(pg, settings).RunAsync(Progress, cts.Token);
        if (settings.RunCreate) create = await new OrderCreateBenchmark(pg, settings).RunAsync(Progress, cts.Token);
    }
    catch (OperationCanceledException) when (cts.IsCancellationRequested)
    {
        Progress("cancelled; results so far:");
    }
    catch (Exception e)
    {
        Progress($"failed: {e}");
        Environment.ExitCode = 1;
    }
}

var o = Console.Out;
o.WriteLine();
o.WriteLine(F($"Station.Bench: {settings.Seconds} s per case (+{settings.WarmUp.TotalSeconds} s warm-up), {Environment.ProcessorCount} cores, {server}"));
if (list is { } l)
{
    o.WriteLine();
    o.WriteLine(F($"order_sku_list: StationOrderLineQueries.QueryAsync in-process, 1 caller; {l.Lines:N0} lines, {l.Orders:N0} orders, ") +
                F($"{OrderLineData.Stations} stations x {l.Days} days; COPY + VACUUM ANALYZE {l.Load.TotalSeconds:0.0} s; {l.Sizes}"));
    o.WriteLine("raw = one order's lines by primary key (select ... from stations.station_order_lines where order_id = $1), same data source");
    o.WriteLine();
    var rows = l.Rows.Select(r => new[]
    {
        r.Case, Table.Rate(r.M.PerSecond), Table.Ms(r.M.P50), Table.Ms(r.M.P95), Table.Ms(r.M.P99), Table.Ms(r.M.Max),
        Table.Ratio(r.M.P50 / l.Raw.P50), Table.Ratio(r.M.P99 / l.Raw.P99), r.Note,
    }).Append(
    [
        "raw: one order's lines by primary key", Table.Rate(l.Raw.PerSecond), Table.Ms(l.Raw.P50), Table.Ms(l.Raw.P95), Table.Ms(l.Raw.P99),
        Table.Ms(l.Raw.Max), "1.00x", "1.00x", "baseline",
    ]);
    Table.Print(o, ["case", "queries/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "p50/raw", "p99/raw", "note"], rows, i => i is >= 1 and <= 7);
    var target = l.Rows[0].M.P99;
    o.WriteLine();
    o.WriteLine(F($"target p99 <= {OrderSkuListBenchmark.TargetP99Ms} ms for the search query: {(target <= OrderSkuListBenchmark.TargetP99Ms ? "met" : "NOT met")} ({Table.Ms(target)} ms)"));
}
if (create is { } c)
{
    o.WriteLine();
    o.WriteLine(F($"order create: the whole Api in-process over loopback HTTP, {settings.Clients} clients, {settings.OrderLines} lines per order, ") +
                F($"Idempotency-Key {(settings.Idempotency ? "on" : "off")}; reference data: {c.Seed}"));
    o.WriteLine("raw = POST /bench/raw-insert with the same bodies (one INSERT + COMMIT of the body per request), same server and HTTP stack");
    o.WriteLine();
    Table.Print(o, ["case", "orders/s", "lines/s", "p50 ms", "p99 ms", "max ms", "vs raw", "note"],
    [
        [
            $"POST /station/order/create, {settings.OrderLines} lines", Table.Rate(c.Create.PerSecond), Table.Rate(c.Create.PerSecond * settings.OrderLines),
            Table.Ms(c.Create.P50), Table.Ms(c.Create.P99), Table.Ms(c.Create.Max), Table.Ratio(c.Create.PerSecond / c.Raw.PerSecond), c.Note,
        ],
        [
            $"CommandSender.SendAsync(CreateStationOrder), no HTTP", Table.Rate(c.Direct.PerSecond), Table.Rate(c.Direct.PerSecond * settings.OrderLines),
            Table.Ms(c.Direct.P50), Table.Ms(c.Direct.P99), Table.Ms(c.Direct.Max), Table.Ratio(c.Direct.PerSecond / c.Raw.PerSecond), c.DirectNote,
        ],
        [
            "raw: POST /bench/raw-insert, same body", Table.Rate(c.Raw.PerSecond), "-", Table.Ms(c.Raw.P50), Table.Ms(c.Raw.P99), Table.Ms(c.Raw.Max),
            "1.00x", c.Raw.Failures == 0 ? "baseline" : $"baseline; {c.Raw.Failures:N0} non-2xx",
        ],
    ], i => i is >= 1 and <= 6);
}
Progress("done");
