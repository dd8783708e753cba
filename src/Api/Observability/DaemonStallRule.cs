namespace Cabinets.Api.Observability;

/// <summary>One look at an async projection: is a node running it, where it stands, how far the newest event is ahead of it.</summary>
public sealed record ProjectionSample(string Name, bool Stopped, bool Rebuilding, long Position, long Behind);

/// <summary>What the watch remembers of a projection between looks: its position and since when it has been stuck there.</summary>
public sealed record ProjectionTrack(long Position, DateTimeOffset StuckSince, bool Stuck);

/// <summary>A projection as `/health/ready` and the gauges show it.</summary>
public sealed record ProjectionWatch(string Name, string State, long Position, long LagEvents, double StuckSeconds, bool Stalled);

/// <summary>
/// When the async daemon counts as stalled (ADR-0027): a projection is stuck while it is STOPPED
/// (no node runs it), or while events wait for it and its position has not moved since the last
/// look; it is stalled once it has been stuck for the threshold without a break. A rebuild is never
/// stuck (its live copy does not move on purpose), and a projection with nothing to do never is.
/// Pure: the caller brings the clock and the memory.
/// </summary>
public static class DaemonStallRule
{
    public static (ProjectionTrack Track, ProjectionWatch Watch) Next(ProjectionTrack? previous, ProjectionSample sample, DateTimeOffset now, TimeSpan threshold)
    {
        var stuckNow = !sample.Rebuilding && (sample.Stopped || sample.Behind > 0);
        var stillStuck = stuckNow && previous is { Stuck: true } && previous.Position == sample.Position;
        var track = new ProjectionTrack(sample.Position, stillStuck ? previous!.StuckSince : now, stuckNow);
        var stuckFor = stuckNow ? now - track.StuckSince : TimeSpan.Zero;
        var state = sample.Rebuilding ? "REBUILDING" : sample.Stopped ? "STOPPED" : "RUNNING";
        var stalled = stuckNow && threshold > TimeSpan.Zero && stuckFor >= threshold;
        return (track, new ProjectionWatch(sample.Name, state, sample.Position, sample.Behind, Math.Round(stuckFor.TotalSeconds, 1), stalled));
    }

    /// <summary>The reason an operator reads in `/health/ready`.</summary>
    public static string Reason(ProjectionWatch p) => p.State == "STOPPED"
        ? $"projection {p.Name} is STOPPED (no node runs it) for {p.StuckSeconds:F0} s"
        : $"projection {p.Name} is {p.LagEvents} events behind and has not moved for {p.StuckSeconds:F0} s";
}
