using System.Diagnostics;
using Cabinets.Api.Tests.Lockers;
using Cabinets.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Cabinets.Api.Tests.Platform;

/// <summary>
/// Our configuration of Wolverine's node management and Marten's daemon (ADR-0015, ADR-0016),
/// with real processes killed the hard way: the free-door projection moves to the surviving
/// node, or catches up after a restart, and its counts are exactly what the events say.
/// </summary>
public sealed class NodeFailureTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Doors = 10;
    private string _connectionString = "";
    private NpgsqlDataSource _db = null!;
    private readonly Dictionary<(string Serial, int Door), bool> _occupied = [];

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync("nodes");
        _db = NpgsqlDataSource.Create(_connectionString);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task the_projection_of_a_killed_node_moves_to_the_survivor_and_nothing_is_applied_twice()
    {
        await using var first = await ApiProcess.StartAsync(_connectionString);
        await using var second = await ApiProcess.StartAsync(_connectionString);
        await BankAsync(first, "NODE-A");
        await FlipAsync(first, "NODE-A", rounds: 3);
        await CaughtUpAsync();

        var owner = await WaitForOwnerAsync(_ => true);
        var (victim, survivor) = owner == first.Node ? (first, second) : (second, first);
        // events the victim's projection has not seen yet when it dies
        await FlipAsync(survivor, "NODE-A", rounds: 2);
        var watch = Stopwatch.StartNew();
        await victim.KillAsync();

        (await WaitForOwnerAsync(node => node == survivor.Node)).ShouldBe(survivor.Node);
        output.WriteLine($"free_doors moved to the surviving node {watch.Elapsed.TotalSeconds:F1} s after the kill");
        await FlipAsync(survivor, "NODE-A", rounds: 2);
        await CaughtUpAsync();

        (await FreeDoorsAsync("NODE-A")).ShouldBe(ExpectedFree("NODE-A"));
    }

    [Fact]
    public async Task a_node_killed_between_append_and_projection_catches_up_exactly_when_it_restarts()
    {
        await using (var node = await ApiProcess.StartAsync(_connectionString))
        {
            await BankAsync(node, "NODE-B");
            await FlipAsync(node, "NODE-B", rounds: 5);
            await node.KillAsync(); // right after the last answer: the daemon has not caught up yet, most likely
        }
        output.WriteLine($"behind at the kill: {await BehindAsync()} events");

        await using var restarted = await ApiProcess.StartAsync(_connectionString);
        await CaughtUpAsync();
        (await FreeDoorsAsync("NODE-B")).ShouldBe(ExpectedFree("NODE-B"));
        (await DoorRowsAsync("NODE-B")).ShouldBe(Doors);
    }

    private async Task BankAsync(ApiProcess node, string serial)
    {
        var firmware = new IbsClient(node.Http());
        (await firmware.SendAsync("insert_locker_info", new[] { new { type = "快递柜", locker_info = new[] { new { category = "M", create_date = "2026-01-01", series_number = serial } } } }))
            .Code.ShouldBe(0);
        (await firmware.SendAsync("insert_single_info", Enumerable.Range(1, Doors).Select(d => new { series_number = serial, single_code = $"0,{d},72" }).ToArray()))
            .Code.ShouldBe(0);
        for (var d = 1; d <= Doors; d++) _occupied[(serial, d)] = false;
    }

    /// <summary>Each round flips every door, one frame per door, in order, as one bank's firmware sends them.</summary>
    private async Task FlipAsync(ApiProcess node, string serial, int rounds)
    {
        var firmware = new IbsClient(node.Http());
        for (var round = 0; round < rounds; round++)
            for (var d = 1; d <= Doors; d++)
            {
                var occupied = !_occupied[(serial, d)];
                var answer = await firmware.SendAsync("insert_single_status",
                    new[] { new { series_number = serial, single_code = $"{d},{(occupied ? 1 : 0)}" } });
                answer.Code.ShouldBe(0, answer.Msg);
                _occupied[(serial, d)] = occupied;
            }
    }

    private int ExpectedFree(string serial) => _occupied.Count(kv => kv.Key.Serial == serial && !kv.Value);

    private async Task<Guid> WaitForOwnerAsync(Func<Guid, bool> accept)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var cmd = _db.CreateCommand(
                "select node_id from wolverine_node_assignments where id like 'event-subscriptions://%/free_doors/%'");
            if (await cmd.ExecuteScalarAsync() is Guid node && accept(node)) return node;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("free_doors was not assigned to an accepted node");
            await Task.Delay(100); // polling the assignment table, not timing anything
        }
    }

    private async Task<long> BehindAsync()
    {
        await using var cmd = _db.CreateCommand("""
            select coalesce((select max(seq_id) from mt_events), 0)
                 - coalesce((select last_seq_id from mt_event_progression where name = 'free_doors:All'), 0)
            """);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task CaughtUpAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await BehindAsync() > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("free_doors did not catch up");
            await Task.Delay(100);
        }
    }

    private async Task<int> FreeDoorsAsync(string serial)
    {
        await using var cmd = _db.CreateCommand("select coalesce(sum(free), 0)::int from rm.free_door_counts where serial_number = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = serial });
        return (int)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<int> DoorRowsAsync(string serial)
    {
        await using var cmd = _db.CreateCommand("select count(*)::int from rm.doors where serial_number = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = serial });
        return (int)(await cmd.ExecuteScalarAsync())!;
    }
}
