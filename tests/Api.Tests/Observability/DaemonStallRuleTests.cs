using Cabinets.Api.Observability;

namespace Cabinets.Api.Tests.Observability;

/// <summary>The stall rule of `/health/ready` (ADR-0027) as a pure function of looks and a clock.</summary>
public sealed class DaemonStallRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Threshold = TimeSpan.FromSeconds(60);

    private static ProjectionWatch After(params (ProjectionSample Sample, double AtSeconds)[] looks)
    {
        ProjectionTrack? track = null;
        ProjectionWatch? watch = null;
        foreach (var (sample, at) in looks) (track, watch) = DaemonStallRule.Next(track, sample, T0.AddSeconds(at), Threshold);
        return watch!;
    }

    private static ProjectionSample Running(long position, long behind) => new("free_doors", false, false, position, behind);

    [Fact]
    public void a_projection_behind_that_does_not_move_for_the_threshold_is_stalled()
    {
        var watch = After((Running(10, 5), 0), (Running(10, 7), 30), (Running(10, 9), 60));
        watch.Stalled.ShouldBeTrue();
        watch.StuckSeconds.ShouldBe(60);
        DaemonStallRule.Reason(watch).ShouldBe("projection free_doors is 9 events behind and has not moved for 60 s");
    }

    [Fact]
    public void a_projection_behind_that_moves_is_never_stalled()
    {
        var watch = After((Running(10, 50), 0), (Running(20, 40), 50), (Running(30, 30), 100), (Running(40, 20), 150));
        watch.Stalled.ShouldBeFalse();
        watch.StuckSeconds.ShouldBe(0);
    }

    [Fact]
    public void a_projection_with_nothing_to_do_is_never_stuck()
    {
        var watch = After((Running(10, 0), 0), (Running(10, 0), 500));
        watch.Stalled.ShouldBeFalse();
        watch.StuckSeconds.ShouldBe(0);
    }

    [Fact]
    public void a_break_in_being_stuck_starts_the_count_again()
    {
        var watch = After((Running(10, 5), 0), (Running(15, 0), 40), (Running(15, 3), 50), (Running(15, 3), 100));
        watch.Stalled.ShouldBeFalse();
        watch.StuckSeconds.ShouldBe(50);
    }

    [Fact]
    public void a_stopped_projection_is_stalled_after_the_threshold_even_with_no_lag()
    {
        var stopped = new ProjectionSample("free_doors", true, false, 10, 0);
        After((stopped, 0), (stopped, 59)).Stalled.ShouldBeFalse();
        var watch = After((stopped, 0), (stopped, 61));
        watch.Stalled.ShouldBeTrue();
        watch.State.ShouldBe("STOPPED");
        DaemonStallRule.Reason(watch).ShouldStartWith("projection free_doors is STOPPED");
    }

    [Fact]
    public void a_rebuilding_projection_is_not_stuck()
    {
        var rebuilding = new ProjectionSample("free_doors", false, true, 10, 100);
        After((rebuilding, 0), (rebuilding, 600)).Stalled.ShouldBeFalse();
    }

    [Fact]
    public void a_zero_threshold_never_stalls()
    {
        ProjectionTrack? track = null;
        ProjectionWatch watch = null!;
        foreach (var at in new[] { 0, 1000 }) (track, watch) = DaemonStallRule.Next(track, Running(10, 5), T0.AddSeconds(at), TimeSpan.Zero);
        watch.Stalled.ShouldBeFalse();
        watch.StuckSeconds.ShouldBe(1000);
    }
}
