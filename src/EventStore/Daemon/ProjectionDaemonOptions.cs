namespace Cabinets.EventStore.Daemon;

/// <summary>Tuning for <see cref="ProjectionDaemon"/>; the defaults keep a dead node's projections moving within 10 s (ADR-0003).</summary>
public sealed class ProjectionDaemonOptions
{
    /// <summary>This process's name among the daemons: shown as a projection's owner.</summary>
    public string NodeId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Events read and applied per transaction.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>How often an idle projection looks for new events below the xmin horizon.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How often a node heartbeats, counts live nodes and takes or gives up projections.</summary>
    public TimeSpan RebalanceInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A node that has not heartbeated for this long is considered hung: the others terminate the
    /// backend holding its locks, so its projections move (its lease expires).
    /// </summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between retries after a transient failure (a lost connection, a deadlock).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// TCP keepalive idle seconds for the lock connection, on both ends: the server frees the
    /// locks of a client that vanished without closing its socket within about idle + 3 probes.
    /// </summary>
    public int KeepAliveSeconds { get; set; } = 5;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(NodeId);
        if (NodeTimeout <= RebalanceInterval * 2)
            throw new ArgumentException("NodeTimeout must exceed two rebalance intervals, or live nodes would be taken for dead");
    }
}
