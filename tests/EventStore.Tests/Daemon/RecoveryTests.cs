using Cabinets.Testing;

namespace Cabinets.EventStore.Tests.Daemon;

/// <summary>A process can die anywhere between an append and its projection; a new one catches up exactly.</summary>
[Collection(XminHolders.Name)]
public sealed class RecoveryTests(DatabaseFixture db) : DaemonTestBase(db)
{
    [Fact]
    public async Task events_appended_while_no_daemon_runs_are_applied_when_one_starts()
    {
        var stream = NewStreamId();
        await AppendManyAsync(stream, 40);

        var daemon = await StartDaemonAsync(new RecordingProjection("recorder"));
        await daemon.WaitForCatchUpAsync("recorder", Patience);

        var (expected, applied) = await CompareAsync("recorder");
        applied.ShouldBe(expected);
    }

    [Fact]
    public async Task a_daemon_killed_mid_batch_is_replaced_by_one_that_catches_up_without_duplicates()
    {
        var stream = NewStreamId();
        await AppendManyAsync(stream, 200);
        // The first daemon dies inside the apply transaction of the batch after version 60.
        var stuck = new TaskCompletionSource();
        var dying = new RecordingProjection("recorder")
        {
            BeforeApply = async (_, events, ct) =>
            {
                if (!events.Any(e => e.StreamId == stream && e.Version > 60)) return;
                stuck.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
            },
        };
        var first = NewDaemon([dying], o => o.BatchSize = 5);
        await first.StartAsync();
        await stuck.Task;

        await first.KillAsync(); // the batch in flight rolls back with its transaction
        (await ScalarAsync($"select count(*) from rm.recorder where stream_id = '{stream}'")).ShouldBeInRange(56, 60);
        await AppendManyAsync(stream, 50);

        var second = await StartDaemonAsync(new RecordingProjection("recorder"));
        await second.WaitForCatchUpAsync("recorder", Patience);

        var (expected, applied) = await CompareAsync("recorder");
        applied.ShouldBe(expected);
        (await ScalarAsync($"select count(*) from rm.recorder where stream_id = '{stream}'")).ShouldBe(250);
        (await second.GetStatusAsync("recorder")).OwnerNode.ShouldBe(second.NodeId);
    }

    [Fact]
    public async Task a_checkpoint_that_does_not_move_with_its_rows_is_never_written()
    {
        // The checkpoint is fenced on its old position: a stale runner (one that lost its lock
        // but had already read a batch) cannot apply that batch again after another one did.
        var stream = NewStreamId();
        var head = await AppendManyAsync(stream, 30);
        var daemon = await StartDaemonAsync(new RecordingProjection("recorder"));
        await daemon.WaitForAsync("recorder", head, Patience);

        await using var conn = await DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        (await Cabinets.EventStore.Daemon.Checkpoints.LockAtAsync(conn, tx, "recorder", Cabinets.EventStore.Events.EventPosition.Start, default))
            .ShouldBeFalse();
        (await Cabinets.EventStore.Daemon.Checkpoints.AdvanceAsync(conn, tx, "recorder", Cabinets.EventStore.Events.EventPosition.Start, head, default))
            .ShouldBeFalse();
    }
}
