using System.Diagnostics;
using System.Globalization;
using Cabinets.Lockers.Bench;
using Cabinets.Station.Bench;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cabinets.Vending.Push;

/// <summary>
/// `POST /api/vendors/wheat/orders` signed as VENDING.md §4.1 says, from <c>connections</c>
/// concurrent connections against the whole Api on Kestrel in this process, each push naming an
/// opened ticket session of its own user, so each is charged in its own transaction; against one
/// raw INSERT and its commit per request at the same concurrency, through the same server
/// (`POST /bench/raw-insert`) and in-process. Afterwards the database must show every charge.
/// </summary>
internal sealed class PushBenchmark(BenchServer server, PushSettings settings)
{
    public sealed record Outcome(
        Measurement Push, Tally Pushes, Measurement Single, Tally Alone, Measurement RawHttp, Measurement Raw, int Commands, string Seed, string Opened,
        IReadOnlyDictionary<string, string> Cpu, string Profile, PushVerification.Result Check, string CaughtUp)
    {
        public void Print(TextWriter o, PushSettings s)
        {
            string F(FormattableString x) => x.ToString(CultureInfo.InvariantCulture);
            o.WriteLine(F($"vendor push: the whole Api in-process on Kestrel over loopback HTTP, signed requests; {s.Orders:N0} pushes measured at {s.Connections} connections after {s.WarmUp:N0} not counted"));
            o.WriteLine($"setup: {Seed}; {Opened}");
            o.WriteLine("each push: a new wheatOrderNo, the OPENED ticket session of its own user, 1-3 of P100/P200/P300 at 1-3 each (350-6,600 fen), charged by tickets with the push");
            o.WriteLine("baseline = POST /bench/raw-insert with the same bodies (unsigned) from the same connections: one INSERT of the body and its commit per request, same server, pool and HTTP stack");
            o.WriteLine();
            Table.Print(o, ["case", "orders/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "rate/baseline", "p50/baseline", "p99/baseline", "note"],
            [
                Row($"POST /api/vendors/wheat/orders, {s.Connections} connections", Push, $"{Pushes.Describe()}; {Cpu["push"]}"),
                Row("the same, 1 connection", Single, $"{Alone.Describe()}; Npgsql commands for one push (daemon polls included): {Commands}; {Cpu["single"]}"),
                Row($"baseline: POST /bench/raw-insert, same bodies, {s.Connections} connections", RawHttp,
                    (RawHttp.Failures == 0 ? "raw INSERT + commit + HTTP" : F($"{RawHttp.Failures:N0} non-2xx")) + $"; {Cpu["rawHttp"]}"),
                Row($"raw: INSERT of an equivalent row, in-process, {s.Connections} callers", Raw,
                    (Raw.Failures == 0 ? "no HTTP" : F($"{Raw.Failures:N0} FAILED")) + $"; {Cpu["raw"]}"),
            ], i => i is >= 1 and <= 8);
            o.WriteLine();
            o.WriteLine($"after the run: {CaughtUp}");
            o.WriteLine(Check.Text);
            o.WriteLine();
            o.WriteLine("where the time of a push goes, by Npgsql command (a separate traced run at the same concurrency; wall time per command as Npgsql saw it, daemon included):");
            o.WriteLine(Profile);
        }

        private string[] Row(string name, Measurement m, string note) =>
        [
            name, Table.Rate(m.PerSecond), Table.Ms(m.P50), Table.Ms(m.P95), Table.Ms(m.P99), Table.Ms(m.Max),
            Table.Ratio(m.PerSecond / RawHttp.PerSecond), Table.Ratio(m.P50 / RawHttp.P50), Table.Ratio(m.P99 / RawHttp.P99), note,
        ];
    }

    public async Task<Outcome> RunAsync(Action<string> progress, CancellationToken ct)
    {
        var connectionString = await server.CreateDatabaseAsync("bench_push", ct);
        var outbound = Path.Combine(Path.GetTempPath(), $"vending-push-{Guid.NewGuid():N}"); // the file adapters' journals
        try
        {
            return await RunAsync(connectionString, outbound, progress, ct);
        }
        finally
        {
            try
            {
                Directory.Delete(outbound, recursive: true);
            }
            catch (IOException)
            {
                // never created (the Api did not start), or still open: the temp directory keeps it
            }
        }
    }

    private async Task<Outcome> RunAsync(string connectionString, string outbound, Action<string> progress, CancellationToken ct)
    {
        progress("vendor push: starting the Api in-process (schema, Wolverine, daemon)");
        var started = Stopwatch.StartNew();
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:EventStore"] = connectionString,
            ["Admin:BootstrapPassword"] = "vending push bench battery staple",
            ["Bench:RawInsert"] = "true",
            ["Vendor:PartnerId"] = PushCalls.PartnerId,
            ["Vendor:Secret"] = PushCalls.Secret,
            ["Vending:ScheduleEnabled"] = "false", // no catalog pulls from the (file) ERP meanwhile
            ["Vendor:FilePath"] = Path.Combine(outbound, "vendor.jsonl"),
            ["Erp:FilePath"] = Path.Combine(outbound, "erp.jsonl"),
            ["WeChatPay:FilePath"] = Path.Combine(outbound, "wechatpay.jsonl"),
            ["WeChatMiniProgram:FilePath"] = Path.Combine(outbound, "wechat-miniprogram.jsonl"),
            ["Sms:FilePath"] = Path.Combine(outbound, "sms.jsonl"),
        }, ct);
        progress($"vendor push: Api ready at {api.Address} after {started.Elapsed.TotalSeconds:0.0} s");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = api.Address, Timeout = TimeSpan.FromMinutes(2),
        };
        var db = api.Services.GetRequiredService<NpgsqlDataSource>();
        var store = api.Services.GetRequiredService<IDocumentStore>();

        started.Restart();
        await PushSetup.SeedCatalogAsync(api.Services, settings.Devices, ct);
        progress($"vendor push: {settings.Sessions:N0} users with a ticket session each, {settings.SetupParallelism} at a time (login, AdjustTickets, POST /api/app/sessions)");
        var seats = await PushSetup.SeatsAsync(http, api.Services, settings, progress, ct);
        var setup = started.Elapsed;
        var opened = await PushSetup.OpenedAsync(store, seats, ct);
        var seed = string.Create(CultureInfo.InvariantCulture,
            $"store {PushSetup.Store}, {settings.Devices} devices, 3 products as events; {seats.Length:N0} users of {PushSetup.Tickets:N0} tickets, each with a session, in {setup.TotalSeconds:0.0} s");
        progress($"vendor push: {opened}");

        // The seats in order: primed, the traced one, 1 connection, warm-up, measured, profile.
        var probe = PushSettings.Primed;
        var singleFrom = probe + 1;
        var warmFrom = singleFrom + settings.Single;
        var measuredFrom = warmFrom + settings.WarmUp;
        var profileFrom = measuredFrom + settings.Orders;
        var ledger = new PushLedger(seats.Length);
        var cpu = new Dictionary<string, string>();

        progress($"vendor push: raw baseline in-process, INSERT of an equivalent row, {settings.Connections} callers");
        await using (var create = db.CreateCommand(PushCalls.RawTable)) await create.ExecuteNonQueryAsync(ct);
        await CountedRun.RunAsync(settings.Connections, warmFrom, settings.WarmUp, (i, c) => PushCalls.RawAsync(db, seats[i], c), ct);
        var rawMeter = CpuMeter.Start(server.LogFile);
        var raw = await CountedRun.RunAsync(settings.Connections, measuredFrom, settings.Orders, (i, c) => PushCalls.RawAsync(db, seats[i], c), ct);
        cpu["raw"] = rawMeter.Stop();

        progress($"vendor push: baseline, POST /bench/raw-insert with the same bodies, {settings.Connections} connections");
        await CountedRun.RunAsync(settings.Connections, warmFrom, settings.WarmUp, (i, c) => PushCalls.RawHttpAsync(http, seats[i], c), ct);
        var rawHttpMeter = CpuMeter.Start(server.LogFile);
        var rawHttp = await CountedRun.RunAsync(settings.Connections, measuredFrom, settings.Orders, (i, c) => PushCalls.RawHttpAsync(http, seats[i], c), ct);
        cpu["rawHttp"] = rawHttpMeter.Stop();

        // The first pushes compile Marten's and Wolverine's code paths for the push (seconds, once): before any clock runs, one at a time.
        var primed = new Tally();
        var primeClock = Stopwatch.StartNew();
        for (var i = 0; i < PushSettings.Primed; i++) await PushCalls.PushAsync(http, seats[i], ledger, primed, ct);
        progress($"vendor push: primed with {PushSettings.Primed} pushes ({primed.Describe()}) in {primeClock.Elapsed.TotalSeconds:0.0} s");
        var commands = await NpgsqlCommands.CountAsync("push", () => PushCalls.PushAsync(http, seats[probe], ledger, primed, ct));

        progress($"vendor push: POST {PushCalls.Target}, 1 connection, {settings.Single:N0} pushes (the latency of one push alone)");
        var alone = new Tally();
        var singleMeter = CpuMeter.Start(server.LogFile);
        var single = await CountedRun.RunAsync(1, singleFrom, settings.Single, (i, c) => PushCalls.PushAsync(http, seats[i], ledger, alone, c), ct);
        cpu["single"] = singleMeter.Stop();

        progress($"vendor push: POST {PushCalls.Target}, {settings.Connections} connections, {settings.WarmUp:N0} warm-up then {settings.Orders:N0} measured");
        await CountedRun.RunAsync(settings.Connections, warmFrom, settings.WarmUp, (i, c) => PushCalls.PushAsync(http, seats[i], ledger, new Tally(), c), ct);
        var pushes = new Tally();
        var pushMeter = CpuMeter.Start(server.LogFile);
        var push = await CountedRun.RunAsync(settings.Connections, measuredFrom, settings.Orders, (i, c) => PushCalls.PushAsync(http, seats[i], ledger, pushes, c), ct);
        cpu["push"] = pushMeter.Stop();

        progress($"vendor push: {settings.Profile:N0} more pushes at {settings.Connections} connections with every Npgsql command traced (not timed)");
        var profile = settings.Profile == 0 ? "(skipped: --profile 0)" : await StatementProfile.RunAsync(async () =>
            (await CountedRun.RunAsync(settings.Connections, profileFrom, settings.Profile, (i, c) => PushCalls.PushAsync(http, seats[i], ledger, new Tally(), c), ct)).Operations, top: 16);

        progress("vendor push: waiting for the async projections (vending statistics) to catch up");
        var caughtUp = await CaughtUpAsync(api, ct);
        progress("vendor push: checking every order, session and ticket balance in the database");
        var check = await PushVerification.CheckAsync(store, seats, ledger, ct);
        return new Outcome(push, pushes, single, alone, rawHttp, raw, commands, seed, opened, cpu, profile, check, caughtUp);
    }

    /// <summary>How long the daemon (the vending statistics among its projections) took to reach the last push, at most 2 minutes.</summary>
    private static async Task<string> CaughtUpAsync(ApiHost api, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            await api.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(2));
            return string.Create(CultureInfo.InvariantCulture, $"the async projections (vending statistics included) caught up {sw.Elapsed.TotalSeconds:0.0} s after the last push");
        }
        catch (TimeoutException)
        {
            ct.ThrowIfCancellationRequested();
            return "the async projections did NOT catch up within 2 minutes of the last push";
        }
    }
}
