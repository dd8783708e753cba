using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cabinets.Api.Commands;
using Cabinets.Api.Stations;
using Cabinets.Domain.Stations.Orders;
using Cabinets.Domain.Stations.Reference;
using Cabinets.Projections.Stations.OrderLines;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cabinets.Station.Bench;

/// <summary>
/// `POST /station/order/create` with N lines through the whole Api in this process (HTTP, bearer
/// auth, Idempotency-Key filter, the Wolverine handler with its lookups, the decider, Marten's
/// append and inline snapshot, and the async order-lines projection running behind), from
/// <c>clients</c> concurrent HTTP clients, against `POST /bench/raw-insert` with the same bodies
/// (one raw Npgsql INSERT and its COMMIT per request, same server, pool and HTTP stack).
/// </summary>
internal sealed class OrderCreateBenchmark(BenchServer server, BenchSettings settings)
{
    private const string Password = "station bench battery staple";
    private const int Station = 0; // T7936, the admin's default station
    private const int Bodies = 512;
    private const int TaxRules = 4;

    public sealed record Outcome(Measurement Create, Measurement Direct, Measurement Raw, string Note, string DirectNote, string Seed);

    public async Task<Outcome> RunAsync(Action<string> progress, CancellationToken ct)
    {
        var connectionString = await server.CreateDatabaseAsync("bench_create", ct);
        progress("order create: starting the Api in-process (schema, Wolverine, daemon)");
        var started = Stopwatch.StartNew();
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:EventStore"] = connectionString,
            ["Admin:BootstrapPassword"] = Password,
            ["Bench:RawInsert"] = "true",
            ["Stations:DefaultStationId"] = OrderLineData.StationId(Station),
        }, ct);
        progress($"order create: Api ready at {api.Address} after {started.Elapsed.TotalSeconds:0.0} s");

        started.Restart();
        var merchants = OrderLineData.MerchantsOf(Station);
        var skus = OrderLineData.SkusOf(Station);
        await SeedAsync(api.Services, merchants, skus, ct);
        var seed = $"{merchants.Length} merchants + {skus.Length:N0} SKUs through UpsertStationMerchant/UpsertStationSku in {started.Elapsed.TotalSeconds:0.0} s";
        progress($"order create: seeded {seed}");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Clients * 2, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = api.Address, Timeout = TimeSpan.FromMinutes(2),
        };
        var token = await SignInAsync(http, ct);
        await CreateTaxRulesAsync(http, token, merchants, skus, ct);
        var requests = BuildRequests(merchants, skus);
        var db = api.Services.GetRequiredService<NpgsqlDataSource>();

        progress($"order create: baseline POST /bench/raw-insert, {settings.Clients} clients");
        var raw = await TimedRun.RunAsync(settings.Clients, settings.WarmUp, settings.Measured, (w, c) => RawAsync(http, requests[Next(w) % Bodies].Body, c), ct);

        progress($"order create: POST /station/order/create with {settings.OrderLines} lines, {settings.Clients} clients" +
                 (settings.Idempotency ? ", Idempotency-Key on each" : ""));
        var failures = new Failures();
        var create = await TimedRun.RunAsync(settings.Clients, settings.WarmUp, settings.Measured,
            (w, c) => CreateAsync(http, token, requests[Next(w) % Bodies].Body, failures, c), ct);
        progress("order create: waiting for the async order-lines projection to catch up");
        var caughtUp = await CatchUpAsync(db, failures.Succeeded, ct);
        var commands = await NpgsqlCommands.CountAsync("create", () => CreateAsync(http, token, requests[0].Body, failures, ct));
        var note = $"{failures.Describe()}; async order-lines projection {caughtUp}; Npgsql commands in one create (daemon polls included): {commands}";

        progress($"order create: the same commands straight to CommandSender (no HTTP), {settings.Clients} callers");
        var sender = api.Services.GetRequiredService<CommandSender>();
        var directFailures = new Failures();
        var direct = await TimedRun.RunAsync(settings.Clients, settings.WarmUp, settings.Measured,
            (w, c) => DirectAsync(sender, db, requests[Next(w) % Bodies], directFailures, settings.OrderLines, c), ct);
        var directCommands = await NpgsqlCommands.CountAsync("direct", () => DirectAsync(sender, db, requests[0], directFailures, settings.OrderLines, ct));
        var directNote = $"{directFailures.Describe()}; Npgsql commands in one create: {directCommands}";
        return new Outcome(create, direct, raw, note, directNote, seed);
    }

    private readonly int[] _next = new int[1024];

    private int Next(int worker) => worker * 131 + _next[worker % _next.Length]++;

    /// <summary>Reference data through the real commands (no GraphQL mutation for it yet), four at a time.</summary>
    private static async Task SeedAsync(IServiceProvider services, OrderLineData.Merchant[] merchants, OrderLineData.Sku[] skus, CancellationToken ct)
    {
        var sender = services.GetRequiredService<CommandSender>();
        var context = new CommandContext(new Actor("bench", "admin", "bench"));
        var now = DateTimeOffset.UtcNow;
        var station = OrderLineData.StationId(Station);
        var commands = merchants.Select(m => (object)new UpsertStationMerchant(new StationMerchant(station, m.AddressId, m.Uid, m.Resname, "北京市朝阳区望京街1号",
                "张三", "13800000000", m.RouteId, m.RouteName, "110105", "朝阳", "北京", "朝阳", "望京", null, null, null, 1), now))
            .Concat(skus.Select(k => (object)new UpsertStationSku(new StationSku(station, k.SkuId, k.SpuId, k.Name, k.Name, k.Unit, k.Unit, k.SaleRatio,
                k.Price, k.IsWeigh, true, k.Salemenu, $"菜单{k.Salemenu[1..]}", k.Category1, "一级", k.Category2, "二级", k.Pinlei, "品类", k.OuterId,
                null, null, null), now)));
        await Parallel.ForEachAsync(commands, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (command, c) =>
        {
            var outcome = await sender.SendAsync(command, context, c);
            if (outcome is not CommandOutcome.Accepted) throw new InvalidOperationException($"seeding {command.GetType().Name} failed: {outcome}");
        });
    }

    private static async Task<string> SignInAsync(HttpClient http, CancellationToken ct)
    {
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = Password }, ct);
        login.EnsureSuccessStatusCode();
        using var answer = JsonDocument.Parse(await login.Content.ReadAsStringAsync(ct));
        return answer.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>A few rules over disjoint merchants, so lines capture rates the way they do in use.</summary>
    private static async Task CreateTaxRulesAsync(HttpClient http, string token, OrderLineData.Merchant[] merchants, OrderLineData.Sku[] skus, CancellationToken ct)
    {
        var spus = skus.Select(k => k.SpuId).Distinct().ToArray();
        string[] rates = ["9", "13", "3", "0"];
        for (var r = 0; r < TaxRules; r++)
        {
            var per = merchants.Length / TaxRules / 2;
            using var request = new HttpRequestMessage(HttpMethod.Post, "/station/tax/tax_rule/create")
            {
                Content = JsonContent.Create(new
                {
                    tax_name = $"bench rule {r}", status = 1,
                    address = merchants.Skip(r * per).Take(per).Select(m => new { address_id = m.AddressId, address_name = m.Resname }),
                    spu = spus.Skip(r * 100).Take(200).Select(s => new { spu_id = s, spu_name = s, tax_rate = rates[r] }),
                }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, ct);
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            if (answer.RootElement.GetProperty("code").GetInt32() != 0) throw new InvalidOperationException($"tax rule {r} refused: {answer.RootElement}");
        }
    }

    /// <summary>One create as a station's client sends it: a merchant, a receive window, N distinct SKUs with their SPUs.</summary>
    private sealed record OrderRequest(OrderLineData.Merchant Merchant, string Day, string TimeConfigId, IReadOnlyList<LineRequest> Lines, byte[] Body);

    private OrderRequest[] BuildRequests(OrderLineData.Merchant[] merchants, OrderLineData.Sku[] skus)
    {
        var rng = new Random(99);
        return Enumerable.Range(0, Bodies).Select(_ =>
        {
            var m = merchants[rng.Next(merchants.Length)];
            var day = new DateOnly(2026, 12, 20).AddDays(rng.Next(10)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var config = $"ST{1 + rng.Next(3)}";
            var picked = new HashSet<int>();
            while (picked.Count < settings.OrderLines) picked.Add((int)(Math.Pow(rng.NextDouble(), 2) * skus.Length));
            var lines = picked.Select(k => skus[k]).Select(k => new LineRequest(k.SkuId, k.SpuId,
                k.IsWeigh ? Math.Round((decimal)(0.5 + rng.NextDouble() * 20), 2) : 1 + rng.Next(20), k.Price, rng.Next(30) == 0, null)).ToList();
            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                address_id = m.AddressId, uid = m.Uid, receive_begin_time = $"{day} 06:00", receive_end_time = $"{day} 12:00",
                time_config_id = config, force = 0, remark = "bench",
                details = lines.Select(l => new
                {
                    sku_id = l.SkuId, spu_id = l.SpuId, amount = l.Quantity,
                    unit_price = (l.UnitPrice!.Value / 100m).ToString("0.00", CultureInfo.InvariantCulture), is_price_timing = l.IsPriceTiming ? 1 : 0,
                }),
            });
            return new OrderRequest(m, day, config, lines, body);
        }).ToArray();
    }

    /// <summary>The same create without HTTP: the command the endpoint would send, straight to its Wolverine handler.</summary>
    private static async Task<int> DirectAsync(CommandSender sender, NpgsqlDataSource db, OrderRequest r, Failures failures, int lines, CancellationToken ct)
    {
        await using var next = db.CreateCommand("select nextval('stations.order_numbers')");
        var orderId = $"PL{Convert.ToInt64(await next.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture)}";
        var outcome = await sender.SendAsync(new CreateStationOrder(orderId, OrderLineData.StationId(Station), r.Merchant.AddressId, r.Merchant.Uid,
            StationMoney.ParseLocalMinutes($"{r.Day} 06:00")!.Value, StationMoney.ParseLocalMinutes($"{r.Day} 12:00")!.Value, r.TimeConfigId, "bench", null,
            r.Lines, OrderContexts.Empty, DateTimeOffset.UtcNow), new CommandContext(new Actor("admin", "admin", "bench")), ct);
        if (outcome is CommandOutcome.Accepted { Answer: OrderLinesAnswer { SuccessSkuIds.Count: var ok } } && ok == lines)
        {
            failures.Success();
            return 1;
        }
        failures.Add($"direct: {outcome}");
        return 0;
    }

    private static async Task<int> RawAsync(HttpClient http, byte[] body, CancellationToken ct)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("/bench/raw-insert", content, ct);
        await response.Content.ReadAsByteArrayAsync(ct);
        return response.IsSuccessStatusCode ? 1 : 0;
    }

    private async Task<int> CreateAsync(HttpClient http, string token, byte[] body, Failures failures, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/station/order/create") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (settings.Idempotency) request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsByteArrayAsync(ct);
        try
        {
            using var answer = JsonDocument.Parse(text);
            var root = answer.RootElement;
            var code = root.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : (int)response.StatusCode;
            if (code == 0 && root.GetProperty("data").GetProperty("new_order_ids").GetArrayLength() == 1
                          && root.GetProperty("data").GetProperty("success_sku_ids").GetArrayLength() == settings.OrderLines)
            {
                failures.Success();
                return 1;
            }
            failures.Add($"code {code}: {root.GetProperty("msg")}");
        }
        catch (JsonException)
        {
            failures.Add($"HTTP {(int)response.StatusCode}");
        }
        return 0;
    }

    /// <summary>Waits until the flat tables hold every created order (at most 2 minutes): how long after the run that took.</summary>
    private static async Task<string> CatchUpAsync(NpgsqlDataSource db, long orders, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        long seen = 0;
        while (sw.Elapsed < TimeSpan.FromMinutes(2))
        {
            await using var cmd = db.CreateCommand($"select count(*) from {StationOrderLineTables.Schema}.station_orders");
            seen = (long)(await cmd.ExecuteScalarAsync(ct))!;
            if (seen >= orders) return string.Create(CultureInfo.InvariantCulture, $"caught up {sw.Elapsed.TotalSeconds:0.0} s after the run");
            await Task.Delay(100, ct);
        }
        return $"NOT caught up after 2 min ({seen:N0} of {orders:N0} orders)";
    }

    private sealed class Failures
    {
        private readonly Dictionary<string, int> _kinds = [];
        private long _ok;

        public long Succeeded => Interlocked.Read(ref _ok);

        public void Success() => Interlocked.Increment(ref _ok);

        public void Add(string kind)
        {
            lock (_kinds) _kinds[kind] = _kinds.GetValueOrDefault(kind) + 1;
        }

        public string Describe()
        {
            lock (_kinds)
                return _kinds.Count == 0
                    ? $"{Succeeded:N0} orders created, no failure"
                    : $"{Succeeded:N0} orders created; FAILED: " + string.Join(", ", _kinds.Select(k => $"{k.Value} x {k.Key}"));
        }
    }
}
