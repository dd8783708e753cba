using Cabinets.EventStore.Events;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cabinets.EventStore.Daemon;

/// <summary>What every part of one daemon shares.</summary>
internal sealed record DaemonRuntime(
    NpgsqlDataSource DataSource,
    EventTypeRegistry Types,
    ProjectionDaemonOptions Options,
    ILogger Logger,
    TimeProvider Time)
{
    public string NodeId => Options.NodeId;

    /// <summary>Exponential back-off from 100 ms up to <see cref="ProjectionDaemonOptions.MaxRetryDelay"/>.</summary>
    public TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(Options.MaxRetryDelay.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(attempt, 16))));

    public Task Delay(TimeSpan delay, CancellationToken ct) => Task.Delay(delay, Time, ct);
}
