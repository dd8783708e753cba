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

/// <summary>
/// Free-door counts over a bulk-loaded model of <c>banks</c> × 60 doors: <see cref="FreeDoorQueries.CountAsync"/>
/// in-process by city and by full address + size, GraphQL `freeDoorCount` and IBS `count_locker_num`
/// through the whole Api over loopback HTTP, each from one caller, against a raw Npgsql primary-key
/// lookup of one `free_door_counts` row on the same data source and data. Diagnosis rows show what
/// the prepared statement's plan choice costs (README.md).
/// </summary>
internal sealed partial class FreeDoorCountBenchmark(BenchServer server, BenchSettings settings)
{
    public const double TargetP99Ms = 5;
    private const string Rm = FreeDoorTables.LiveSchema;

    /// <summary>The statement of <see cref="FreeDoorQueries.CountAsync"/>, word for word, for EXPLAIN of its generic and custom plans.</summary>
    private const string CountSql = $"""
        select coalesce(sum(greatest(free - promised, 0)), 0)::int from {Rm}.free_door_counts
         where ($1 = '' or province = $1) and ($2 = '' or city = $2) and ($3 = '' or area = $3)
           and ($4 = '' or street = $4) and ($5 = '' or place = $5)
           and ($6 = '' or size = $6) and (not $7 or insulated) and (not $8 or vertical)
        """;

    public sealed record Row(string Case, Measurement M, string Note, bool Diagnosis = false, string Cpu = "");

    public sealed record Outcome(IReadOnlyList<Row> Rows, Measurement Raw, string RawCpu, long Banks, long Doors, TimeSpan Load, string Shape, string Sizes);

    public async Task<Outcome> RunAsync(Action<string> progress, CancellationToken ct)
    {
        var (db, _, connectionString) = await server.OpenStoreAsync("bench_free_doors", ct);
        var data = new LockerData(settings.Banks);
        progress($"free doors: {data.Banks.Length:N0} banks, {data.DoorCount:N0} doors; binary COPY");
        var load = Stopwatch.StartNew();
        await data.LoadAsync(db, progress, ct);
        progress("free doors: vacuum analyze");
        foreach (var table in new[] { "cabinets", "doors", "free_door_counts" }) await ExecuteAsync(db, $"vacuum (analyze) {Rm}.{table}", ct);
        load.Stop();
        var shape = await ShapeAsync(db, ct);
        progress($"free doors: loaded in {load.Elapsed.TotalSeconds:0.0} s; {shape}");
        var sizes = await ScalarAsync<string>(db, $"""
            select string_agg(relname || ' ' || pg_size_pretty(pg_total_relation_size(c.oid)), ', ' order by relname)
              from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = '{Rm}' and c.relkind = 'r'
            """, ct);

        var cities = Enumerable.Range(0, LockerData.Provinces)
            .SelectMany(p => Enumerable.Range(0, LockerData.CitiesPerProvince).Select(c => (Province: LockerData.Province(p), City: LockerData.City(p, c))))
            .ToArray();
        var rows = new List<Row>();

        progress("free doors: raw baseline (one free_door_counts row by primary key)");
        var raw = await TimedAsync(rng => RawAsync(db, LockerData.Serial(rng.Next(data.Banks.Length)), ct), ct);
        var rawCpu = _cpu;

        progress("free doors: (a) FreeDoorQueries.CountAsync by city");
        var byCity = new Counts();
        rows.Add(new Row("(a) CountAsync, province + city (random of 300)", await TimedAsync(rng =>
        {
            var (p, c) = cities[rng.Next(cities.Length)];
            return CountAsync(db, new FreeDoorFilter(p, c), byCity, ct);
        }, ct), byCity.Describe(), Cpu: _cpu));

        progress("free doors: (b) FreeDoorQueries.CountAsync by full address + size");
        var byPlace = new Counts();
        rows.Add(new Row("(b) CountAsync, full address + size", await TimedAsync(rng => CountAsync(db, FullAddress(rng, data), byPlace, ct), ct), byPlace.Describe(), Cpu: _cpu));

        // Diagnosis: the same calls with the plan choice forced either way, and the statement shape that needs no choice.
        await using (var custom = DataSourceWith(connectionString, "-c plan_cache_mode=force_custom_plan"))
        {
            progress("free doors: diagnosis, (a) with plan_cache_mode=force_custom_plan");
            var n = new Counts();
            rows.Add(new Row("(a) with plan_cache_mode=force_custom_plan", await TimedAsync(rng =>
            {
                var (p, c) = cities[rng.Next(cities.Length)];
                return CountAsync(custom, new FreeDoorFilter(p, c), n, ct);
            }, ct), n.Describe(), Diagnosis: true, Cpu: _cpu));
        }
        await using (var generic = DataSourceWith(connectionString, "-c plan_cache_mode=force_generic_plan"))
        {
            progress("free doors: diagnosis, (a) with plan_cache_mode=force_generic_plan");
            var n = new Counts();
            rows.Add(new Row("(a) with plan_cache_mode=force_generic_plan", await TimedAsync(rng =>
            {
                var (p, c) = cities[rng.Next(cities.Length)];
                return CountAsync(generic, new FreeDoorFilter(p, c), n, ct);
            }, ct), n.Describe(), Diagnosis: true, Cpu: _cpu));
        }
        progress("free doors: diagnosis, (a) as a statement naming only the given fields");
        var shaped = new Counts();
        rows.Add(new Row("(a) statement with only the given predicates", await TimedAsync(rng =>
        {
            var (p, c) = cities[rng.Next(cities.Length)];
            return ShapedCountAsync(db, new FreeDoorFilter(p, c), shaped, ct);
        }, ct), shaped.Describe(), Diagnosis: true, Cpu: _cpu));

        var largest = await ScalarAsync<string>(db, $"select province || '/' || city from {Rm}.cabinets group by province, city order by count(*) desc, 1 limit 1", ct);
        await ExplainAsync(connectionString, new FreeDoorFilter(largest.Split('/')[0], largest.Split('/')[1]), cities, progress, ct);

        progress("free doors: starting the Api in-process against the loaded database");
        var started = Stopwatch.StartNew();
        await using (var api = await ApiHost.StartAsync(new Dictionary<string, string>
                     {
                         ["ConnectionStrings:EventStore"] = connectionString,
                         ["Admin:BootstrapPassword"] = BenchApi.Password,
                     }, ct))
        {
            progress($"free doors: Api ready at {api.Address} after {started.Elapsed.TotalSeconds:0.0} s");
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 2, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                BaseAddress = api.Address, Timeout = TimeSpan.FromMinutes(1),
            };
            var token = await SignInAsync(http, ct);

            progress("free doors: (c) GraphQL freeDoorCount(province, city) over HTTP");
            var graphql = new Counts();
            var bodies = cities.Select(c => JsonSerializer.SerializeToUtf8Bytes(new
            {
                query = "query($p: String, $c: String) { freeDoorCount(province: $p, city: $c) }",
                variables = new { p = c.Province, c = c.City },
            })).ToArray();
            rows.Add(new Row("(c) GraphQL freeDoorCount(province, city), POST /graphql", await TimedAsync(rng =>
                GraphQLAsync(http, token, bodies[rng.Next(bodies.Length)], graphql, ct), ct), graphql.Describe(), Cpu: _cpu));

            progress("free doors: (c) GraphQL freeDoorCount(province, city) in-process, the executor without HTTP");
            var module = api.Services.GetRequiredService<Cabinets.Api.GraphQL.GraphQLModule>();
            var admin = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                Cabinets.Domain.Access.Roles.PermissionsOf([Cabinets.Domain.Access.Roles.Admin])
                    .Select(p => new System.Security.Claims.Claim(Cabinets.Api.Access.BearerTokenAuthentication.PermissionClaim, p))
                    .Append(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "admin")), "bench"));
            var executed = new Counts();
            var variables = cities.Select(c => JsonSerializer.SerializeToElement(new { p = c.Province, c = c.City })).ToArray();
            rows.Add(new Row("(c) GraphQL freeDoorCount(province, city), executor in-process", await TimedAsync(async rng =>
            {
                var context = new Cabinets.Api.GraphQL.GraphQLRequestContext(admin, api.Services, "bench");
                var result = await module.ExecutorFor(context).ExecuteAsync(new Cabinets.GraphQL.Execution.ExecutionRequest
                {
                    Query = "query($p: String, $c: String) { freeDoorCount(province: $p, city: $c) }",
                    VariablesJson = variables[rng.Next(variables.Length)],
                    Context = context,
                    CancellationToken = ct,
                }, ct);
                using var answer = JsonDocument.Parse(result.ToJson());
                if (answer.RootElement.TryGetProperty("errors", out _)) return 0;
                executed.Add(answer.RootElement.GetProperty("data").GetProperty("freeDoorCount").GetInt32());
                return 1;
            }, ct), executed.Describe(), Cpu: _cpu));

            progress("free doors: (d) IBS count_locker_num by city over HTTP");
            var codec = new IbsCodec();
            var frames = cities.Select(c => codec.EncodeFrame(IbsMethods.CountLockerNum, JsonSerializer.SerializeToUtf8Bytes(new
            {
                province = c.Province, city = c.City, area = "", street = "", palce = "", locker_size = "", property_name = "",
            }))).ToArray();
            var ibs = new Counts();
            rows.Add(new Row("(d) IBS count_locker_num(province, city), POST /ibs", await TimedAsync(rng =>
                IbsAsync(http, codec, frames[rng.Next(frames.Length)], ibs, ct), ct), ibs.Describe(), Cpu: _cpu));

            progress("free doors: HTTP floor, GET /health/live");
            rows.Add(new Row("GET /health/live, same HTTP client", await TimedAsync(async _ =>
            {
                using var r = await http.GetAsync("/health/live", ct);
                await r.Content.ReadAsByteArrayAsync(ct);
                return r.IsSuccessStatusCode ? 1 : 0;
            }, ct), "what HTTP and Kestrel cost alone", Diagnosis: true, Cpu: _cpu));
        }
        return new Outcome(rows, raw, rawCpu, data.Banks.Length, data.DoorCount, load.Elapsed, shape, sizes);
    }

    private static FreeDoorFilter FullAddress(Random rng, LockerData data)
    {
        var b = data.Banks[rng.Next(data.Banks.Length)];
        return new FreeDoorFilter(LockerData.Province(b.Province), LockerData.City(b.Province, b.City), LockerData.Area(b.Area),
            LockerData.Street(b.Street), LockerData.Place(b.Place), (DoorSize)rng.Next(3));
    }

    /// <summary>Results seen, so the table shows what the counts were like.</summary>
    private sealed class Counts
    {
        private long _calls, _sum, _max;

        public void Add(long count)
        {
            Interlocked.Increment(ref _calls);
            Interlocked.Add(ref _sum, count);
            if (count > Interlocked.Read(ref _max)) Interlocked.Exchange(ref _max, count);
        }

        public string Describe() => _calls == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"avg {(double)_sum / _calls:#,0} free doors per answer (max {_max:N0})");
    }

    private static async Task<int> CountAsync(NpgsqlDataSource db, FreeDoorFilter f, Counts counts, CancellationToken ct)
    {
        counts.Add(await FreeDoorQueries.CountAsync(db, f, ct));
        return 1;
    }

    /// <summary>The shape that leaves nothing to the plan cache: one statement per combination of given fields (not in src/).</summary>
    private static async Task<int> ShapedCountAsync(NpgsqlDataSource db, FreeDoorFilter f, Counts counts, CancellationToken ct)
    {
        var where = new List<string>();
        await using var cmd = db.CreateCommand();
        foreach (var (column, value) in new[] { ("province", f.Province), ("city", f.City), ("area", f.Area), ("street", f.Street), ("place", f.Place) })
        {
            if (string.IsNullOrEmpty(value)) continue;
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
            where.Add($"{column} = ${cmd.Parameters.Count}");
        }
        if (f.Size is { } s)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = DoorSizeCodes.Of(s) });
            where.Add($"size = ${cmd.Parameters.Count}");
        }
        if (f.Attribute == DoorAttributeFilter.Insulated) where.Add("insulated");
        if (f.Attribute == DoorAttributeFilter.Vertical) where.Add("vertical");
        cmd.CommandText = $"select coalesce(sum(greatest(free - promised, 0)), 0)::int from {Rm}.free_door_counts" +
                          (where.Count == 0 ? "" : " where " + string.Join(" and ", where));
        counts.Add((int)(await cmd.ExecuteScalarAsync(ct))!);
        return 1;
    }

    private static async Task<int> RawAsync(NpgsqlDataSource db, string serial, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            select free, promised, province, city, area, street, place from {Rm}.free_door_counts
             where serial_number = $1 and size = $2 and insulated = $3 and vertical = $4
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = serial });
        cmd.Parameters.Add(new NpgsqlParameter { Value = "S" });
        cmd.Parameters.Add(new NpgsqlParameter { Value = false });
        cmd.Parameters.Add(new NpgsqlParameter { Value = false });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = 0;
        while (await reader.ReadAsync(ct))
        {
            rows++;
            for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
        }
        return rows == 1 ? 1 : 0;
    }
    /// <summary>One caller, one query after another (the latency of a single request in-process).</summary>
    private async Task<Measurement> TimedAsync(Func<Random, Task<int>> step, CancellationToken ct)
    {
        var rng = new Random(42);
        var cpu = CpuMeter.Start(server.LogFile);
        var m = await TimedRun.RunAsync(1, settings.WarmUp, settings.Measured, (_, _) => step(rng), ct);
        _cpu = cpu.Stop();
        return m;
    }

    /// <summary>The cores busy during the last timed case (<see cref="CpuMeter"/>).</summary>
    private string _cpu = "";

    private static NpgsqlDataSource DataSourceWith(string connectionString, string options, int maxPoolSize = 0)
    {
        var csb = new NpgsqlConnectionStringBuilder(Cabinets.Api.Hosting.CritterStackSetup.DataSourceConnectionString(connectionString));
        csb.Options += " " + options;
        if (maxPoolSize > 0) csb.MaxPoolSize = maxPoolSize;
        return NpgsqlDataSource.Create(csb.ConnectionString);
    }
}
