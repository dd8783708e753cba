using Cabinets.EventStore.Daemon;
using Cabinets.EventStore.Events;
using Cabinets.Testing;

namespace Cabinets.EventStore.Tests.Daemon;

/// <summary>A handler that throws parks its projection at the exact event: never a silent skip.</summary>
public sealed class ParkingTests(DatabaseFixture db) : DaemonTestBase(db)
{
    [Fact]
    public async Task a_throwing_handler_parks_the_projection_with_the_error_and_the_failing_event_visible()
    {
        var (daemon, projection, stream) = await StartWithPoisonAsync("parks", poison: [4]);
        var poison = await PositionAsync(stream, 4);

        var parked = await Should.ThrowAsync<ProjectionParkedException>(() => daemon.WaitForCatchUpAsync("parks", Patience));

        var status = await daemon.GetStatusAsync("parks");
        status.State.ShouldBe(ProjectionState.Parked);
        status.FailedPosition.ShouldBe(poison);
        status.Error.ShouldNotBeNull().ShouldContain("cannot apply event");
        status.Position.ShouldBe(await PositionAsync(stream, 3)); // everything before it is applied
        status.LagEvents.ShouldBe(6);
        parked.Status.FailedPosition.ShouldBe(poison);
        (await LongsAsync($"select version from rm.parks where stream_id = '{stream}' order by version")).ShouldBe([1L, 2L, 3L]);
        projection.FailWhen.ShouldNotBeNull();
    }

    [Fact]
    public async Task retry_after_the_handler_is_fixed_resumes_from_the_checkpoint()
    {
        var (daemon, projection, stream) = await StartWithPoisonAsync("retries", poison: [4]);
        await Should.ThrowAsync<ProjectionParkedException>(() => daemon.WaitForCatchUpAsync("retries", Patience));

        projection.FailWhen = null; // the fix is deployed
        (await daemon.RetryAsync("retries")).ShouldBeTrue();
        await daemon.WaitForCatchUpAsync("retries", Patience);

        (await LongsAsync($"select version from rm.retries where stream_id = '{stream}' order by applied"))
            .ShouldBe([.. Enumerable.Range(1, 9).Select(v => (long)v)]);
        (await daemon.GetStatusAsync("retries")).Error.ShouldBeNull();
        (await daemon.RetryAsync("retries")).ShouldBeFalse(); // not parked any more
    }

    [Fact]
    public async Task skip_skips_exactly_the_failing_event_and_records_it()
    {
        var (daemon, _, stream) = await StartWithPoisonAsync("skips", poison: [4, 6]);
        await Should.ThrowAsync<ProjectionParkedException>(() => daemon.WaitForCatchUpAsync("skips", Patience));
        var first = await PositionAsync(stream, 4);
        var second = await PositionAsync(stream, 6);

        (await daemon.SkipAsync("skips", second)).ShouldBeFalse(); // only the event it is parked on
        (await daemon.SkipAsync("skips", first)).ShouldBeTrue();

        var parkedAgain = await Should.ThrowAsync<ProjectionParkedException>(() => daemon.WaitForCatchUpAsync("skips", Patience));
        parkedAgain.Status.FailedPosition.ShouldBe(second);
        (await LongsAsync($"select version from rm.skips where stream_id = '{stream}' order by applied")).ShouldBe([1L, 2L, 3L, 5L]);
        (await LongsAsync("select version from es.projection_skips where name = 'skips'")).ShouldBe([4L]);
        (await ScalarAsync("select count(*) from es.projection_skips where name = 'skips' and error like '%cannot apply event%'")).ShouldBe(1);
    }

    private async Task<(ProjectionDaemon, RecordingProjection, string)> StartWithPoisonAsync(string name, long[] poison)
    {
        var stream = NewStreamId();
        var projection = new RecordingProjection(name) { FailWhen = e => e.StreamId == stream && poison.Contains(e.Version) };
        var daemon = await StartDaemonAsync(projection);
        await AppendManyAsync(stream, 9);
        return (daemon, projection, stream);
    }

    private async Task<EventPosition> PositionAsync(string stream, long version) =>
        (await Store.ReadStreamAsync(stream, version, version)).Single().Position;
}
