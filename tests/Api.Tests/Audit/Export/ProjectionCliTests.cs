using Cabinets.Api.Cli;
using Cabinets.Domain.Lockers.Cabinets;
using Npgsql;

namespace Cabinets.Api.Tests.Audit.Export;

/// <summary>`projections rebuild` through the CLI's entry: the request is recorded, the shadow copy swapped in, an unknown name refused.</summary>
public sealed class ProjectionCliTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task rebuild_swaps_in_a_new_free_door_model_with_the_same_counts_and_records_the_request()
    {
        var now = DateTimeOffset.UtcNow;
        await api.SendAsync(new ProvisionCabinet("CLI-0001", new Site("浙江省", "杭州市", "西湖区", "文三路", "命令园", "命令小区", null), now));
        await api.SendAsync(new RegisterCabinetBank("CLI-0001", "快递柜", [], now));
        await api.SendAsync(new RegisterDoors("CLI-0001", Enumerable.Range(1, 4).Select(d => new DoorRegistration(0, d, new DoorAttributes(DoorSize.Medium, false, false))).ToList(), now));
        await api.SendAsync(new ReportDoorStatus("CLI-0001", [new DoorStatusReport(1, true)], now));
        await api.CaughtUpAsync();
        var before = await ScalarAsync<uint>("select 'rm.free_door_counts'::regclass::oid");

        var (code, err) = await CliAsync("projections", "rebuild", "free_doors");

        code.ShouldBe(0, err);
        (await ScalarAsync<uint>("select 'rm.free_door_counts'::regclass::oid")).ShouldNotBe(before);
        (await ScalarAsync<long>("select sum(free)::bigint from rm.free_door_counts")).ShouldBe(3);
        (await ScalarAsync<long>("select count(*) from mt_events where type = 'operations.projection_rebuild_requested.v1' and headers->>'channel' = 'cli'")).ShouldBe(1);
    }

    [Fact]
    public async Task an_unknown_projection_is_refused_with_exit_code_1()
    {
        var (code, err) = await CliAsync("projections", "rebuild", "nope");
        code.ShouldBe(1);
        err.ShouldContain("'nope' is not a projection");
    }

    private async Task<(int Code, string Err)> CliAsync(params string[] args)
    {
        var stderr = new StringWriter();
        var code = await CliCommands.RunAsync(api.Services, args, new StringWriter(), stderr, CancellationToken.None);
        return (code, stderr.ToString());
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        await using var cmd = db.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
