using Cabinets.EventStore.Events;
using Microsoft.Extensions.Logging;

namespace Cabinets.EventStore.Daemon;

internal static partial class DaemonLog
{
    [LoggerMessage(3001, LogLevel.Information, "Projection daemon {Node} started with {Count} async projections")]
    public static partial void Started(ILogger logger, string node, int count);

    [LoggerMessage(3002, LogLevel.Information, "Projection daemon {Node} stopped")]
    public static partial void Stopped(ILogger logger, string node);

    [LoggerMessage(3003, LogLevel.Error, "Projection {Projection} parked at {Position}: event {Failed} failed")]
    public static partial void Parked(ILogger logger, string projection, EventPosition position, EventPosition failed, Exception exception);

    [LoggerMessage(3004, LogLevel.Warning, "Projection {Projection} failed transiently (attempt {Attempt}); retrying in {Delay}")]
    public static partial void Transient(ILogger logger, string projection, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(3005, LogLevel.Debug, "Projection {Projection}: checkpoint moved by another writer; reloading")]
    public static partial void CheckpointMoved(ILogger logger, string projection);

    [LoggerMessage(3006, LogLevel.Information, "Node {Node} took projection {Projection}")]
    public static partial void Acquired(ILogger logger, string node, string projection);

    [LoggerMessage(3007, LogLevel.Information, "Node {Node} gave up projection {Projection} (fair share {Share})")]
    public static partial void Released(ILogger logger, string node, string projection, int share);

    [LoggerMessage(3008, LogLevel.Warning, "Node {Node} reaped dead node {Dead}")]
    public static partial void Reaped(ILogger logger, string node, string dead);

    [LoggerMessage(3009, LogLevel.Warning, "Node {Node} lost its lock connection; its projections stop until it reconnects")]
    public static partial void LockConnectionLost(ILogger logger, string node, Exception exception);

    [LoggerMessage(3010, LogLevel.Information, "Rebuild of {Projection} started into {Shadow}")]
    public static partial void RebuildStarted(ILogger logger, string projection, string shadow);

    [LoggerMessage(3011, LogLevel.Information, "Rebuild of {Projection} swapped in after {Done} events")]
    public static partial void RebuildCompleted(ILogger logger, string projection, long done);

    [LoggerMessage(3012, LogLevel.Error, "Rebuild of {Projection} failed; the live tables were not touched")]
    public static partial void RebuildFailed(ILogger logger, string projection, Exception exception);

    [LoggerMessage(3013, LogLevel.Warning, "Projection {Projection}: skipped event {Position} by operator")]
    public static partial void Skipped(ILogger logger, string projection, EventPosition position);
}
