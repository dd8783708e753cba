using System.Diagnostics;
using System.Globalization;
using Cabinets.Api.Hosting;
using Cabinets.Api.Hosting.Embedded;
using Cabinets.Vending.Bench;
using Marten;
using Npgsql;

// By-hand benchmark of the vending statistics (VENDING.md §2.12): `--orders N` (default 1,000,000)
// orders' worth of statistics rows, then each query timed `--runs` times (default 200) against a
// primary-key look-up measured in the same run. Target: p99 <= 50 ms in process.
const double TargetP99Ms = 50;
var orders = Arg("--orders", 1_000_000);
var runs = Arg("--runs", 200);
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
var clock = Stopwatch.StartNew();
void Progress(string what) => Console.Error.WriteLine($"[{clock.Elapsed:hh\\:mm\\:ss}] {what}");

var dataDir = Path.Combine(Path.GetTempPath(), $"vending-bench-{Guid.NewGuid():N}");
Progress($"starting PostgreSQL in {dataDir}; orders={orders:N0}, runs={runs}");
var pg = await EmbeddedPostgres.StartAsync(dataDir, durable: false, ct: cts.Token);
try
{
await using (var admin = new NpgsqlConnection(pg.ConnectionString()))
{
    await admin.OpenAsync(cts.Token);
    await using var create = new NpgsqlCommand("create database vending_bench", admin);
    await create.ExecuteNonQueryAsync(cts.Token);
}
await using var db = NpgsqlDataSource.Create(CritterStackSetup.DataSourceConnectionString(pg.ConnectionString("vending_bench")));
var opts = new StoreOptions();
opts.Connection(db);
CritterStackSetup.ConfigureMarten(opts); // the Api's schema, the statistics tables among it
var stdout = Console.Out;
Console.SetOut(Console.Error); // Marten's notices are not results
using (var store = new DocumentStore(opts)) await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
Console.SetOut(stdout);

var load = Stopwatch.StartNew();
await StatisticsData.LoadAsync(db, orders, Progress, cts.Token);
load.Stop();
var sizes = await StatisticsData.SizesAsync(db, cts.Token);

var baseline = await QueryCases.TimeAsync(QueryCases.Baseline(db, orders), runs, cts.Token);
var timings = new List<Timing>();
foreach (var c in QueryCases.All(db))
{
    Progress(c.Name);
    try
    {
        timings.Add(await QueryCases.TimeAsync(c, runs, cts.Token));
    }
    catch (Exception e) when (e is not OperationCanceledException)
    {
        Progress($"{c.Name} failed: {e.Message}");
        Environment.ExitCode = 1;
    }
}

var o = Console.Out;
string F(double ms) => ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
string R(double ratio) => ratio.ToString("0.0", CultureInfo.InvariantCulture) + "x";
o.WriteLine();
o.WriteLine($"Vending.Bench: {orders:N0} orders, {runs} runs per case, {Environment.ProcessorCount} cores; bulk SQL load + VACUUM ANALYZE {load.Elapsed.TotalSeconds:0.0} s");
o.WriteLine(sizes);
o.WriteLine();
o.WriteLine("| case | p50 ms | p99 ms | max ms | p50/baseline | p99/baseline |");
o.WriteLine("|---|---:|---:|---:|---:|---:|");
foreach (var t in timings)
    o.WriteLine($"| {t.Name} | {F(t.P50)} | {F(t.P99)} | {F(t.Max)} | {R(t.P50 / baseline.P50)} | {R(t.P99 / baseline.P99)} |");
o.WriteLine($"| {baseline.Name} | {F(baseline.P50)} | {F(baseline.P99)} | {F(baseline.Max)} | 1.0x | 1.0x |");
var worst = timings.Count == 0 ? double.NaN : timings.Max(t => t.P99);
o.WriteLine();
o.WriteLine($"target p99 <= {TargetP99Ms} ms for every case: {(timings.Count == QueryCases.All(db).Count && worst <= TargetP99Ms ? "met" : "NOT met")} (worst p99 {F(worst)} ms)");
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await pg.DisposeAsync(); // stops the cluster
    try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
