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

/// <summary>Before the timed booking cases: banks provisioned through the real commands, the async model caught up, a partner registered.</summary>
internal sealed partial class PartnerBookingBenchmark
{

    /// <summary>Every bank through the real commands, four banks at a time: its site, its bank, its 60 doors, then the doors it reports occupied.</summary>
    private static async Task<(long Doors, long Free)> ProvisionAsync(IServiceProvider services, LockerData data, CancellationToken ct)
    {
        var sender = services.GetRequiredService<CommandSender>();
        long doors = 0, free = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, data.Banks.Length), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (i, c) =>
        {
            var b = data.Banks[i];
            var serial = LockerData.Serial(i);
            var now = DateTimeOffset.UtcNow;
            var admin = new CommandContext(new Actor("admin", "admin", "bench"));
            var firmware = new CommandContext(new Actor(serial, "firmware", "ibs"));
            var site = new Site(LockerData.Province(b.Province), LockerData.City(b.Province, b.City), LockerData.Area(b.Area), LockerData.Street(b.Street),
                LockerData.Place(b.Place), "阳光小区", null);
            var registrations = new List<DoorRegistration>();
            foreach (var (kind, count) in LockerData.Layouts[b.Layout].Doors)
                for (var k = 0; k < count; k++)
                {
                    var n = registrations.Count;
                    registrations.Add(new DoorRegistration(n / LockerData.DoorsPerCabinet, n + 1, new DoorAttributes(DoorSizeCodes.Parse(kind.Size), kind.Insulated, kind.Vertical)));
                }
            var rng = new Random(unchecked(77_000_001 + i * 104_729));
            var occupied = registrations.Where(_ => rng.NextDouble() < b.Utilisation).Select(d => new DoorStatusReport(d.DoorNumber, true)).ToList();
            Check(await sender.SendAsync(new ProvisionCabinet(serial, site, now), admin, c), serial);
            Check(await sender.SendAsync(new RegisterCabinetBank(serial, "快递柜", [1, 2], now), firmware, c), serial);
            Check(await sender.SendAsync(new RegisterDoors(serial, registrations, now), firmware, c), serial);
            if (occupied.Count > 0) Check(await sender.SendAsync(new ReportDoorStatus(serial, occupied, now), firmware, c), serial);
            Interlocked.Add(ref doors, registrations.Count);
            Interlocked.Add(ref free, registrations.Count - occupied.Count);
        });
        return (doors, free);
    }

    private static void Check(CommandOutcome outcome, string serial)
    {
        if (outcome is not CommandOutcome.Accepted) throw new InvalidOperationException($"provisioning {serial} failed: {outcome}");
    }

    /// <summary>Waits (at most 5 minutes) until the async model counts every bank and every free door.</summary>
    private static async Task<string> ModelCaughtUpAsync(NpgsqlDataSource db, int banks, long free, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        (long Banks, long Free) seen = (0, 0);
        while (sw.Elapsed < TimeSpan.FromMinutes(5))
        {
            await using var cmd = db.CreateCommand($"select count(distinct serial_number), coalesce(sum(free), 0) from {Rm}.free_door_counts");
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                await r.ReadAsync(ct);
                seen = (r.GetInt64(0), r.GetInt64(1));
            }
            if (seen.Banks == banks && seen.Free == free)
                return string.Create(CultureInfo.InvariantCulture, $"caught up {sw.Elapsed.TotalSeconds:0.0} s after the last command");
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"the free-door model did not catch up within 5 minutes ({seen.Banks:N0} of {banks:N0} banks, {seen.Free:N0} of {free:N0} free doors)");
    }

    /// <summary>Waits (at most 2 minutes) until the model's promised capacity holds every 201 of the run (warm-up included).</summary>
    private static async Task<string> PromisesCaughtUpAsync(NpgsqlDataSource db, long created, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        long seen = 0;
        while (sw.Elapsed < TimeSpan.FromMinutes(2))
        {
            await using var cmd = db.CreateCommand($"select coalesce(sum(promised), 0) from {Rm}.free_door_counts");
            seen = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            if (seen >= created)
                return string.Create(CultureInfo.InvariantCulture,
                    $"the free-door model held all {created:N0} bookings (warm-up included) as promised capacity {sw.Elapsed.TotalSeconds:0.0} s after the run ({seen:N0})");
            await Task.Delay(200, ct);
        }
        return string.Create(CultureInfo.InvariantCulture, $"the free-door model did NOT catch up within 2 min: {seen:N0} promised for {created:N0} bookings");
    }

    private static async Task<(string PartnerId, string Secret)> RegisterPartnerAsync(HttpClient http, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query = "mutation { registerPartner(name: \"bench courier\") { partnerId secret authCode } }" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        using var answer = JsonDocument.Parse(text);
        if (!answer.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException($"registerPartner failed: {text}");
        var credentials = data.GetProperty("registerPartner");
        return (credentials.GetProperty("partnerId").GetString()!, credentials.GetProperty("secret").GetString()!);
    }
}
