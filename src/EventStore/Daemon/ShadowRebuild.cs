using Cabinets.EventStore.Events;
using Cabinets.EventStore.Projections;
using Npgsql;

namespace Cabinets.EventStore.Daemon;

/// <summary>
/// Rebuild without downtime (ADR-0003): replay every event into `rm_rebuild_&lt;name&gt;` in
/// checkpointed batches while the live tables serve and the live projection runs, catch up with
/// it, then in one short transaction (<see cref="ShadowSwap"/>) apply the last few events, drop
/// the live tables and move the shadow ones into `rm`. A failure leaves the live tables untouched.
/// </summary>
internal sealed class ShadowRebuild(IProjection projection, DaemonRuntime rt)
{
    private readonly string _shadow = $"rm_rebuild_{projection.Name}";
    private readonly CommittedReader _reader = new(projection.EventTypes, rt.Types);

    private string Name => projection.Name;

    public async Task<RebuildProgress> RunAsync(IProgress<RebuildProgress>? progress, CancellationToken ct)
    {
        // One rebuild per projection across every process: a session lock held for its duration.
        await using var guard = await LockConnection.OpenAsync(rt.DataSource, rt.Options, ct);
        if (!await guard.TryLockAsync(LockConnection.RebuildLocks, Name, ct))
            throw new InvalidOperationException($"projection '{Name}' is already being rebuilt");
        DaemonLog.RebuildStarted(rt.Logger, Name, _shadow);
        try
        {
            var total = await BeginAsync(ct);
            var (position, done) = (EventPosition.Start, 0L);
            progress?.Report(new RebuildProgress(Name, RebuildPhase.Replaying, 0, total, position));
            while (true)
            {
                var batch = await _reader.ReadAsync(rt.DataSource, position, rt.Options.BatchSize, await TargetAsync(ct), ct);
                if (batch.Frontier > position)
                {
                    await ApplyAsync(position, batch, done + batch.Events.Count, ct);
                    (position, done) = (batch.Frontier, done + batch.Events.Count);
                    total = Math.Max(total, done);
                    progress?.Report(new RebuildProgress(Name, RebuildPhase.Replaying, done, total, position));
                }
                if (!batch.Full) break; // caught up with the target as of this read
            }

            progress?.Report(new RebuildProgress(Name, RebuildPhase.Swapping, done, total, position));
            var (finalPosition, finalDone) = await new ShadowSwap(projection, rt, _shadow).RunAsync(position, done, ct);
            var completed = new RebuildProgress(Name, RebuildPhase.Completed, finalDone, finalDone, finalPosition);
            progress?.Report(completed);
            DaemonLog.RebuildCompleted(rt.Logger, Name, finalDone);
            return completed;
        }
        catch (Exception e)
        {
            DaemonLog.RebuildFailed(rt.Logger, Name, e);
            await AbandonAsync();
            throw;
        }
    }

    /// <summary>An async projection is chased up to its live checkpoint; an inline one up to the head.</summary>
    private async Task<EventPosition> TargetAsync(CancellationToken ct) => projection.Lifecycle == ProjectionLifecycle.Async
        ? (await Checkpoints.LoadAsync(rt.DataSource, Name, ct))?.Position ?? EventPosition.Start
        : Positions.End;

    private async Task<long> BeginAsync(CancellationToken ct)
    {
        await using var conn = await rt.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Exec(conn, tx, $"drop schema if exists {_shadow} cascade; create schema {_shadow};", ct);
        await Exec(conn, tx, projection.CreateTablesSql(_shadow), ct);
        await using var batch = new NpgsqlBatch(conn, tx)
        {
            BatchCommands =
            {
                new("""
                    insert into es.projection_rebuilds (name, shadow_schema, node_id) values ($1, $2, $3)
                    on conflict (name) do update set shadow_schema = $2, node_id = $3, tx_id = '0', seq = 0, done = 0,
                        total = 0, started_at = now(), updated_at = now()
                    """) { Parameters = { new() { Value = Name }, new() { Value = _shadow }, new() { Value = rt.NodeId } } },
                new("update es.projection_checkpoints set status = 'rebuilding' where name = $1 and status = 'running'")
                    { Parameters = { new() { Value = Name } } },
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
        await using var count = new NpgsqlCommand("""
            update es.projection_rebuilds
               set total = (select count(*) from es.events where cardinality($2::text[]) = 0 or type = any($2))
             where name = $1 returning total
            """, conn, tx) { Parameters = { new() { Value = Name }, new() { Value = projection.EventTypes.ToArray() } } };
        var total = (long)(await count.ExecuteScalarAsync(ct))!;
        await tx.CommitAsync(ct);
        return total;
    }

    private async Task ApplyAsync(EventPosition from, CommittedBatch batch, long done, CancellationToken ct)
    {
        await using var conn = await rt.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (batch.Events.Count > 0) await projection.ApplyAsync(new ProjectionContext(conn, tx, _shadow), batch.Events, ct);
        // the shadow's own checkpoint, written with its rows and fenced like the live one
        await using var cmd = new NpgsqlCommand("""
            update es.projection_rebuilds set tx_id = $4::text::xid8, seq = $5, done = $6, total = greatest(total, $6), updated_at = now()
             where name = $1 and tx_id = $2::text::xid8 and seq = $3
            """, conn, tx)
        {
            Parameters =
            {
                new() { Value = Name }, new() { Value = Positions.Xid(from) }, new() { Value = from.Sequence },
                new() { Value = Positions.Xid(batch.Frontier) }, new() { Value = batch.Frontier.Sequence }, new() { Value = done },
            },
        };
        if (await cmd.ExecuteNonQueryAsync(ct) != 1)
            throw new InvalidOperationException($"the rebuild of '{Name}' was taken over by another rebuild");
        await tx.CommitAsync(ct);
    }

    private async Task AbandonAsync()
    {
        try
        {
            await using var conn = await rt.DataSource.OpenConnectionAsync(CancellationToken.None);
            await using var batch = new NpgsqlBatch(conn)
            {
                BatchCommands =
                {
                    new($"drop schema if exists {_shadow} cascade"),
                    new("delete from es.projection_rebuilds where name = $1") { Parameters = { new() { Value = Name } } },
                    new("update es.projection_checkpoints set status = 'running' where name = $1 and status = 'rebuilding'")
                        { Parameters = { new() { Value = Name } } },
                },
            };
            await batch.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // the database is unreachable: the next rebuild starts by dropping the shadow schema anyway
        }
    }

    internal static async Task Exec(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
