using System.Diagnostics;
using System.Globalization;
using Cabinets.Lockers.Bench;
using Cabinets.Station.Bench;

// By-hand benchmark of the locker module: free-door counts and partner bookings, each against a
// raw-Npgsql baseline in the same run (README.md).
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

Progress($"starting PostgreSQL; banks={settings.Banks:N0} x {BenchSettings.DoorsPerBank} doors, seconds={settings.Seconds} per case, " +
         $"clients={settings.Clients}, book-banks={settings.BookBanks:N0}, fsync={(settings.Durable ? "on" : "off")}");
FreeDoorCountBenchmark.Outcome? count = null;
PartnerBookingBenchmark.Outcome? book = null;
string server;
await using (var pg = await BenchServer.StartAsync(settings.Durable, cts.Token))
{
    server = pg.Describe;
    Progress(server);
    try
    {
        if (settings.RunCount) count = await new FreeDoorCountBenchmark(pg, settings).RunAsync(Progress, cts.Token);
        if (settings.RunBook) book = await new PartnerBookingBenchmark(pg, settings).RunAsync(Progress, cts.Token);
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
o.WriteLine(F($"Lockers.Bench: {settings.Seconds} s per case (+{settings.WarmUp.TotalSeconds} s warm-up), {Environment.ProcessorCount} cores, {server}"));
if (count is { } c)
{
    o.WriteLine();
    o.WriteLine(F($"free-door count: 1 caller; {c.Banks:N0} banks, {c.Doors:N0} doors; COPY + counts + VACUUM ANALYZE {c.Load.TotalSeconds:0.0} s; {c.Sizes}"));
    o.WriteLine(c.Shape);
    o.WriteLine("raw = one free_door_counts row by primary key (serial, 'S', false, false) for a random bank, same data source");
    o.WriteLine();
    var rows = c.Rows.Select(r => new[]
    {
        (r.Diagnosis ? "diagnosis: " : "") + r.Case, Table.Rate(r.M.PerSecond), Table.Ms(r.M.P50), Table.Ms(r.M.P95), Table.Ms(r.M.P99), Table.Ms(r.M.Max),
        Table.Ratio(r.M.P50 / c.Raw.P50), Table.Ratio(r.M.P99 / c.Raw.P99), (r.M.Failures == 0 ? r.Note : $"{r.Note}; {r.M.Failures:N0} FAILED") + $"; {r.Cpu}",
    }).Append(
    [
        "raw: one free_door_counts row by primary key", Table.Rate(c.Raw.PerSecond), Table.Ms(c.Raw.P50), Table.Ms(c.Raw.P95), Table.Ms(c.Raw.P99),
        Table.Ms(c.Raw.Max), "1.00x", "1.00x", (c.Raw.Failures == 0 ? "baseline" : $"baseline; {c.Raw.Failures:N0} FAILED") + $"; {c.RawCpu}",
    ]);
    Table.Print(o, ["case", "queries/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "p50/raw", "p99/raw", "note"], rows, i => i is >= 1 and <= 7);
    o.WriteLine();
    foreach (var r in c.Rows.Where(r => r.Case.StartsWith("(a)", StringComparison.Ordinal) && !r.Diagnosis || r.Case.StartsWith("(c)", StringComparison.Ordinal) || r.Case.StartsWith("(d)", StringComparison.Ordinal)))
        o.WriteLine(F($"target p99 <= {FreeDoorCountBenchmark.TargetP99Ms} ms for {r.Case}: {(r.M.P99 <= FreeDoorCountBenchmark.TargetP99Ms ? "met" : "NOT met")} ({Table.Ms(r.M.P99)} ms)"));
}
if (book is { } b)
{
    o.WriteLine();
    b.Print(o, settings);
}
Progress("done");
