using Cabinets.EventStore.Events;
using Cabinets.EventStore.Projections;
using Cabinets.EventStore.Reading;
using Npgsql;

namespace Cabinets.EventStore.Daemon;

/// <summary>
/// The rebuild's one short transaction (ADR-0003). For an async projection it locks the
/// checkpoint row, which every live apply takes first, so the live runner pauses; the tail is
/// (shadow position, live checkpoint], and the checkpoint stays where it is: the live runner
/// resumes from it into the new tables. For an inline projection it locks the live tables in
/// EXCLUSIVE mode — reads go on, but no append transaction can write them — after every writer
/// already in them has committed; the tail is then every committed event after the shadow
/// position, and appends that were waiting write into the new tables once this commits.
/// </summary>
internal sealed class ShadowSwap(IProjection projection, DaemonRuntime rt, string shadow)
{
    private const int Attempts = 10;

    public async Task<(EventPosition Position, long Done)> RunAsync(EventPosition position, long done, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SwapOnceAsync(position, done, ct);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected && attempt < Attempts)
            {
                // a long query on the live tables: give way to it rather than queue every reader behind us
                await rt.Delay(rt.Backoff(attempt), ct);
            }
        }
    }

    private async Task<(EventPosition, long)> SwapOnceAsync(EventPosition position, long done, CancellationToken ct)
    {
        await using var conn = await rt.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ShadowRebuild.Exec(conn, tx, "set local lock_timeout = '3s'", ct);
        var tables = await ShadowTablesAsync(conn, tx, ct);
        EventPosition upTo;
        if (projection.Lifecycle == ProjectionLifecycle.Async)
        {
            await using var cmd = new NpgsqlCommand("select tx_id::text, seq from es.projection_checkpoints where name = $1 for update", conn, tx)
            { Parameters = { new() { Value = projection.Name } } };
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                upTo = await r.ReadAsync(ct) ? Positions.Parse(r.GetString(0), r.GetInt64(1)) : EventPosition.Start;
        }
        else
        {
            var live = string.Join(", ", tables.Select(t => $"{ProjectionContext.LiveSchema}.{Quote(t)}"));
            if (live.Length > 0) await ShadowRebuild.Exec(conn, tx, $"lock table {live} in exclusive mode", ct);
            upTo = Positions.End;
        }

        // The tail: everything here is committed and, for async, below an earlier xmin horizon.
        while (true)
        {
            var tail = await ReadTailAsync(conn, tx, position, upTo, ct);
            if (tail.Count == 0) break;
            await projection.ApplyAsync(new ProjectionContext(conn, tx, shadow), tail, ct);
            (position, done) = (tail[^1].Position, done + tail.Count);
        }
        if (projection.Lifecycle == ProjectionLifecycle.Async) position = Positions.Max(position, upTo);

        foreach (var t in tables)
        {
            await ShadowRebuild.Exec(conn, tx,
                $"drop table if exists {ProjectionContext.LiveSchema}.{Quote(t)} cascade; alter table {shadow}.{Quote(t)} set schema {ProjectionContext.LiveSchema}", ct);
        }
        await ShadowRebuild.Exec(conn, tx, $"drop schema {shadow} cascade", ct);
        await using var done1 = new NpgsqlBatch(conn, tx)
        {
            BatchCommands =
            {
                new("delete from es.projection_rebuilds where name = $1") { Parameters = { new() { Value = projection.Name } } },
                new("update es.projection_checkpoints set status = 'running', updated_at = now() where name = $1 and status = 'rebuilding'")
                    { Parameters = { new() { Value = projection.Name } } },
            },
        };
        await done1.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return (position, done);
    }

    private async Task<List<string>> ShadowTablesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition
             order by c.relname
            """, conn, tx) { Parameters = { new() { Value = shadow } } };
        var list = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(r.GetString(0));
        return list;
    }

    // `e.tx_id`, qualified: the select list's `tx_id::text` is also named tx_id, and a bare name
    // in ORDER BY means the output column, which would sort transaction ids as text ('999' > '1000').
    private async Task<List<StoredEvent>> ReadTailAsync(NpgsqlConnection conn, NpgsqlTransaction tx, EventPosition after, EventPosition upTo, CancellationToken ct)
    {
        var types = projection.EventTypes;
        await using var cmd = new NpgsqlCommand($"""
            select {EventRows.Columns} from es.events e
             where (e.tx_id, e.seq) > ($1::text::xid8, $2) and (e.tx_id, e.seq) <= ($4::text::xid8, $5)
                   {(types.Count > 0 ? "and e.type = any($6)" : "")}
             order by e.tx_id, e.seq limit $3
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = Positions.Xid(after) });
        cmd.Parameters.Add(new() { Value = after.Sequence });
        cmd.Parameters.Add(new() { Value = rt.Options.BatchSize });
        cmd.Parameters.Add(new() { Value = Positions.Xid(upTo) });
        cmd.Parameters.Add(new() { Value = upTo.Sequence });
        if (types.Count > 0) cmd.Parameters.Add(new() { Value = types.ToArray() });
        return await EventRows.ReadAllAsync(cmd, rt.Types, ct);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
