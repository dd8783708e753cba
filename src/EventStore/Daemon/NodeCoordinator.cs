using Cabinets.EventStore.Projections;
using Npgsql;

namespace Cabinets.EventStore.Daemon;

/// <summary>
/// One node among the daemons on a database: heartbeats, reaps dead nodes, and holds a fair share
/// (ceil(projections / live nodes)) of projection locks, running each owned one (ADR-0003).
/// Exactly-once does not depend on this: every apply is fenced by the checkpoint's old position.
/// </summary>
internal sealed class NodeCoordinator(IReadOnlyList<IProjection> projections, DaemonRuntime rt)
{
    private readonly Dictionary<string, OwnedRunner> _owned = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _firstTick = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _abrupt;
    private volatile bool _hung;

    public Task FirstTick => _firstTick.Task;

    public IReadOnlyCollection<string> Owned { get { lock (_owned) return _owned.Keys.ToList(); } }

    public void Wake(string name)
    {
        lock (_owned) if (_owned.TryGetValue(name, out var o)) o.Runner.Wake();
    }

    /// <summary>From now on, stop as a killed process would: no unlocking, no goodbye.</summary>
    public void MarkAbrupt() => _abrupt = true;

    /// <summary>Test hook: behave as a hung process: keep the locks, run nothing, stop heartbeating.</summary>
    internal void Hang() => _hung = true;

    public async Task RunAsync(CancellationToken ct)
    {
        var attempt = 0;
        while (!ct.IsCancellationRequested)
        {
            LockConnection? locks = null;
            try
            {
                locks = await LockConnection.OpenAsync(rt.DataSource, rt.Options, ct);
                await NodeSql.RegisterAsync(locks.Connection, rt.NodeId, ct);
                while (!ct.IsCancellationRequested)
                {
                    if (_hung) await StopRunnersAsync();
                    else await TickAsync(locks, ct);
                    _firstTick.TrySetResult();
                    attempt = 0;
                    await rt.Delay(rt.Options.RebalanceInterval, ct);
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                _firstTick.TrySetException(e);
                DaemonLog.LockConnectionLost(rt.Logger, rt.NodeId, e);
                await StopRunnersAsync();
                await rt.Delay(rt.Backoff(++attempt), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            finally
            {
                await StopRunnersAsync();
                if (locks is not null)
                {
                    if (!_abrupt) await LeaveAsync(locks);
                    await locks.DisposeAsync(); // ends the session: PostgreSQL frees any lock still held
                }
            }
        }
    }

    private async Task TickAsync(LockConnection locks, CancellationToken ct)
    {
        var conn = locks.Connection;
        if (!await NodeSql.HeartbeatAsync(conn, rt.NodeId, ct))
            throw new InvalidOperationException($"node {rt.NodeId} was reaped as dead; re-registering");
        foreach (var dead in await NodeSql.ReapAsync(conn, rt.NodeId, rt.Options.NodeTimeout, ct))
            DaemonLog.Reaped(rt.Logger, rt.NodeId, dead);
        var live = Math.Max(1, await NodeSql.LiveNodesAsync(conn, ct));
        var share = (projections.Count + live - 1) / live;

        var order = PreferenceOrder();
        foreach (var name in order.AsEnumerable().Reverse().Where(n => Owns(n)).Take(Math.Max(0, Count - share)).ToList())
        {
            await StopRunnerAsync(name);
            await locks.UnlockAsync(LockConnection.ProjectionLocks, name, ct);
            await NodeSql.SetOwnerAsync(conn, name, null, rt.NodeId, ct);
            DaemonLog.Released(rt.Logger, rt.NodeId, name, share);
        }
        foreach (var name in order)
        {
            if (Count >= share) break;
            if (Owns(name) || !await locks.TryLockAsync(LockConnection.ProjectionLocks, name, ct)) continue;
            await NodeSql.SetOwnerAsync(conn, name, rt.NodeId, null, ct);
            Start(projections.First(p => p.Name == name));
            DaemonLog.Acquired(rt.Logger, rt.NodeId, name);
        }
    }

    /// <summary>Each node tries projections in its own rotation, so nodes rarely compete for the same lock.</summary>
    private List<string> PreferenceOrder()
    {
        var names = projections.Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0) return names;
        var offset = (int)((uint)StringComparer.Ordinal.GetHashCode(rt.NodeId) % (uint)names.Count);
        return [.. names.Skip(offset), .. names.Take(offset)];
    }

    private int Count { get { lock (_owned) return _owned.Count; } }

    private bool Owns(string name) { lock (_owned) return _owned.ContainsKey(name); }

    private void Start(IProjection projection)
    {
        var runner = new ProjectionRunner(projection, rt);
        var cts = new CancellationTokenSource();
        var task = Task.Run(() => runner.RunAsync(cts.Token), CancellationToken.None);
        lock (_owned) _owned[projection.Name] = new OwnedRunner(runner, cts, task);
    }

    private async Task StopRunnerAsync(string name)
    {
        OwnedRunner? owned;
        lock (_owned)
        {
            if (!_owned.Remove(name, out owned)) return;
        }
        await owned.CancelAsync();
        // A runner mid-apply rolls back on cancellation; either way its commit is fenced by the checkpoint.
        // Wait briefly: a tick that stalls past NodeTimeout would get this node reaped as hung.
        await owned.Task.WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (owned.Task.IsCompleted) owned.Cts.Dispose(); // else the runner still observes its (cancelled) token
    }

    private async Task StopRunnersAsync()
    {
        foreach (var name in Owned) await StopRunnerAsync(name);
    }

    private async Task LeaveAsync(LockConnection locks)
    {
        try
        {
            await NodeSql.LeaveAsync(locks.Connection, rt.NodeId, CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // the connection is gone: so is the session, its locks, and (after reaping) the node row
        }
    }

    private sealed record OwnedRunner(ProjectionRunner Runner, CancellationTokenSource Cts, Task Task)
    {
        public Task CancelAsync() => Cts.CancelAsync();
    }
}
