using System.Text.RegularExpressions;
using Cabinets.EventStore.Projections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cabinets.EventStore.Daemon;

/// <summary>
/// The async projection daemon (ADR-0003), one per process. It runs the registered
/// <see cref="ProjectionLifecycle.Async"/> projections that this node owns — projections are
/// spread over the live daemons on the database, each run by exactly one — reading events in
/// (tx_id, seq) order below the xmin horizon, so a slow or rolled-back transaction is never
/// skipped, and writing rows and checkpoint in one transaction. Status, retry, skip, waits and
/// rebuilds (<see cref="RebuildAsync"/>, inline projections too) work with or without
/// <see cref="StartAsync"/>: they act on the database.
/// </summary>
public sealed partial class ProjectionDaemon : IAsyncDisposable
{
    private readonly DaemonRuntime _rt;
    private readonly Dictionary<string, IProjection> _projections;
    private readonly IReadOnlyList<IProjection> _async;
    private NodeCoordinator? _coordinator;
    private CancellationTokenSource? _cts;
    private Task? _loop;
    private Task? _stopping;
    private readonly Lock _stopLock = new();

    public ProjectionDaemon(PostgresEventStore store, IEnumerable<IProjection> projections, ProjectionDaemonOptions? options = null,
        ILogger<ProjectionDaemon>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new ProjectionDaemonOptions();
        options.Validate();
        _rt = new DaemonRuntime(store.DataSource, store.Types, options, logger ?? (ILogger)NullLogger.Instance, time ?? TimeProvider.System);
        _projections = new Dictionary<string, IProjection>(StringComparer.Ordinal);
        foreach (var p in projections)
        {
            // the name keys the checkpoint and names the shadow schema `rm_rebuild_<name>` (63-byte limit)
            if (!ValidName().IsMatch(p.Name)) throw new ArgumentException($"projection name '{p.Name}' must be lower_snake_case, at most 50 characters");
            if (!_projections.TryAdd(p.Name, p)) throw new ArgumentException($"projection '{p.Name}' is registered twice");
        }
        _async = _projections.Values.Where(p => p.Lifecycle == ProjectionLifecycle.Async).ToList();
    }

    public string NodeId => _rt.NodeId;

    /// <summary>The projections this node runs right now.</summary>
    public IReadOnlyCollection<string> OwnedProjections => _coordinator?.Owned ?? [];

    /// <summary>
    /// Creates the live tables and checkpoint rows, joins the nodes on the database and returns
    /// once this node has taken its first fair share. Schema migrations must have run.
    /// </summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        if (_loop is not null) throw new InvalidOperationException("the daemon is already started");
        await PrepareAsync(ct);
        _cts = new CancellationTokenSource();
        _coordinator = new NodeCoordinator(_async, _rt);
        var coordinator = _coordinator;
        _loop = Task.Run(() => coordinator.RunAsync(_cts.Token), CancellationToken.None);
        try
        {
            await coordinator.FirstTick.WaitAsync(ct);
        }
        catch
        {
            await StopCoreAsync(abrupt: false);
            throw;
        }
        DaemonLog.Started(_rt.Logger, NodeId, _async.Count);
    }

    /// <summary>Stops after the batches in flight, frees this node's projections for the others and leaves.</summary>
    public Task StopAsync() => StopCoreAsync(abrupt: false);

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>Tests: stop as a killed process would — transactions in flight roll back, nothing is said goodbye.</summary>
    internal Task KillAsync() => StopCoreAsync(abrupt: true);

    /// <summary>Tests: behave as a hung process — keep the locks, stop running and heartbeating.</summary>
    internal void Hang() => _coordinator?.Hang();

    // The host stops the daemon and then the container disposes it: both may arrive together, so
    // the first caller takes the running loop and the others wait for that same stop.
    private Task StopCoreAsync(bool abrupt)
    {
        lock (_stopLock)
        {
            if (_stopping is { IsCompleted: false } inFlight) return inFlight;
            if (_loop is not { } loop || _cts is not { } cts) return Task.CompletedTask;
            if (abrupt) _coordinator?.MarkAbrupt();
            _stopping = StopLoopAsync(loop, cts);
            return _stopping;
        }
    }

    private async Task StopLoopAsync(Task loop, CancellationTokenSource cts)
    {
        await cts.CancelAsync();
        await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cts.Dispose();
        lock (_stopLock) (_loop, _cts, _coordinator, _stopping) = (null, null, null, null);
        DaemonLog.Stopped(_rt.Logger, NodeId);
    }

    private async Task PrepareAsync(CancellationToken ct)
    {
        await using var conn = await _rt.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // nodes starting together take turns on `create ... if not exists`, which can race
        await using (var gate = new NpgsqlCommand($"select pg_advisory_xact_lock({LockConnection.ProjectionLocks}, 0)", conn, tx))
            await gate.ExecuteNonQueryAsync(ct);
        foreach (var p in _projections.Values)
        {
            await using var ddl = new NpgsqlCommand(p.CreateTablesSql(ProjectionContext.LiveSchema), conn, tx);
            await ddl.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        await Checkpoints.EnsureAsync(_rt.DataSource, _async.Select(p => p.Name), ct);
    }

    private IProjection Get(string name) => _projections.TryGetValue(name, out var p)
        ? p : throw new ArgumentException($"projection '{name}' is not registered with this daemon", nameof(name));

    [GeneratedRegex("^[a-z][a-z0-9_]{0,49}$")]
    private static partial Regex ValidName();
}
