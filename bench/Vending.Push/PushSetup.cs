using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cabinets.Api.Commands;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Users;
using Cabinets.Projections.Vending.Sessions;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Vending.Push;

/// <summary>
/// Before the timed cases, as VendingFixture does it: the catalog as its events (store S001, the
/// devices bound and online, P100/P200/P300), then one user per push signed in through the
/// mini-program REST, given tickets by <see cref="AdjustTickets"/>, with a ticket session opened
/// through `POST /api/app/sessions`; the door opens through the outbox and the file vendor adapter.
/// A user has one session at a time (§1.5, the scan check), a device any number, so the sessions
/// are spread over <c>devices</c> devices only to look like a store.
/// </summary>
internal static class PushSetup
{
    public const string Store = "S001";
    public const long Tickets = 40_000; // more than the dearest push (6,600 fen = 33,000 tickets)

    public static string Device(int index, int devices) => string.Create(CultureInfo.InvariantCulture, $"D{index % devices + 1:D3}");

    public static async Task SeedCatalogAsync(IServiceProvider services, int devices, CancellationToken ct)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var now = DateTimeOffset.UtcNow.AddDays(-1);
        await using var session = store.LightweightSession();
        session.Events.StartStream(VendingEventNames.Store(Store), new StoreRegistered(Store, "小麦儿童乐园", StoreType.Kids, StoreProperty.Direct, "上海", "021-1", 20000, now));
        foreach (var device in Enumerable.Range(0, devices).Select(i => Device(i, devices)))
            session.Events.StartStream(VendingEventNames.Device(device),
                new DeviceRegistered(device, Store, $"vending:device:{device}", now),
                new DeviceBindRequested(device, Store, $"VB-{device}", now),
                new DeviceBound(device, Store, now),
                new DeviceStatusChanged(device, DeviceOnlineStatus.Offline, DeviceOnlineStatus.Online, now, now));
        foreach (var (code, name, price) in PushCalls.Products)
            session.Events.StartStream(VendingEventNames.Product(code), new ProductSynced(code, name, price, "食品", ProductStatus.Enabled, now, null, now));
        await session.SaveChangesAsync(ct);
    }

    /// <summary>Every seat: login, tickets, a session started (not yet opened), <c>parallelism</c> users at a time.</summary>
    public static async Task<Seat[]> SeatsAsync(HttpClient http, IServiceProvider services, PushSettings settings, Action<string> progress, CancellationToken ct)
    {
        var seats = new Seat[settings.Sessions];
        var sender = services.GetRequiredService<CommandSender>();
        var admin = new CommandContext(new Actor("admin", "admin", "bench"));
        var done = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, seats.Length), new ParallelOptions { MaxDegreeOfParallelism = settings.SetupParallelism, CancellationToken = ct }, async (i, c) =>
        {
            var code = string.Create(CultureInfo.InvariantCulture, $"push-bench-{i}");
            using var login = await http.PostAsJsonAsync("/api/app/login", new { code, phoneCode = "phone-" + code }, c);
            var answer = await AnswerAsync(login, 200, "login", c);
            var userId = answer.GetProperty("user").GetProperty("userId").GetString()!;
            var token = answer.GetProperty("token").GetString()!;
            if (await sender.SendAsync(new AdjustTickets(userId, Tickets, "bench", DateTimeOffset.UtcNow), admin, c) is not CommandOutcome.Accepted)
                throw new InvalidOperationException($"AdjustTickets for {userId} was not accepted");

            var device = Device(i, settings.Devices);
            using var start = new HttpRequestMessage(HttpMethod.Post, "/api/app/sessions")
            {
                Content = JsonContent.Create(new { qrCode = $"vending:device:{device}", paymentType = "TICKETS" }),
            };
            start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            start.Headers.TryAddWithoutValidation("Idempotency-Key", code); // VENDING.md §4.5 (K): a session's POST carries one
            using var started = await http.SendAsync(start, c);
            var sessionNo = (await AnswerAsync(started, 202, "start session", c)).GetProperty("sessionNo").GetString()!;
            seats[i] = new Seat(i, userId, sessionNo, device);
            var n = Interlocked.Increment(ref done);
            if (n % 1000 == 0) progress(string.Create(CultureInfo.InvariantCulture, $"setup: {n:N0} of {seats.Length:N0} users with a session started ({n / clock.Elapsed.TotalSeconds:0} per s)"));
        });
        return seats;
    }

    private static async Task<JsonElement> AnswerAsync(HttpResponseMessage response, int expected, string what, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if ((int)response.StatusCode != expected) throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Waits (at most 5 minutes) until the vendor's open-door has come back for every session, then checks each is OPENED.</summary>
    public static async Task<string> OpenedAsync(IDocumentStore store, Seat[] seats, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var opened = 0;
        while (true)
        {
            await using (var query = store.QuerySession())
            {
                opened = await StoredEvents.CountAsync<DoorOpened>(query, ct);
                if (await StoredEvents.CountAsync<DoorOpenFailed>(query, ct) is > 0 and var failed)
                    throw new InvalidOperationException($"{failed:N0} doors did not open");
            }
            if (opened >= seats.Length) break;
            if (sw.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException($"only {opened:N0} of {seats.Length:N0} doors opened within 5 minutes");
            await Task.Delay(200, ct);
        }
        var waited = sw.Elapsed;
        var notOpened = 0;
        await using (var query = store.QuerySession())
            foreach (var chunk in seats.Chunk(500))
            {
                var snapshots = await query.LoadManyAsync<VendingSessionSnapshot>(ct, chunk.Select(s => VendingEventNames.Session(s.SessionNo)).ToArray());
                notOpened += chunk.Length - snapshots.Count(s => s.State?.Status == VendingSessionStatus.Opened);
            }
        if (notOpened > 0) throw new InvalidOperationException($"{notOpened:N0} sessions are not OPENED");
        return string.Create(CultureInfo.InvariantCulture, $"all {seats.Length:N0} sessions OPENED {waited.TotalSeconds:0.0} s after the last start");
    }
}
