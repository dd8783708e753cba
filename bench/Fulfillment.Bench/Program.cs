using System.Diagnostics;
using System.Globalization;
using Cabinets.Api.Hosting;
using Cabinets.Api.Hosting.Embedded;
using Cabinets.Fulfillment.Bench;
using Marten;
using Npgsql;

// By-hand benchmark of sellable stock (issue 12, FULFILLMENT.md §2.8): `--materials N` (default 5,000)
// basic materials stocked in 20 branches and frozen in 50 shops, N × 200 stock events (1,000,000 at the
// default) with their inline snapshots, then each case timed `--runs` times (default 2,000) against a
// primary-key look-up measured in the same run. Target: sellable for one material across 20 branches and
// 50 shops, p99 <= 5 ms in process. README.md says what is loaded and how.
const double TargetP99Ms = 5;
var layout = new StockLayout(Math.Max(3, Arg("--materials", 5_000)));
var runs = Arg("--runs", 2_000);
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
var clock = Stopwatch.StartNew();
void Progress(string what) => Console.Error.WriteLine($"[{clock.Elapsed:hh\\:mm\\:ss}] {what}");

var dataDir = Path.Combine(Path.GetTempPath(), $"fulfillment-bench-{Guid.NewGuid():N}");
Progress($"starting PostgreSQL in {dataDir}; materials={layout.Materials:N0} ({layout.EventCount:N0} stock events), runs={runs}");
var pg = await EmbeddedPostgres.StartAsync(dataDir, durable: false, ct: cts.Token);
try
{
await using (var admin = new NpgsqlConnection(pg.ConnectionString()))
{
    await admin.OpenAsync(cts.Token);
    await using var create = new NpgsqlCommand("create database fulfillment_bench", admin);
    await create.ExecuteNonQueryAsync(cts.Token);
}
await using var db = NpgsqlDataSource.Create(CritterStackSetup.DataSourceConnectionString(pg.ConnectionString("fulfillment_bench")));
var stdout = Console.Out;
Console.SetOut(Console.Error); // Marten's notices are not results
using var store = new DocumentStore(ApiStore.Options(db)); // the Api's schema and its fulfillment registration
await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
Console.SetOut(stdout);

var load = Stopwatch.StartNew();
Progress("master data through Marten: shops, materials, bundles, branches");
await MasterData.WriteAsync(store, layout, cts.Token);
await StockLoad.LoadAsync(store, db, layout, Progress, cts.Token);
Progress("vacuum analyze, checkpoint");
await BenchSql.VacuumAnalyzeAsync(db, cts.Token);
load.Stop();
GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true); // the load's garbage is not the queries'
var sizes = await BenchSql.SizesAsync(db, cts.Token);

var loadBefore = LoadAverage();
var checks = new List<string>();
foreach (var code in new[] { StockLayout.Normal(layout.Materials / 2), StockLayout.Bundle(0) })
{
    var (line, ok) = await Verification.CheckAsync(store, db, code, cts.Token);
    checks.Add(line);
    if (!ok) Environment.ExitCode = 1;
}

var baseline = await QueryCases.TimeAsync(QueryCases.Baseline(db, layout), runs, cts.Token);
var cases = QueryCases.All(store, layout).Concat(StepCases.All(store, layout)).ToList();
var timings = new List<Timing>();
foreach (var c in cases)
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

var loadAfter = LoadAverage();
var o = Console.Out;
string F(double ms) => ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
string R(double ratio) => ratio.ToString("0.0", CultureInfo.InvariantCulture) + "x";
o.WriteLine();
o.WriteLine($"Fulfillment.Bench: {layout.Materials:N0} basic materials × {StockLayout.Branches} branches and {StockLayout.Shops} shops, {layout.EventCount:N0} stock events, "
            + $"{runs} runs per case, {Environment.ProcessorCount} cores; master data through Marten + bulk COPY + VACUUM ANALYZE + CHECKPOINT {load.Elapsed.TotalSeconds:0.0} s");
o.WriteLine(sizes);
o.WriteLine($"load average (1/5/15 min) before the cases {loadBefore}, after {loadAfter} (others' work on these cores shows here)");
foreach (var check in checks) o.WriteLine(check);
o.WriteLine();
o.WriteLine("| case | p50 ms | p99 ms | max ms | p50/baseline | p99/baseline |");
o.WriteLine("|---|---:|---:|---:|---:|---:|");
foreach (var t in timings)
    o.WriteLine($"| {t.Name} | {F(t.P50)} | {F(t.P99)} | {F(t.Max)} | {R(t.P50 / baseline.P50)} | {R(t.P99 / baseline.P99)} |");
o.WriteLine($"| {baseline.Name} | {F(baseline.P50)} | {F(baseline.P99)} | {F(baseline.Max)} | 1.0x | 1.0x |");
var targeted = timings.Where(t => t.Targeted).ToList();
var worst = targeted.Count == 0 ? double.NaN : targeted.Max(t => t.P99);
var allRan = targeted.Count == cases.Count(c => c.Targeted);
o.WriteLine();
o.WriteLine($"target p99 <= {TargetP99Ms} ms for sellable (NORMAL and BUNDLE of 3, {StockLayout.Branches} branches, {StockLayout.Shops} shops): "
            + $"{(allRan && worst <= TargetP99Ms && Environment.ExitCode == 0 ? "met" : "NOT met")} (worst p99 {F(worst)} ms{(Environment.ExitCode == 0 ? "" : "; a check or a case failed")})");
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await pg.DisposeAsync(); // stops the cluster
    try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
