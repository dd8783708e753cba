using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cabinets.Api.Commands;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Users;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests.Vending;

/// <summary>
/// VENDING.md §5's fixture, over the development adapters (vendor and WeChat as file journals that
/// accept every call): store S001 (limit 20000) with devices D001, D002 bound and online; products
/// P100 牛奶 1250, P200 薯片 600, P300 果汁 350. The catalog is seeded as its events (its own surfaces
/// are tested apart); users sign in through the mini-program REST and get their tickets by adjustment.
/// </summary>
public class VendingFixture : ApiFixture
{
    public const string VendorId = "wheat";
    public const string VendorSecret = "wheat-test-secret";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task>> once = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(OutsideSettings)
    {
        ["Vendor:PartnerId"] = VendorId,
        ["Vendor:Secret"] = VendorSecret,
        ["Vending:ScheduleEnabled"] = "false",
    };

    /// <summary>What a fixture over fake outside servers adds (their providers, base URLs and keys).</summary>
    protected virtual IReadOnlyDictionary<string, string> OutsideSettings { get; } = new Dictionary<string, string>();

    /// <summary>Called before a user signs in with these codes (a fake WeChat maps them to an openid and a phone).</summary>
    protected virtual void BeforeLogin(string code, string phoneCode) { }

    public Task SeedAsync() => once.GetOrAdd("seed", _ => new Lazy<Task>(SeedCatalogAsync)).Value;

    private async Task SeedCatalogAsync()
    {
        var store = Services.GetRequiredService<IDocumentStore>();
        var now = DateTimeOffset.UtcNow.AddDays(-1);
        await using var session = store.LightweightSession();
        session.Events.StartStream(VendingEventNames.Store("S001"), new StoreRegistered("S001", "小麦儿童乐园", StoreType.Kids, StoreProperty.Direct, "上海", "021-1", 20000, now));
        foreach (var device in new[] { "D001", "D002" }) StartDevice(session, device, now);
        foreach (var (code, name, price) in new[] { ("P100", "牛奶", 1250L), ("P200", "薯片", 600L), ("P300", "果汁", 350L) })
            session.Events.StartStream(VendingEventNames.Product(code), new ProductSynced(code, name, price, "食品", ProductStatus.Enabled, now, null, now));
        await session.SaveChangesAsync();
    }

    private static void StartDevice(IDocumentSession session, string device, DateTimeOffset now, string storeCode = "S001") =>
        session.Events.StartStream(VendingEventNames.Device(device),
            new DeviceRegistered(device, storeCode, $"vending:device:{device}", now),
            new DeviceBindRequested(device, storeCode, $"VB-{device}", now),
            new DeviceBound(device, storeCode, now),
            new DeviceStatusChanged(device, DeviceOnlineStatus.Offline, DeviceOnlineStatus.Online, now, now));

    /// <summary>Another device of <paramref name="storeCode"/>, bound and online since yesterday, for a test that changes its status.</summary>
    public async Task<string> DeviceAsync(string storeCode = "S001")
    {
        await SeedAsync();
        var code = "D" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await using var session = Services.GetRequiredService<IDocumentStore>().LightweightSession();
        StartDevice(session, code, DateTimeOffset.UtcNow.AddDays(-1), storeCode);
        await session.SaveChangesAsync();
        return code;
    }

    /// <summary>A store of its own (limit 20000), for a test whose totals no other test may touch.</summary>
    public async Task<string> StoreAsync()
    {
        await SeedAsync();
        var code = "S" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await using var session = Services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Events.StartStream(VendingEventNames.Store(code), new StoreRegistered(code, "小麦运动馆", StoreType.Sports, StoreProperty.Direct, "上海", "021-2", 20000,
            DateTimeOffset.UtcNow.AddDays(-1)));
        await session.SaveChangesAsync();
        return code;
    }

    /// <summary>A new mini-program user (the file mini-program makes an openid of the code) with <paramref name="tickets"/>.</summary>
    public async Task<AppUser> UserAsync(long tickets)
    {
        await SeedAsync();
        var http = Http();
        var code = "code-" + Guid.NewGuid().ToString("N");
        BeforeLogin(code, "phone-" + code);
        var login = await http.PostAsJsonAsync("/api/app/login", new { code, phoneCode = "phone-" + code });
        var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement;
        login.IsSuccessStatusCode.ShouldBeTrue(body.ToString());
        var userId = body.GetProperty("user").GetProperty("userId").GetString()!;
        http.DefaultRequestHeaders.Authorization = new("Bearer", body.GetProperty("token").GetString());
        if (tickets > 0)
            (await Services.GetRequiredService<CommandSender>().SendAsync(new AdjustTickets(userId, tickets, "fixture", DateTimeOffset.UtcNow),
                new CommandContext(new Actor("admin", "admin", "test")))).ShouldBeOfType<CommandOutcome.Accepted>();
        return new AppUser(userId, http, code);
    }

    /// <summary>Pushes a vendor order (signed) and checks it was taken with <paramref name="expectedStatus"/>; its order number.</summary>
    public async Task<string> PushOrderAsync(object push, string expectedStatus)
    {
        var response = await VendorPostAsync("/api/vendors/wheat/orders", push);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, text);
        var body = JsonDocument.Parse(text).RootElement;
        body.GetProperty("status").GetString().ShouldBe(expectedStatus);
        return body.GetProperty("orderNo").GetString()!;
    }

    /// <summary>A signed vendor request (VENDING.md §4.1), optionally with a wrong signature, an old timestamp or a given nonce.</summary>
    public Task<HttpResponseMessage> VendorPostAsync(string path, object body, string? nonce = null, int ageSeconds = 0, bool wrongSignature = false)
    {
        var json = JsonSerializer.Serialize(body);
        var bytes = Encoding.UTF8.GetBytes(json);
        var timestamp = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - ageSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        nonce ??= Guid.NewGuid().ToString("N");
        var canonical = $"POST\n{path}\n{timestamp}\n{nonce}\n{Convert.ToHexStringLower(SHA256.HashData(bytes))}";
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(wrongSignature ? "not-the-secret" : VendorSecret), Encoding.UTF8.GetBytes(canonical)));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Partner-Id", VendorId);
        request.Headers.Add("X-Timestamp", timestamp);
        request.Headers.Add("X-Nonce", nonce);
        request.Headers.Add("X-Signature", signature);
        return Http().SendAsync(request);
    }
}

/// <summary>A signed-in mini-program user; <see cref="Code"/> is the login code its openid was made of.</summary>
public sealed record AppUser(string UserId, HttpClient Http, string Code)
{
    public async Task<JsonElement> GetAsync(string path)
    {
        var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Posts as the mini-program does: each new request with a new `Idempotency-Key` (or <paramref name="idempotencyKey"/>, to send one again).</summary>
    public async Task<(int Status, JsonElement Body)> PostAsync(string path, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString());
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }

    /// <summary>Starts a session and waits (on its state, through the app) until the vendor confirmed the door opened.</summary>
    public async Task<string> OpenDoorAsync(string qrCode, string paymentType)
    {
        var (status, body) = await PostAsync("/api/app/sessions", new { qrCode, paymentType });
        status.ShouldBe(202, body.ToString());
        var sessionNo = body.GetProperty("sessionNo").GetString()!;
        for (var i = 0; i < 400; i++)
        {
            var session = await GetAsync($"/api/app/sessions/{sessionNo}");
            if (session.GetProperty("status").GetString() == "OPENED") return sessionNo;
            session.GetProperty("status").GetString().ShouldNotBe("FAILED", session.ToString());
            await Task.Delay(25);
        }
        throw new TimeoutException($"session {sessionNo} did not open");
    }
}
