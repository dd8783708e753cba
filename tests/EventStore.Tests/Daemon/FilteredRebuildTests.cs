using Cabinets.EventStore.Appending;
using Cabinets.EventStore.Daemon;
using Cabinets.EventStore.Events;
using Cabinets.Testing;

namespace Cabinets.EventStore.Tests.Daemon;

/// <summary>
/// A projection that takes some event types only: batches count rows of every type, so one can be
/// full with fewer events than its size. On a database of its own: the other rebuild tests count
/// every event in theirs.
/// </summary>
public sealed class FilteredRebuildTests(DatabaseFixture db) : DaemonTestBase(db)
{
    [Fact]
    public async Task a_filtered_projection_replays_every_batch_before_the_swap_even_when_other_types_fill_them()
    {
        var projection = new RecordingProjection("deposits_only") { EventTypes = ["test.deposited"] };
        var daemon = NewDaemon([projection], o => o.BatchSize = 25);
        await daemon.StartAsync();
        var stream = NewStreamId();
        EventPosition last = default;
        for (var i = 0; i < 200; i++)
        {
            object e = i % 5 == 0 ? new Opened("x") : new Deposited(i); // every batch of 25 rows holds 20 deposits
            last = (await Store.AppendAsync(stream, "account", ExpectedVersion.Any, Meta, [e])).ShouldBeOfType<AppendResult.Committed>().Events[^1].Position;
        }
        await daemon.WaitForAsync("deposits_only", last, Patience);

        var progress = new RecordedProgress();
        var done = await daemon.RebuildAsync("deposits_only", progress);

        done.Done.ShouldBe(160);
        // the replay outside the swap reached everything; the swap only had the tail to apply
        progress.Reports.Where(r => r.Phase == RebuildPhase.Replaying).Max(r => r.Done).ShouldBe(160);
    }
}
