using System.Text.Json;
using Cabinets.Api.Commands;
using Cabinets.Api.Tests.GraphQL;
using Cabinets.Domain.Lockers.Cabinets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cabinets.Api.Tests.Lockers.Partners;

/// <summary>The Api with two provisioned banks at two sites, and partners registered through the admin GraphQL.</summary>
public class PartnersFixture : ApiFixture
{
    public static readonly Site Park = new("广东省", "深圳市", "南山区", "粤海街道", "科技园", "阳光小区", "东门");
    public static readonly Site Harbour = new("广东省", "深圳市", "福田区", "沙头街道", "海港城", "海港小区", null);

    private Task<HttpClient>? admin;
    private Task? banks;

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IStartupFilter, WireTarget>();

    public Task<HttpClient> AdminClientAsync() => admin ??= AdminAsync();

    /// <summary>Bank PTN-A at the park: 8 large, 4 medium, 1 medium insulated; bank PTN-B at the harbour: 1 small vertical. Counted by the free-door model.</summary>
    public Task BanksAsync() => banks ??= InstallBanksAsync();

    private async Task InstallBanksAsync()
    {
        await InstallAsync("PTN-A", Park, [.. Enumerable.Repeat(new DoorAttributes(DoorSize.Large, false, false), 8),
            .. Enumerable.Repeat(new DoorAttributes(DoorSize.Medium, false, false), 4), new DoorAttributes(DoorSize.Medium, true, false)]);
        await InstallAsync("PTN-B", Harbour, new DoorAttributes(DoorSize.Small, false, true));
        await CaughtUpAsync();
    }

    private async Task InstallAsync(string serial, Site site, params DoorAttributes[] doors)
    {
        var now = DateTimeOffset.UtcNow;
        (await SendAsync(new ProvisionCabinet(serial, site, now))).ShouldBeOfType<CommandOutcome.Accepted>();
        (await SendAsync(new RegisterCabinetBank(serial, "快递柜", [0], now))).ShouldBeOfType<CommandOutcome.Accepted>();
        (await SendAsync(new RegisterDoors(serial, doors.Select((d, i) => new DoorRegistration(0, i + 1, d)).ToList(), now)))
            .ShouldBeOfType<CommandOutcome.Accepted>();
    }

    /// <summary>Registers a partner as the admin; the credentials are the mutation's answer.</summary>
    public async Task<(PartnerClient Client, string AuthCode)> RegisterAsync(string name)
    {
        var answer = await (await AdminClientAsync()).PostGraphQLAsync(
            "mutation($name: String!) { registerPartner(name: $name) { partnerId secret authCode } }", new { name });
        answer.Errors.ShouldBeEmpty(answer.Body.ToString());
        var c = answer.Data.GetProperty("registerPartner");
        return (new PartnerClient(Http(), c.GetProperty("partnerId").GetString()!, c.GetProperty("secret").GetString()!), c.GetProperty("authCode").GetString()!);
    }

    public async Task<JsonElement> GraphQLAsync(string query, object? variables = null)
    {
        var answer = await (await AdminClientAsync()).PostGraphQLAsync(query, variables);
        answer.Errors.ShouldBeEmpty(answer.Body.ToString());
        return answer.Data;
    }

    /// <summary>Every stored event's data and every partner snapshot, as text: what a database reader would see.</summary>
    public async Task<string> StoredTextAsync()
    {
        await using var db = NpgsqlDataSource.Create(ConnectionString);
        await using var cmd = db.CreateCommand(
            "select coalesce(string_agg(data::text, ' '), '') from mt_events union all select coalesce(string_agg(data::text, ' '), '') from mt_doc_partnersnapshot");
        var parts = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) parts.Add(r.GetString(0));
        return string.Join(' ', parts);
    }

    public async Task<long> EventCountAsync()
    {
        await using var db = NpgsqlDataSource.Create(ConnectionString);
        await using var cmd = db.CreateCommand("select count(*) from mt_events");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
