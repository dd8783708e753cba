using System.Diagnostics;
using Cabinets.EventStore.Events;
using Npgsql;

namespace Cabinets.EventStore.Daemon;

public sealed partial class ProjectionDaemon
{
    /// <summary>Every registered projection that has a checkpoint: position, state, error, lag and owner.</summary>
    public async Task<IReadOnlyList<ProjectionStatus>> GetStatusAsync(CancellationToken ct = default)
    {
        var list = new List<ProjectionStatus>();
        await using (var cmd = _rt.DataSource.CreateCommand("""
            select c.name, c.tx_id::text, c.seq, c.status, c.error, c.failed_tx_id::text, c.failed_seq,
                   (select n.node_id from es.daemon_nodes n where n.node_id = c.owner_node),
                   c.updated_at, r.done, r.total, r.tx_id::text, r.seq
              from es.projection_checkpoints c left join es.projection_rebuilds r on r.name = c.name
             where c.name = any($1)
             order by c.name
            """))
        {
            cmd.Parameters.Add(new() { Value = _projections.Keys.ToArray() });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var name = r.GetString(0);
                list.Add(new ProjectionStatus(name,
                    Positions.Parse(r.GetString(1), r.GetInt64(2)),
                    Checkpoints.ParseState(r.GetString(3)),
                    r.IsDBNull(4) ? null : r.GetString(4),
                    r.IsDBNull(5) ? null : Positions.Parse(r.GetString(5), r.GetInt64(6)),
                    LagEvents: 0,
                    r.IsDBNull(7) ? null : r.GetString(7),
                    r.IsDBNull(9) ? null : new RebuildProgress(name, RebuildPhase.Replaying, r.GetInt64(9), r.GetInt64(10), Positions.Parse(r.GetString(11), r.GetInt64(12))),
                    new DateTimeOffset(r.GetDateTime(8), TimeSpan.Zero)));
            }
        }
        for (var i = 0; i < list.Count; i++)
            list[i] = list[i] with { LagEvents = await LagAsync(list[i].Name, list[i].Position, ct) };
        return list;
    }

    public async Task<ProjectionStatus> GetStatusAsync(string name, CancellationToken ct = default)
    {
        Get(name);
        return (await GetStatusAsync(ct)).SingleOrDefault(s => s.Name == name)
            ?? throw new InvalidOperationException($"projection '{name}' has no checkpoint yet");
    }

    /// <summary>The xmin horizon, how many committed events wait above it, and the transaction holding it.</summary>
    public async Task<ReadHorizon> GetHorizonAsync(CancellationToken ct = default)
    {
        await using var cmd = _rt.DataSource.CreateCommand("""
            select pg_snapshot_xmin(pg_current_snapshot())::text,
                   (select count(*) from es.events where tx_id >= pg_snapshot_xmin(pg_current_snapshot())),
                   a.pid, a.backend_xid::text, a.xact_start, a.state, a.application_name
              from (select 1) one left join lateral (
                    select * from pg_stat_activity a
                     where a.backend_xid is not null and a.pid <> pg_backend_pid()
                     order by age(a.backend_xid) desc limit 1) a on true
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var oldest = r.IsDBNull(2) ? null : new OldestTransaction(r.GetInt32(2), ulong.Parse(r.GetString(3), System.Globalization.CultureInfo.InvariantCulture),
            r.IsDBNull(4) ? null : new DateTimeOffset(r.GetDateTime(4), TimeSpan.Zero),
            r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6));
        return new ReadHorizon(ulong.Parse(r.GetString(0), System.Globalization.CultureInfo.InvariantCulture), r.GetInt64(1), oldest);
    }

    /// <summary>
    /// Waits until <paramref name="name"/> has applied everything up to <paramref name="position"/>
    /// (any event's position: filtered projections move past events they do not read). Polls the
    /// checkpoint, so it sees the work of any daemon on the database. Throws
    /// <see cref="ProjectionParkedException"/> at once when the projection parks.
    /// </summary>
    public async Task<EventPosition> WaitForAsync(string name, EventPosition position, TimeSpan timeout, CancellationToken ct = default)
    {
        Get(name);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var row = await Checkpoints.LoadAsync(_rt.DataSource, name, ct);
            if (row is not null && row.Position >= position) return row.Position;
            if (row?.State == ProjectionState.Parked) throw new ProjectionParkedException(await GetStatusAsync(name, ct));
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"projection '{name}' is at {row?.Position} after {timeout}, waiting for {position}");
            await _rt.Delay(TimeSpan.FromMilliseconds(10), ct);
        }
    }

    /// <summary>Waits until <paramref name="name"/> has applied every event committed before this call.</summary>
    public async Task<EventPosition> WaitForCatchUpAsync(string name, TimeSpan timeout, CancellationToken ct = default)
    {
        await using var cmd = _rt.DataSource.CreateCommand("select e.tx_id::text, e.seq from es.events e order by e.tx_id desc, e.seq desc limit 1");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var head = await r.ReadAsync(ct) ? Positions.Parse(r.GetString(0), r.GetInt64(1)) : EventPosition.Start;
        return await WaitForAsync(name, head, timeout, ct);
    }

    /// <summary>Resumes a parked projection from its checkpoint (after the handler was fixed). False when it was not parked.</summary>
    public async Task<bool> RetryAsync(string name, CancellationToken ct = default)
    {
        Get(name);
        var resumed = await Checkpoints.RetryAsync(_rt.DataSource, name, ct);
        _coordinator?.Wake(name);
        return resumed;
    }

    /// <summary>
    /// Skips exactly the event a parked projection failed on, recorded in `es.projection_skips` with
    /// its error, and resumes. False (nothing changed) unless parked at exactly <paramref name="position"/>.
    /// </summary>
    public async Task<bool> SkipAsync(string name, EventPosition position, CancellationToken ct = default)
    {
        Get(name);
        var skipped = await Checkpoints.SkipAsync(_rt.DataSource, name, position, ct);
        if (skipped) DaemonLog.Skipped(_rt.Logger, name, position);
        _coordinator?.Wake(name);
        return skipped;
    }

    /// <summary>
    /// Rebuilds <paramref name="name"/> from the first event into a shadow schema while the live
    /// tables keep serving and the live projection keeps running, then swaps it in in one short
    /// transaction. Works for inline projections too (see <see cref="ShadowRebuild"/>).
    /// </summary>
    public Task<RebuildProgress> RebuildAsync(string name, IProgress<RebuildProgress>? progress = null, CancellationToken ct = default) =>
        new ShadowRebuild(Get(name), _rt).RunAsync(progress, ct);

    private async Task<long> LagAsync(string name, EventPosition position, CancellationToken ct)
    {
        var types = _projections[name].EventTypes;
        await using var cmd = _rt.DataSource.CreateCommand(
            $"select count(*) from es.events where (tx_id, seq) > ($1::text::xid8, $2) {(types.Count > 0 ? "and type = any($3)" : "")}");
        cmd.Parameters.Add(new() { Value = Positions.Xid(position) });
        cmd.Parameters.Add(new() { Value = position.Sequence });
        if (types.Count > 0) cmd.Parameters.Add(new NpgsqlParameter { Value = types.ToArray() });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
