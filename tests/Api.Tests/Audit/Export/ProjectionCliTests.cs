using Cabinets.Api.Cli;
using Cabinets.Domain.Lockers.Cabinets;
using Npgsql;

namespace Cabinets.Api.Tests.Audit.Export;

/// <summary>`projections rebuild` and `audit replay-compare` through the CLI's entry: exit codes, what they change, what they report.</summary>
public sealed class ProjectionCliTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task rebuild_swaps_in_a_new_free_door_model_with_the_same_counts_and_records_the_request()
    {
        await InstallAsync("CLI-0001");
        var before = await ScalarAsync<uint>("select 'rm.free_door_counts'::regclass::oid");

        var (code, err) = await CliAsync("projections", "rebuild", "free_doors");

        code.ShouldBe(0, err);
        (await ScalarAsync<uint>("select 'rm.free_door_counts'::regclass::oid")).ShouldNotBe(before);
        (await ScalarAsync<long>("select sum(free)::bigint from rm.free_door_counts where serial_number = 'CLI-0001'")).ShouldBe(3);
        (await ScalarAsync<long>("select count(*) from mt_events where type = 'operations.projection_rebuild_requested.v1' and headers->>'channel' = 'cli'")).ShouldBe(1);
    }

    [Fact]
    public async Task replay_compare_exits_0_when_the_model_matches_its_events_and_3_with_the_rows_when_a_live_row_was_changed()
    {
        await InstallAsync("CLI-0002");
        var (same, sameErr) = await CliAsync("audit", "replay-compare", "free_doors");
        same.ShouldBe(0, sameErr);
        sameErr.ShouldContain("identical");

        await ScalarAsync<int>("with x as (update rm.free_door_counts set free = free + 5 where serial_number = 'CLI-0002' returning 1) select count(*)::int from x");
        var stdout = new StringWriter();
        var code = await CliCommands.RunAsync(api.Services, ["audit", "replay-compare", "free_doors"], stdout, new StringWriter(), CancellationToken.None);

        code.ShouldBe(3);
        stdout.ToString().ShouldContain("CLI-0002");
        await ScalarAsync<int>("with x as (update rm.free_door_counts set free = free - 5 where serial_number = 'CLI-0002' returning 1) select count(*)::int from x");
    }

    [Fact]
    public async Task an_unknown_projection_is_refused_with_exit_code_1()
    {
        var (code, err) = await CliAsync("projections", "rebuild", "nope");
        code.ShouldBe(1);
        err.ShouldContain("'nope' is not a projection");
    }

    /// <summary>A bank of 4 medium doors, door 1 occupied: 3 free.</summary>
    private async Task InstallAsync(string serial)
    {
        var now = DateTimeOffset.UtcNow;
        await api.SendAsync(new ProvisionCabinet(serial, new Site("浙江省", "杭州市", "西湖区", "文三路", "命令园", "命令小区", null), now));
        await api.SendAsync(new RegisterCabinetBank(serial, "快递柜", [], now));
        await api.SendAsync(new RegisterDoors(serial, Enumerable.Range(1, 4).Select(d => new DoorRegistration(0, d, new DoorAttributes(DoorSize.Medium, false, false))).ToList(), now));
        await api.SendAsync(new ReportDoorStatus(serial, [new DoorStatusReport(1, true)], now));
        await api.CaughtUpAsync();
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
