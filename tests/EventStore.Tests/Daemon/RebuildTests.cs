using Cabinets.EventStore.Appending;
using Cabinets.EventStore.Daemon;
using Cabinets.EventStore.Projections;
using Cabinets.Testing;

namespace Cabinets.EventStore.Tests.Daemon;

/// <summary>Rebuilds fill a shadow schema while the live tables serve, then swap in one short transaction.</summary>
public sealed class RebuildTests(DatabaseFixture db) : DaemonTestBase(db)
{
    [Fact]
    public async Task an_async_rebuild_runs_in_a_shadow_schema_while_the_live_table_keeps_answering_then_swaps()
    {
        var projection = new RecordingProjection("rebuilt");
        var daemon = NewDaemon([projection], o => o.BatchSize = 25);
        await daemon.StartAsync();
        var stream = NewStreamId();
        await daemon.WaitForAsync("rebuilt", await AppendManyAsync(stream, 120), Patience);
        await ScalarAsync("delete from rm.rebuilt where version % 10 = 0"); // the live table has drifted: a rebuild fixes it

        var inShadow = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        projection.BeforeApply = async (ctx, _, _) =>
        {
            if (ctx.Schema == ProjectionContext.LiveSchema) return;
            inShadow.TrySetResult();
            await release.Task;
        };
        var progress = new RecordedProgress();
        var rebuild = daemon.RebuildAsync("rebuilt", progress);
        await inShadow.Task;

        (await RowsAsync("rebuilt")).ShouldBe(108); // the live table answers, unchanged
        (await daemon.GetStatusAsync("rebuilt")).State.ShouldBe(ProjectionState.Rebuilding);
        var more = await AppendManyAsync(stream, 30);
        await daemon.WaitForAsync("rebuilt", more, Patience); // and the live projection keeps running
        (await RowsAsync("rebuilt")).ShouldBe(138);

        release.SetResult();
        var done = await rebuild;

        var (expected, applied) = await CompareAsync("rebuilt");
        applied.ShouldBe(expected); // same as a projection built from scratch, drift gone
        done.Phase.ShouldBe(RebuildPhase.Completed);
        done.Done.ShouldBe(expected.Count);
        progress.Reports[0].Done.ShouldBe(0);
        progress.Reports.Select(r => r.Done).ShouldBeInOrder();
        progress.Reports.ShouldContain(r => r.Phase == RebuildPhase.Replaying && r.Done > 0 && r.Done < expected.Count);
        progress.Reports[^1].ShouldBe(done);
        (await daemon.GetStatusAsync("rebuilt")).State.ShouldBe(ProjectionState.Running);
        (await ScalarAsync("select count(*) from pg_namespace where nspname = 'rm_rebuild_rebuilt'")).ShouldBe(0);

        await daemon.WaitForAsync("rebuilt", await AppendManyAsync(stream, 5), Patience); // the live runner writes the new table
        (await CompareAsync("rebuilt")).Applied.Count.ShouldBe(expected.Count + 5);
    }

    [Fact]
    public async Task an_inline_projection_is_rebuilt_while_appends_keep_writing_it()
    {
        var projection = new RecordingProjection("inline_rec", ProjectionLifecycle.Inline);
        var daemon = NewDaemon([projection], o => o.BatchSize = 20);
        await daemon.StartAsync(); // creates the live table; there is nothing async to run
        var store = new PostgresEventStore(DataSource, NewRegistry(), [projection]);
        for (var i = 0; i < 100; i++)
            (await store.AppendAsync(NewStreamId(), "account", ExpectedVersion.NoStream, Meta, [new Opened("x")])).ShouldBeOfType<AppendResult.Committed>();

        // Writers run from before the rebuild starts until after it has swapped, so appends hit
        // the old table, wait on the swap's lock, and write the new one.
        var rebuilt = new TaskCompletionSource();
        using var started = new CountdownEvent(3);
        async Task WriterAsync()
        {
            var stream = NewStreamId();
            for (var (i, after) = (0, 0); after < 10; i++)
            {
                (await store.AppendAsync(stream, "account", ExpectedVersion.Any, Meta, [new Deposited(i)])).ShouldBeOfType<AppendResult.Committed>();
                if (i == 5) started.Signal();
                if (rebuilt.Task.IsCompleted) after++;
            }
        }

        var writers = Enumerable.Range(0, 3).Select(_ => Task.Run(WriterAsync)).ToList();
        await Task.Run(started.Wait);
        var done = await daemon.RebuildAsync("inline_rec");
        rebuilt.SetResult();
        await Task.WhenAll(writers);

        var (expected, applied) = await CompareAsync("inline_rec");
        applied.ShouldBe(expected);
        done.Done.ShouldBeGreaterThanOrEqualTo(100);
    }

    [Fact]
    public async Task a_failing_rebuild_leaves_the_live_tables_alone()
    {
        var projection = new RecordingProjection("fragile");
        var daemon = await StartDaemonAsync(projection);
        var stream = NewStreamId();
        await daemon.WaitForAsync("fragile", await AppendManyAsync(stream, 10), Patience);
        projection.BeforeApply = (ctx, _, _) => ctx.Schema == ProjectionContext.LiveSchema
            ? Task.CompletedTask : throw new InvalidOperationException("bug in the new version");

        await Should.ThrowAsync<InvalidOperationException>(() => daemon.RebuildAsync("fragile"));

        (await ScalarAsync($"select count(*) from rm.fragile where stream_id = '{stream}'")).ShouldBe(10);
        (await daemon.GetStatusAsync("fragile")).State.ShouldBe(ProjectionState.Running);
        (await ScalarAsync("select count(*) from pg_namespace where nspname = 'rm_rebuild_fragile'")).ShouldBe(0);
    }
}
