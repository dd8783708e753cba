using System.Diagnostics;
using System.Globalization;
using Cabinets.Station.Bench;
using Cabinets.Vending.Push;

// By-hand benchmark of the vendor's order pushes (issue 11): signed pushes from 64 connections, each
// charged by tickets, against a raw INSERT + commit per request through the same server (README.md).
var settings = PushSettings.Parse(args);
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
var total = Stopwatch.StartNew();
void Progress(string what) => Console.Error.WriteLine($"[{total.Elapsed:hh\\:mm\\:ss}] {what}");

Progress($"starting PostgreSQL; orders={settings.Orders:N0}, connections={settings.Connections}, warm-up={settings.WarmUp:N0}, single={settings.Single:N0}, " +
         $"profile={settings.Profile:N0}, devices={settings.Devices}, fsync={(settings.Durable ? "on" : "off")}: {settings.Sessions:N0} users and sessions to set up");
PushBenchmark.Outcome? outcome = null;
string server;
await using (var pg = await BenchServer.StartAsync(settings.Durable, cts.Token))
{
    server = pg.Describe;
    Progress(server);
    try
    {
        outcome = await new PushBenchmark(pg, settings).RunAsync(Progress, cts.Token);
    }
    catch (OperationCanceledException) when (cts.IsCancellationRequested)
    {
        Progress("cancelled");
    }
    catch (Exception e)
    {
        Progress($"failed: {e}");
        Environment.ExitCode = 1;
    }
}

var o = Console.Out;
o.WriteLine();
o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Vending.Push: {settings.Orders:N0} pushes at {settings.Connections} connections, {Environment.ProcessorCount} cores, {server}"));
if (outcome is { } r)
{
    o.WriteLine();
    r.Print(o, settings);
    if (!r.Check.Ok) Environment.ExitCode = 1;
}
Progress("done");
