using Cabinets.EventStore.Events;

namespace Cabinets.EventStore.Daemon;

public enum ProjectionState
{
    Running,

    /// <summary>A handler threw: stopped before <see cref="ProjectionStatus.FailedPosition"/> until retried or skipped.</summary>
    Parked,

    /// <summary>Running, while a rebuild fills a shadow schema.</summary>
    Rebuilding,
}

/// <summary>One projection as the daemons see it.</summary>
/// <param name="Position">Everything of its types at or below this has been applied.</param>
/// <param name="LagEvents">Committed events of its types after <paramref name="Position"/>, including those still held back by the xmin horizon.</param>
/// <param name="OwnerNode">The live daemon running it, or null when none does.</param>
public sealed record ProjectionStatus(
    string Name,
    EventPosition Position,
    ProjectionState State,
    string? Error,
    EventPosition? FailedPosition,
    long LagEvents,
    string? OwnerNode,
    RebuildProgress? Rebuild,
    DateTimeOffset UpdatedAt);

/// <summary>
/// Why the daemons may be behind: no event from a transaction at or above <see cref="Xmin"/> is
/// read until that transaction ends, so the oldest running transaction holds every projection
/// back (lag, never loss — ADR-0003).
/// </summary>
public sealed record ReadHorizon(ulong Xmin, long EventsHeldBack, OldestTransaction? Oldest);

/// <summary>The transaction holding the horizon back; end it or lower `idle_in_transaction_session_timeout`.</summary>
public sealed record OldestTransaction(int Pid, ulong Xid, DateTimeOffset? StartedAt, string? State, string? ApplicationName);

public enum RebuildPhase
{
    Replaying,
    Swapping,
    Completed,
}

/// <summary>Rebuild progress: <paramref name="Total"/> is the count when it started, raised as new events arrive.</summary>
public sealed record RebuildProgress(string Projection, RebuildPhase Phase, long Done, long Total, EventPosition Position);

/// <summary>Thrown by <see cref="ProjectionDaemon.WaitForAsync"/> when the projection is parked: waiting longer will not help.</summary>
public sealed class ProjectionParkedException(ProjectionStatus status)
    : Exception($"projection '{status.Name}' is parked at {status.Position} before {status.FailedPosition}: {status.Error}")
{
    public ProjectionStatus Status { get; } = status;
}
