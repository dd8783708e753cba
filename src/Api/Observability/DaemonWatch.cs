using Cabinets.Api.Operations;
using Npgsql;
using Wolverine.Runtime;

namespace Cabinets.Api.Observability;

/// <summary>`Health__DaemonStallSeconds` (default 300; 0 never fails readiness) and `Health__SampleSeconds` (default 5).</summary>
public sealed record DaemonWatchSettings(TimeSpan StallThreshold, TimeSpan SamplePeriod)
{
    public static DaemonWatchSettings From(IConfiguration config) => new(
        TimeSpan.FromSeconds(config.GetValue("Health:DaemonStallSeconds", 300.0)),
        TimeSpan.FromSeconds(Math.Max(0.1, config.GetValue("Health:SampleSeconds", 5.0))));
}

/// <summary>The daemon as one look found it: every async projection, and which of them are stalled.</summary>
public sealed record DaemonVerdict(IReadOnlyList<ProjectionWatch> Projections, DateTimeOffset At)
{
    public bool Stalled => Projections.Any(p => p.Stalled);

    public IReadOnlyList<string> Reasons => Projections.Where(p => p.Stalled).Select(DaemonStallRule.Reason).ToList();
}

/// <summary>
/// Looks at the async projections (<see cref="ProjectionStatuses"/>, plus the newest event and the
/// agents this node runs) and remembers, per projection, since when it has been stuck (ADR-0027).
/// `/health/ready` and <see cref="OperationsSampler"/> both look; the gauges read the last look.
/// </summary>
public sealed class DaemonWatch(ProjectionStatuses statuses, NpgsqlDataSource db, IWolverineRuntime runtime, TimeProvider clock, DaemonWatchSettings settings)
{
    private readonly Dictionary<string, ProjectionTrack> tracks = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>The last look, or null before the first.</summary>
    public DaemonVerdict? Last { get; private set; }

    public async Task<DaemonVerdict> ObserveAsync(CancellationToken ct)
    {
        var all = await statuses.AllAsync(ct);
        var newest = await NewestEventAsync(ct);
        var local = runtime.Agents.AllRunningAgentUris().Select(u => u.ToString()).ToList();
        var now = clock.GetUtcNow();
        lock (gate)
        {
            var watches = all.Select(p =>
            {
                // Solo durability keeps no assignment table: the agents running here are the truth then.
                var runsHere = local.Any(u => u.Contains($"/{p.Name}", StringComparison.OrdinalIgnoreCase));
                var sample = new ProjectionSample(p.Name, p.State == ProjectionState.Stopped && !runsHere, p.State == ProjectionState.Rebuilding,
                    p.Position, Math.Max(p.LagEvents, newest - p.Position));
                var (track, watch) = DaemonStallRule.Next(tracks.GetValueOrDefault(p.Name), sample, now, settings.StallThreshold);
                tracks[p.Name] = track;
                return watch;
            }).ToList();
            return Last = new DaemonVerdict(watches, now);
        }
    }

    // The high-water mark alone hides a daemon held at a gap (ADR-0015): the newest committed event does not.
    private async Task<long> NewestEventAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select coalesce(max(seq_id), 0) from mt_events");
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
