using Cabinets.Api.Tests.GraphQL;
using Cabinets.Domain.Lockers.Cabinets;
using Npgsql;

namespace Cabinets.Api.Tests.Platform;

/// <summary>
/// A rebuild of the free-door model while the console reads it (ADR-0016): no read fails, every
/// count read is the true one, and the live tables really are replaced by the rebuilt ones.
/// </summary>
public sealed class RebuildTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly Site Site = new("浙江省", "杭州市", "西湖区", "文三路", "重建园", "重建小区", null);

    [Fact]
    public async Task readers_never_see_an_error_or_a_wrong_count_while_the_projection_is_rebuilt_and_swapped()
    {
        var now = DateTimeOffset.UtcNow;
        for (var b = 0; b < 20; b++)
        {
            var serial = $"REB-{b:D3}";
            await api.SendAsync(new ProvisionCabinet(serial, Site, now));
            await api.SendAsync(new RegisterCabinetBank(serial, "快递柜", [], now));
            await api.SendAsync(new RegisterDoors(serial, Enumerable.Range(1, 6).Select(d => new DoorRegistration(0, d, new DoorAttributes(DoorSize.Medium, false, false))).ToList(), now));
            await api.SendAsync(new ReportDoorStatus(serial, [new DoorStatusReport(1, true), new DoorStatusReport(2, b % 2 == 0)], now));
        }
        await api.CaughtUpAsync();
        const int expected = 20 * 6 - 20 - 10;
        var tableBefore = await TableOidAsync();
        using var admin = await api.AdminAsync();

        var started = await admin.PostGraphQLAsync("mutation { rebuildProjection(name: \"free_doors\") { name } }");
        started.Errors.ShouldBeEmpty();
        var reads = new List<int>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await TableOidAsync() == tableBefore || await RebuildingAsync(admin))
        {
            var read = await admin.PostGraphQLAsync("{ freeDoorCount(place: \"重建园\") }");
            read.Errors.ShouldBeEmpty();
            reads.Add(read.Data.GetProperty("freeDoorCount").GetInt32());
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the rebuild did not swap in 60 s");
        }
        var after = await admin.PostGraphQLAsync("{ freeDoorCount(place: \"重建园\") }");

        reads.ShouldAllBe(count => count == expected);
        after.Data.GetProperty("freeDoorCount").GetInt32().ShouldBe(expected);
        (await TableOidAsync()).ShouldNotBe(tableBefore);
    }

    [Fact]
    public async Task an_unknown_projection_is_refused_with_an_error_on_its_path()
    {
        using var admin = await api.AdminAsync();
        var response = await admin.PostGraphQLAsync("mutation { rebuildProjection(name: \"nope\") { name } }");
        response.Errors.Single().GetProperty("path")[0].GetString().ShouldBe("rebuildProjection");
    }

    [Fact]
    public async Task a_second_rebuild_while_one_runs_elsewhere_is_refused_and_touches_nothing()
    {
        var tableBefore = await TableOidAsync();
        // another node's rebuild holds the lock (unpooled: the lock ends with the connection)
        await using var other = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(api.ConnectionString) { Pooling = false }.ConnectionString);
        await other.OpenAsync();
        await using (var take = new NpgsqlCommand("select pg_advisory_lock(hashtext('cabinets.shadow_rebuild'))", other))
            await take.ExecuteScalarAsync();

        var rebuilds = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Operations.ShadowRebuilds>(api.Services);
        var refused = await Should.ThrowAsync<InvalidOperationException>(() => rebuilds.RebuildAsync("free_doors", _ => { }, CancellationToken.None));

        refused.Message.ShouldContain("already running");
        (await TableOidAsync()).ShouldBe(tableBefore);
    }

    private async Task<bool> RebuildingAsync(HttpClient admin)
    {
        var status = await admin.PostGraphQLAsync("{ projections { name state } }");
        return status.Data.GetProperty("projections").EnumerateArray().Any(p => p.GetProperty("state").GetString() == "REBUILDING");
    }

    private async Task<uint> TableOidAsync()
    {
        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        await using var cmd = db.CreateCommand("select 'rm.free_door_counts'::regclass::oid");
        return (uint)(await cmd.ExecuteScalarAsync())!;
    }
}
