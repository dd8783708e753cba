using Cabinets.EventStore.Daemon;
using Cabinets.EventStore.Projections;
using Cabinets.Testing;

namespace Cabinets.EventStore.Tests.Daemon;

/// <summary>A rebuild while the live runner is parked behind: the shadow chases the live checkpoint, so after the swap and a retry nothing is applied twice.</summary>
public sealed class RebuildOverParkedTests(DatabaseFixture db) : DaemonTestBase(db)
{
    [Fact]
    public async Task a_rebuild_over_a_parked_projection_then_a_retry_applies_every_event_exactly_once()
    {
        var projection = new RecordingProjection("overtaken");
        var liveBroken = true;
        // the live runner cannot get past version 50; the shadow (same code, other schema) can
        projection.BeforeApply = (ctx, events, _) => liveBroken && ctx.Schema == ProjectionContext.LiveSchema && events.Any(e => e.Version > 50)
            ? throw new InvalidOperationException("live runner stuck")
            : Task.CompletedTask;
        var daemon = NewDaemon([projection], o => o.BatchSize = 10);
        await daemon.StartAsync();
        var stream = NewStreamId();
        await AppendManyAsync(stream, 120);
        await Should.ThrowAsync<ProjectionParkedException>(() => daemon.WaitForCatchUpAsync("overtaken", Patience));
        (await RowsAsync("overtaken")).ShouldBe(50);

        await daemon.RebuildAsync("overtaken");
        liveBroken = false;
        await daemon.RetryAsync("overtaken");
        await daemon.WaitForAsync("overtaken", await AppendManyAsync(stream, 5), Patience);

        var (expected, applied) = await CompareAsync("overtaken");
        applied.ShouldBe(expected);
        applied.Count.ShouldBe(125);
    }
}
