using System.Diagnostics;
using Cabinets.EventStore.Bench;
using Microsoft.Extensions.Logging;

// By-hand benchmark of our Marten configuration against raw Npgsql, in one run (README.md).
var settings = BenchSettings.Parse(args);
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
using var logs = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
    .AddFilter("Marten.IDocumentStore", LogLevel.Critical));
var total = Stopwatch.StartNew();
void Progress(string what) => Console.Error.WriteLine($"[{total.Elapsed:hh\\:mm\\:ss}] {what}");

Progress($"starting PostgreSQL; events={settings.Events:N0}, seconds={settings.Seconds} per append case, fsync={(settings.Durable ? "on" : "off")}");
var rows = new List<ResultRow>();
string server;
await using (var pg = await BenchServer.StartAsync(settings, cts.Token))
{
    server = pg.Describe;
    Progress(server);
    try
    {
        var (appendDb, appendStore) = await pg.OpenStoreAsync("bench_append", cts.Token);
        await new AppendBenchmarks(appendDb, appendStore, settings).RunAsync(rows, Progress, cts.Token);
        await new DaemonBenchmarks(pg, settings, logs).RunAsync(rows, Progress, cts.Token);
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

Console.WriteLine();
Console.WriteLine($"EventStore.Bench: events={settings.Events:N0}, {settings.Seconds} s per append case (+{settings.WarmUp.TotalSeconds} s warm-up), " +
                  $"{Environment.ProcessorCount} cores, {server}");
Console.WriteLine("marten = our store configuration (CritterStackSetup.ConfigureMarten + DataSourceConnectionString); raw = Npgsql on the same data source");
Console.WriteLine();
ResultTable.Print(rows, Console.Out);
Progress("done");
