using System.Diagnostics;
using Cabinets.EventStore.Daemon;
using Cabinets.EventStore.Projections;
using Cabinets.Testing;

namespace Cabinets.EventStore.Tests.Daemon;

/// <summary>Several daemons on one database: each projection runs in exactly one, shares are fair, dead nodes' work moves.</summary>
public sealed class MultiDaemonTests(DatabaseFixture db) : DaemonTestBase(db)
{
    private static readonly string[] Names = ["p_one", "p_two", "p_three", "p_four"];

    private static IProjection[] Projections() => [.. Names.Select(n => new RecordingProjection(n))];

    [Fact]
    public async Task two_daemons_split_the_projections_and_never_apply_an_event_twice()
    {
        var a = await StartDaemonAsync(Projections());
        var b = await StartDaemonAsync(Projections());
        var writing = Task.Run(() => AppendManyAsync(NewStreamId(), 150));

        await WaitUntilAsync(async () => (await OwnersAsync(a)).Count(o => o == a.NodeId) == 2
                                       && (await OwnersAsync(a)).Count(o => o == b.NodeId) == 2, "2 + 2 split");
        a.OwnedProjections.Count.ShouldBe(2);
        b.OwnedProjections.Count.ShouldBe(2);
        b.OwnedProjections.ShouldNotContain(n => a.OwnedProjections.Contains(n));

        await writing;
        foreach (var name in Names)
        {
            await a.WaitForCatchUpAsync(name, Patience); // parks (and throws) if anything were applied twice
            var (expected, applied) = await CompareAsync(name);
            applied.ShouldBe(expected);
        }
    }

    [Fact]
    public async Task when_a_daemon_dies_the_other_takes_over_its_projections_within_ten_seconds()
    {
        var a = await StartDaemonAsync(Projections());
        var b = await StartDaemonAsync(Projections());
        await WaitUntilAsync(async () => a.OwnedProjections.Count == 2 && b.OwnedProjections.Count == 2, "2 + 2 split");

        await a.KillAsync();
        var clock = Stopwatch.StartNew();
        await WaitUntilAsync(async () => (await OwnersAsync(b)).All(o => o == b.NodeId), "takeover", TimeSpan.FromSeconds(10));
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));

        await AppendManyAsync(NewStreamId(), 20);
        foreach (var name in Names) await b.WaitForCatchUpAsync(name, Patience);
    }

    [Fact]
    public async Task a_hung_daemon_loses_its_lease_and_its_projections_move_within_ten_seconds()
    {
        var a = await StartDaemonAsync(Projections());
        var b = await StartDaemonAsync(Projections());
        await WaitUntilAsync(async () => a.OwnedProjections.Count == 2 && b.OwnedProjections.Count == 2, "2 + 2 split");

        a.Hang(); // keeps its session and locks, stops heartbeating: only lease expiry can free them
        var clock = Stopwatch.StartNew();
        await WaitUntilAsync(async () => b.OwnedProjections.Count == 4, "takeover", TimeSpan.FromSeconds(10));
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));

        await AppendManyAsync(NewStreamId(), 20);
        foreach (var name in Names) await b.WaitForCatchUpAsync(name, Patience);
    }

    private static async Task<List<string?>> OwnersAsync(ProjectionDaemon daemon) =>
        [.. (await daemon.GetStatusAsync()).Select(s => s.OwnerNode)];

    /// <summary>Polls a condition until it holds: synchronisation on observed state, not on a sleep.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > (timeout ?? Patience)) throw new TimeoutException($"{what} did not happen within {timeout ?? Patience}");
            await Task.Delay(20);
        }
    }
}
