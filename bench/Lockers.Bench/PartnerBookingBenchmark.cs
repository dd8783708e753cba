using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cabinets.Api.Commands;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Projections.Lockers.FreeDoors;
using Cabinets.Station.Bench;
using static Cabinets.Lockers.Bench.BenchApi;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cabinets.Lockers.Bench;

/// <summary>
/// `POST /api/partners/parcels` signed as API-CONTRACT.md (Partner REST) says, from <c>clients</c>
/// concurrent connections against the whole Api on Kestrel in this process, over <c>book-banks</c>
/// banks provisioned and registered through the real commands, once the async free-door model has
/// caught up with them; against raw Npgsql INSERTs of an equivalent booking row at the same
/// concurrency (in-process, and through the same HTTP stack via `POST /bench/raw-insert`).
/// </summary>
internal sealed partial class PartnerBookingBenchmark(BenchServer server, BenchSettings settings)
{
    private const string Target = "/api/partners/parcels";
    private const string Rm = FreeDoorTables.LiveSchema;

    public sealed record Outcome(
        Measurement Book, Measurement Single, Statuses Alone, Measurement Raw, Measurement RawHttp, Statuses Statuses, string Seed, string CaughtUp, string Mix, int Commands,
        IReadOnlyDictionary<string, string> Cpu, string Profile)
    {
        public void Print(TextWriter o, BenchSettings s)
        {
            string F(FormattableString x) => x.ToString(CultureInfo.InvariantCulture);
            o.WriteLine(F($"partner booking: the whole Api in-process on Kestrel over loopback HTTP, {s.Clients} concurrent connections, signed requests; {Seed}"));
            o.WriteLine($"requests: {Mix}");
            o.WriteLine("raw = one INSERT (autocommit) of an equivalent booking row into bench_bookings, same data source, same concurrency, no HTTP");
            o.WriteLine();
            var secs = s.Measured.TotalSeconds;
            Table.Print(o, ["case", "answers/s", "bookings/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "vs raw", "note"],
            [
                [
                    "POST /api/partners/parcels (201 + 409)", Table.Rate(Book.PerSecond), Table.Rate(Statuses.Created / secs), Table.Ms(Book.P50), Table.Ms(Book.P95),
                    Table.Ms(Book.P99), Table.Ms(Book.Max), Table.Ratio(Book.PerSecond / Raw.PerSecond), $"{Statuses.Describe()}; {Cpu["book"]}",
                ],
                [
                    "  of which 201 Created", "-", Table.Rate(Statuses.Created / secs), Table.Ms(Statuses.CreatedLatency.P50), Table.Ms(Statuses.CreatedLatency.P95),
                    Table.Ms(Statuses.CreatedLatency.P99), Table.Ms(Statuses.CreatedLatency.Max), Table.Ratio(Statuses.Created / secs / Raw.PerSecond), "",
                ],
                [
                    "  of which 409 no-free-door", "-", "-", Table.Ms(Statuses.ConflictLatency.P50), Table.Ms(Statuses.ConflictLatency.P95),
                    Table.Ms(Statuses.ConflictLatency.P99), Table.Ms(Statuses.ConflictLatency.Max), "-", "",
                ],
                [
                    "the same, 1 connection (201 + 409)", Table.Rate(Single.PerSecond), Table.Rate(Alone.Created / secs), Table.Ms(Single.P50), Table.Ms(Single.P95),
                    Table.Ms(Single.P99), Table.Ms(Single.Max), Table.Ratio(Single.PerSecond / Raw.PerSecond),
                    Alone.Describe() + $"; Npgsql commands for one booking (daemon polls included): {Commands}; {Cpu["single"]}",
                ],
                [
                    "POST /bench/raw-insert, same body, same HTTP stack", Table.Rate(RawHttp.PerSecond), "-", Table.Ms(RawHttp.P50), Table.Ms(RawHttp.P95),
                    Table.Ms(RawHttp.P99), Table.Ms(RawHttp.Max), Table.Ratio(RawHttp.PerSecond / Raw.PerSecond),
                    (RawHttp.Failures == 0 ? "raw INSERT + HTTP" : $"{RawHttp.Failures:N0} non-2xx") + $"; {Cpu["rawHttp"]}",
                ],
                [
                    "raw: INSERT of an equivalent row, in-process", Table.Rate(Raw.PerSecond), "-", Table.Ms(Raw.P50), Table.Ms(Raw.P95), Table.Ms(Raw.P99),
                    Table.Ms(Raw.Max), "1.00x", (Raw.Failures == 0 ? "baseline" : $"baseline; {Raw.Failures:N0} FAILED") + $"; {Cpu["raw"]}",
                ],
            ], i => i is >= 1 and <= 7);
            o.WriteLine();
            o.WriteLine($"after the run: {CaughtUp}");
            o.WriteLine();
            o.WriteLine("where the time of a booking goes, by Npgsql command (a separate traced run at the same concurrency; wall time per command as Npgsql saw it, daemon included):");
            o.WriteLine(Profile);
        }
    }

    /// <summary>Answers by status within the measured window, with the latencies of 201 and 409 apart.</summary>
    public sealed class Statuses
    {
        private readonly Dictionary<string, long> _other = [];
        private readonly List<double> _created = [], _conflict = [];
        private long _total201, _total409;

        public long Created { get; private set; }

        public long Conflicts { get; private set; }

        public long Total201 => Interlocked.Read(ref _total201);

        public long Total409 => Interlocked.Read(ref _total409);

        public Measurement CreatedLatency => new(Created, TimeSpan.Zero, _created);

        public Measurement ConflictLatency => new(Conflicts, TimeSpan.Zero, _conflict);

        public void Add(int status, string? problem, double ms, bool inWindow)
        {
            if (status == 201) Interlocked.Increment(ref _total201);
            if (status == 409) Interlocked.Increment(ref _total409);
            if (!inWindow) return;
            lock (_other)
            {
                switch (status)
                {
                    case 201:
                        Created++;
                        _created.Add(ms);
                        break;
                    case 409 when problem?.EndsWith("no-free-door", StringComparison.Ordinal) == true:
                        Conflicts++;
                        _conflict.Add(ms);
                        break;
                    default:
                        var kind = $"{status} {problem}".Trim();
                        _other[kind] = _other.GetValueOrDefault(kind) + 1;
                        break;
                }
            }
        }

        public string Describe()
        {
            lock (_other)
                return string.Create(CultureInfo.InvariantCulture, $"{Created:N0} x 201, {Conflicts:N0} x 409 no-free-door") +
                       (_other.Count == 0 ? ", nothing else" : "; OTHER: " + string.Join(", ", _other.Select(k => $"{k.Value:N0} x {k.Key}")));
        }
    }

    public async Task<Outcome> RunAsync(Action<string> progress, CancellationToken ct)
    {
        var connectionString = await server.CreateDatabaseAsync("bench_booking", ct);
        progress("partner booking: starting the Api in-process (schema, Wolverine, daemon)");
        var started = Stopwatch.StartNew();
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:EventStore"] = connectionString,
            ["Admin:BootstrapPassword"] = BenchApi.Password,
            ["Bench:RawInsert"] = "true",
        }, ct);
        progress($"partner booking: Api ready at {api.Address} after {started.Elapsed.TotalSeconds:0.0} s");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = api.Address, Timeout = TimeSpan.FromMinutes(2),
        };
        var db = api.Services.GetRequiredService<NpgsqlDataSource>();
        var token = await SignInAsync(http, ct);

        var data = new LockerData(settings.BookBanks);
        started.Restart();
        var (doors, free) = await ProvisionAsync(api.Services, data, ct);
        var provisioned = started.Elapsed;
        progress($"partner booking: {data.Banks.Length:N0} banks, {doors:N0} doors ({free:N0} free) through the commands in {provisioned.TotalSeconds:0.0} s; waiting for the free-door model");
        var modelled = await ModelCaughtUpAsync(db, data.Banks.Length, free, ct);
        var seed = string.Create(CultureInfo.InvariantCulture,
            $"{data.Banks.Length:N0} banks x 60 doors ({free:N0} free) via ProvisionCabinet/RegisterCabinetBank/RegisterDoors/ReportDoorStatus (CommandSender, 4 at a time) in {provisioned.TotalSeconds:0.0} s, model {modelled}");
        var (partnerId, secret) = await RegisterPartnerAsync(http, token, ct);
        progress($"partner booking: partner {partnerId} registered");

        var cpu = new Dictionary<string, string>();
        var orders = 0L;
        string Order() => (1_000_000_000_000_000L + Interlocked.Increment(ref orders)).ToString(CultureInfo.InvariantCulture);

        progress($"partner booking: raw baseline, INSERT of an equivalent row, {settings.Clients} callers");
        await ExecuteAsync(db, """
            create table if not exists bench_bookings (record_number bigserial primary key, order_number text not null unique, partner_id text not null,
                serial_number text not null, province text not null, city text not null, area text not null, street text not null, place text not null,
                size text, attribute text, recipient_name text not null, recipient_phone text not null, booked_at timestamptz not null)
            """, ct);
        var rawMeter = CpuMeter.Start(server.LogFile);
        var raw = await TimedRun.RunAsync(settings.Clients, settings.WarmUp, settings.Measured, (w, c) => RawAsync(db, data, partnerId, Rng(w), Order(), c), ct);
        cpu["raw"] = rawMeter.Stop();

        progress($"partner booking: POST /bench/raw-insert with the same bodies, {settings.Clients} clients");
        var rawHttpMeter = CpuMeter.Start(server.LogFile);
        var rawHttp = await TimedRun.RunAsync(settings.Clients, settings.WarmUp, settings.Measured, async (w, c) =>
        {
            using var content = new ByteArrayContent(Body(data, Rng(w), Order()));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync("/bench/raw-insert", content, c);
            await response.Content.ReadAsByteArrayAsync(c);
            return response.IsSuccessStatusCode ? 1 : 0;
        }, ct);
        cpu["rawHttp"] = rawHttpMeter.Stop();

        // First bookings compile Marten's and Wolverine's code paths for the bank and parcel streams
        // (seconds, once): done before any clock runs, one at a time.
        var primed = new Statuses();
        var primeClock = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++) await BookAsync(http, partnerId, secret, Body(data, Rng(999), Order()), primed, primeClock, ct);
        progress($"partner booking: primed with 20 bookings ({primed.Total201} x 201, {primed.Total409} x 409) in {primeClock.Elapsed.TotalSeconds:0.0} s");

        progress($"partner booking: POST {Target}, 1 connection (the latency of one booking alone)");
        var alone = new Statuses();
        var singleMeter = CpuMeter.Start(server.LogFile);
        var aloneClock = Stopwatch.StartNew(); // started with TimedRun's own clock: the measured window is the same
        var single = await TimedRun.RunAsync(1, settings.WarmUp, settings.Measured, (w, c) =>
            BookAsync(http, partnerId, secret, Body(data, Rng(w + 500), Order()), alone, aloneClock, c), ct);
        cpu["single"] = singleMeter.Stop();
        var commands = await NpgsqlCommands.CountAsync("book", () =>
            BookAsync(http, partnerId, secret, Body(data, Rng(998), Order()), primed, primeClock, ct));

        progress($"partner booking: POST {Target}, {settings.Clients} concurrent connections");
        var statuses = new Statuses();
        var bookMeter = CpuMeter.Start(server.LogFile);
        var clock = Stopwatch.StartNew(); // started with TimedRun's own clock: the measured window is the same
        var book = await TimedRun.RunAsync(settings.Clients, settings.WarmUp, settings.Measured, (w, c) =>
            BookAsync(http, partnerId, secret, Body(data, Rng(w), Order()), statuses, clock, c), ct);
        cpu["book"] = bookMeter.Stop();

        var traced = new Statuses();
        var traceClock = Stopwatch.StartNew();
        var traceSeconds = Math.Clamp(settings.Seconds / 2, 1, 5);
        progress($"partner booking: {traceSeconds:0.#} s more at {settings.Clients} connections with every Npgsql command traced (not timed)");
        var profile = await StatementProfile.RunAsync(async () => (await TimedRun.RunAsync(settings.Clients, TimeSpan.Zero, TimeSpan.FromSeconds(traceSeconds), (w, c) =>
            BookAsync(http, partnerId, secret, Body(data, Rng(w + 200), Order()), traced, traceClock, c), ct)).Operations, top: 14);

        progress("partner booking: waiting for the free-door model to hold every promise");
        var caughtUp = await PromisesCaughtUpAsync(db, primed.Total201 + alone.Total201 + statuses.Total201 + traced.Total201, ct);
        return new Outcome(book, single, alone, raw, rawHttp, statuses, seed, caughtUp, Mix, commands, cpu, profile);
    }

    private const string Mix = "50% province + city + size; 30% + area, size, 1 in 10 insulated; 20% a bank's full address, size, " +
                               "attribute none/insulated/vertical by thirds (the banks' layouts decide which can be met); a new 16-digit order number each";

    private readonly Random[] _rngs = Enumerable.Range(0, 1024).Select(i => new Random(1000 + i)).ToArray();

    private Random Rng(int worker) => _rngs[worker % _rngs.Length];

    /// <summary>One booking request of <see cref="Mix"/>, as the JSON body the contract names.</summary>
    private static byte[] Body(LockerData data, Random rng, string order)
    {
        var b = data.Banks[rng.Next(data.Banks.Length)];
        var size = "LMS"[rng.Next(3)].ToString();
        var roll = rng.Next(10);
        string? area = null, street = null, place = null, attribute = null;
        if (roll >= 5)
        {
            area = LockerData.Area(b.Area);
            if (roll < 8)
            {
                if (rng.Next(10) == 0) attribute = "insulated";
            }
            else
            {
                street = LockerData.Street(b.Street);
                place = LockerData.Place(b.Place);
                attribute = rng.Next(3) switch
                {
                    0 => null,
                    1 => "insulated",
                    _ => "vertical",
                };
            }
        }
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            province = LockerData.Province(b.Province), city = LockerData.City(b.Province, b.City), area, street, place,
            orderNumber = order, recipientName = "张三", recipientPhone = $"138{rng.Next(100_000_000):D8}", size, attribute,
        }, Json);
    }

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
}
