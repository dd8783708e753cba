using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Projections.Lockers.FreeDoors;
using Cabinets.Protocol;
using Cabinets.Station.Bench;
using static Cabinets.Lockers.Bench.BenchApi;
using Npgsql;

namespace Cabinets.Lockers.Bench;

/// <summary>The diagnosis rows' tools: EXPLAIN of the count statement, the plan cache counters, the shape of the loaded data.</summary>
internal sealed partial class FreeDoorCountBenchmark
{
    /// <summary>
    /// Why (a) costs what it costs, to stderr: (1) auto_explain (ANALYZE, BUFFERS) of the real
    /// CountAsync on a one-connection data source, at its first execution and its tenth (Npgsql has
    /// prepared it from the second; PostgreSQL weighs a generic plan from the sixth), with the
    /// connection's custom/generic plan counts from pg_prepared_statements; (2) EXPLAIN ANALYZE of
    /// the same statement prepared by hand with the plan forced generic, then custom.
    /// </summary>
    private async Task ExplainAsync(string connectionString, FreeDoorFilter f, (string Province, string City)[] cities, Action<string> progress, CancellationToken ct)
    {
        var plans = new List<string>();
        string counters, mixedCounters;
        await using (var one = DataSourceWith(connectionString, "-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=0 " +
                                                                "-c auto_explain.log_analyze=on -c auto_explain.log_buffers=on -c auto_explain.log_timing=on", maxPoolSize: 1))
        {
            var rng = new Random(5);
            for (var i = 1; i <= 10; i++)
            {
                var before = new FileInfo(server.LogFile).Length;
                // the tenth is the city to explain; the others vary, as in the timed case
                var (p, c) = i is 1 or 10 ? (f.Province!, f.City!) : cities[rng.Next(cities.Length)];
                await FreeDoorQueries.CountAsync(one, new FreeDoorFilter(p, c), ct);
                await Task.Delay(100, ct); // the server's log is written asynchronously to us
                if (i is 1 or 10) plans.Add(LastPlan(await ReadFromAsync(server.LogFile, before, ct)));
            }
            counters = await PlanCountersAsync(one, ct);

            // A mixed caller (the console's `{ freeDoorCount }` with no argument, a province alone) on the
            // same connection: does PostgreSQL then switch the statement to its generic plan for every value?
            for (var i = 0; i < 40; i++)
            {
                var (p, c) = cities[rng.Next(cities.Length)];
                var filter = (i % 5) switch
                {
                    0 => new FreeDoorFilter(),
                    1 or 2 => new FreeDoorFilter(p),
                    _ => new FreeDoorFilter(p, c),
                };
                await FreeDoorQueries.CountAsync(one, filter, ct);
            }
            var offset = new FileInfo(server.LogFile).Length;
            await FreeDoorQueries.CountAsync(one, f, ct);
            await Task.Delay(100, ct);
            plans.Add(LastPlan(await ReadFromAsync(server.LogFile, offset, ct)));
            mixedCounters = await PlanCountersAsync(one, ct);
        }
        progress($"EXPLAIN of FreeDoorQueries.CountAsync, province '{f.Province}', city '{f.City}' (the largest city):");
        Console.Error.WriteLine("--- auto_explain, execution 1 (not yet prepared: a custom plan) ---");
        Console.Error.WriteLine(plans[0]);
        Console.Error.WriteLine("--- auto_explain, execution 10 (auto-prepared by Npgsql since the 2nd; PostgreSQL may use a generic plan from the 6th) ---");
        Console.Error.WriteLine(plans[1]);
        Console.Error.WriteLine($"--- pg_prepared_statements on that connection: {counters} ---");
        Console.Error.WriteLine("--- auto_explain, execution 51, after 40 more calls of which 8 had no filter, 16 a province alone, 16 a city ---");
        Console.Error.WriteLine(plans[2]);
        Console.Error.WriteLine($"--- pg_prepared_statements on that connection after the mixed calls: {mixedCounters} ---");

        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        var args = string.Join(", ", new[] { f.Province, f.City, "", "", "", "" }.Select(v => $"'{v}'")) + ", false, false";
        await ExecuteAsync(conn, $"prepare fdc(text, text, text, text, text, text, boolean, boolean) as {CountSql}", ct);
        foreach (var mode in new[] { "force_generic_plan", "force_custom_plan" })
        {
            await ExecuteAsync(conn, $"set plan_cache_mode = {mode}", ct);
            Console.Error.WriteLine($"--- EXPLAIN (ANALYZE, BUFFERS) EXECUTE, plan_cache_mode = {mode} ---");
            await using var explain = new NpgsqlCommand($"explain (analyze, buffers) execute fdc({args})", conn);
            await using var reader = await explain.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) Console.Error.WriteLine(reader.GetString(0));
        }
    }

    private static async Task<string> PlanCountersAsync(NpgsqlDataSource one, CancellationToken ct)
    {
        await using var cmd = one.CreateCommand("select coalesce(string_agg(format('generic_plans %s, custom_plans %s', generic_plans, custom_plans), '; '), 'none') " +
                                                "from pg_prepared_statements where statement like '%free_door_counts%' and statement not like '%pg_prepared_statements%'");
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task<string> ReadFromAsync(string file, long offset, CancellationToken ct)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
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

    /// <summary>What was loaded: counts and a consistency check of free_door_counts against the doors.</summary>
    private static async Task<string> ShapeAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            select (select count(*) from {Rm}.free_door_counts),
                   (select count(*) filter (where occupied) from {Rm}.doors),
                   (select count(*) filter (where not usable) from {Rm}.doors),
                   (select count(*) filter (where not occupied and usable) from {Rm}.doors),
                   (select sum(free) from {Rm}.free_door_counts),
                   (select sum(promised) from {Rm}.free_door_counts),
                   (select count(*) filter (where promised > 0) from {Rm}.free_door_counts),
                   (select max(n) from (select count(*) n from {Rm}.cabinets group by province, city) x),
                   (select min(n) from (select count(*) n from {Rm}.cabinets group by province, city) x)
            """);
        cmd.CommandTimeout = 0;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var (rows, occupied, unusable, freeDoors, free, promised, promisedRows) =
            (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6));
        return string.Create(CultureInfo.InvariantCulture,
            $"{rows:N0} free_door_counts rows; doors {occupied:N0} occupied, {unusable:N0} faulted or awaiting repair, {freeDoors:N0} free; " +
            $"{promised:N0} promised to bookings on {promisedRows:N0} rows; banks per city {r.GetInt64(8):N0}-{r.GetInt64(7):N0}; " +
            $"check {(free == freeDoors ? "ok" : $"FAILED (counts say {free:N0} free)")}");
    }
}
