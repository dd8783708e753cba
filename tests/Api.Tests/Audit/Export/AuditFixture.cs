using Alba;
using Cabinets.Api.Access;
using Cabinets.Api.Cli;
using Cabinets.Api.Commands;
using Cabinets.Api.Lockers.Parcels;
using Cabinets.Api.Tests.GraphQL;
using Cabinets.Api.Tests.Lockers.Parcels;
using Cabinets.Api.Tests.Stations;
using Cabinets.Domain.Access.AdminUsers;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Domain.Stations.Reference;
using Cabinets.Testing;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests.Audit.Export;

/// <summary>
/// A history across every module that has landed, made through the real surfaces: cabinets and
/// doors by command, a parcel booked, deposited and picked up over IBS, a partner registered
/// over GraphQL, station reference data, a tax rule and orders over the station REST.
/// </summary>
public sealed class AuditFixture : ParcelFixture
{
    public const string Serial = "AUD-0001";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _seeded;

    public string Place => "审计园";

    public async Task SeededAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (!_seeded) await SeedAsync();
            _seeded = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SeedAsync()
    {
        var now = Clock.GetUtcNow();
        await InstallAsync(Serial, SiteAt(Place), "0,1,64", "0,2,32", "0,3,72");
        (await SendAsync(new ProvisionCabinet("AUD-0002", SiteAt("审计园二"), now))).ShouldBeOfType<CommandOutcome.Accepted>();
        (await SendAsync(new RegisterCabinetBank("AUD-0002", "快递柜", [0], now))).ShouldBeOfType<CommandOutcome.Accepted>();
        (await SendAsync(new RegisterDoors("AUD-0002", [new DoorRegistration(0, 1, new DoorAttributes(DoorSize.Small, false, false)),
            new DoorRegistration(0, 2, new DoorAttributes(DoorSize.Large, true, false))], now))).ShouldBeOfType<CommandOutcome.Accepted>();
        (await SendAsync(new ReportDoorStatus("AUD-0002", [new DoorStatusReport(1, true)], now))).ShouldBeOfType<CommandOutcome.Accepted>();
        await CaughtUpAsync();

        var booked = (await BookAsync(Place, "5550001111")).ShouldBeOfType<BookingResult.Booked>();
        (await BookAsync(Place, "5550002222", phone: "13900001111")).ShouldBeOfType<BookingResult.Booked>();
        var firmware = Firmware();
        (await firmware.SendAsync("recieve_verify_num", new { verify_num = "402913", series_num = Serial, order_num = "5550001111", single_code = "2" }))
            .Code.ShouldBe(0);
        (await firmware.SendAsync("take_by_verify_num", new { verify_num = "402913", series_num = Serial })).Code.ShouldBe(0);
        (await ParcelAsync(booked.RecordNumber))!.Status.ShouldBe("PICKED_UP");

        using var admin = await AdminAsync();
        (await admin.PostGraphQLAsync("mutation { registerPartner(name: \"审计速运\") { partnerId } }")).Errors.ShouldBeEmpty();

        var context = new CommandContext(new Actor("admin", "admin", "test"));
        var commands = Services.GetRequiredService<CommandSender>();
        await commands.SendAsync(new UpsertStationMerchant(new StationMerchant(StationFixture.Station, 217824, 231367, "测试店铺0812分店", "北京市朝阳区", "张三",
            "13800000000", 1, "一号线", "110105", "朝阳", "北京", "朝阳", "望京", null, null, null, 1), now), context);
        await commands.SendAsync(new UpsertStationSku(new StationSku(StationFixture.Station, "D11862266", "C2473562", "测试牛奶1", "测试牛奶1", "瓶", "瓶", 1m, 100,
            false, true, "S1", "菜单", "c1", "一级", "c2", "二级", "p1", "品类", null, null, null, null), now), context);
        var station = new StationClient(await AdminAsync());
        await station.RuleAsync(217824, "C2473562", "45");
        await station.OrderAsync(217824, 231367, StationClient.Line("D11862266", "C2473562", 2, "11.84"));
        await station.OrderAsync(217824, 231367, StationClient.Line("D11862266", "C2473562", 1, "9.99"));
        await CaughtUpAsync();
    }

    /// <summary>An operator: signed in, but without `audit.read`.</summary>
    public async Task<HttpClient> OperatorAsync()
    {
        var hash = Services.GetRequiredService<PasswordHasher>().Hash(AdminPassword);
        await SendAsync(new CreateAdminUser("audit-operator", hash, [Domain.Access.Roles.Operator], Clock.GetUtcNow()));
        var http = Http();
        var login = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "/api/auth/login", new { username = "audit-operator", password = AdminPassword });
        login.EnsureSuccessStatusCode();
        var token = System.Text.Json.JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    /// <summary>The CLI's entry, in-process against <paramref name="host"/>'s services (this fixture's when null).</summary>
    public async Task<(int Code, string Out, string Err)> CliAsync(IAlbaHost? host, params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliCommands.RunAsync((host ?? Host).Services, args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A second Api on a database of its own, empty: no bootstrap admin, nothing appended.</summary>
    public async Task<EmptyStore> EmptyStoreAsync()
    {
        var connection = await PostgresServer.CreateDatabaseAsync("import");
        var host = await AlbaHost.For<Program>(b => Configure(b, connection, new Dictionary<string, string> { ["Admin:BootstrapPassword"] = "" }));
        await WaitUntilReadyAsync(host.Server.CreateClient());
        return new EmptyStore(host, connection);
    }

    public sealed class EmptyStore(IAlbaHost host, string connectionString) : IAsyncDisposable
    {
        public IAlbaHost Host { get; } = host;

        public string ConnectionString { get; } = connectionString;

        public Task CaughtUpAsync() => Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await PostgresServer.DropDatabaseAsync(ConnectionString);
        }
    }
}
