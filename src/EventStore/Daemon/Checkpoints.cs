using Cabinets.EventStore.Events;
using Npgsql;

namespace Cabinets.EventStore.Daemon;

internal sealed record CheckpointRow(EventPosition Position, ProjectionState State);

/// <summary>
/// `es.projection_checkpoints` (script 0002). Every change of position is optimistic on the old
/// position, so a runner that lost its lock, a rebuild swap and an operator's skip can race
/// without an event ever being applied twice (ADR-0003).
/// </summary>
internal static class Checkpoints
{
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, IEnumerable<string> names, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "insert into es.projection_checkpoints (name) select unnest($1::text[]) on conflict (name) do nothing");
        cmd.Parameters.Add(new() { Value = names.ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task<CheckpointRow?> LoadAsync(NpgsqlDataSource dataSource, string name, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("select tx_id::text, seq, status from es.projection_checkpoints where name = $1");
        cmd.Parameters.Add(new() { Value = name });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new CheckpointRow(Positions.Parse(r.GetString(0), r.GetInt64(1)), ParseState(r.GetString(2)));
    }

    /// <summary>
    /// First statement of an apply transaction: locks the row if it is still at <paramref name="at"/>
    /// and not parked. Taking the row first orders every writer of this projection (runner,
    /// rebuild swap, skip) before any of them touches read-model tables, so they cannot deadlock.
    /// </summary>
    public static async Task<bool> LockAtAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string name, EventPosition at, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select 1 from es.projection_checkpoints
             where name = $1 and tx_id = $2::text::xid8 and seq = $3 and status <> 'parked' for update
            """, conn, tx);
        AddPosition(cmd, name, at);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>Moves the position from <paramref name="from"/> to <paramref name="to"/>; false when someone else moved it.</summary>
    public static async Task<bool> AdvanceAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string name, EventPosition from, EventPosition to, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            update es.projection_checkpoints set tx_id = $4::text::xid8, seq = $5, updated_at = now()
             where name = $1 and tx_id = $2::text::xid8 and seq = $3
            """, conn, tx);
        AddPosition(cmd, name, from);
        cmd.Parameters.Add(new() { Value = Positions.Xid(to) });
        cmd.Parameters.Add(new() { Value = to.Sequence });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Parks the projection at <paramref name="at"/>, naming the event that failed.</summary>
    public static async Task<bool> ParkAsync(NpgsqlDataSource dataSource, string name, EventPosition at, EventPosition failed, string error, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            update es.projection_checkpoints
               set status = 'parked', error = $4, failed_tx_id = $5::text::xid8, failed_seq = $6, updated_at = now()
             where name = $1 and tx_id = $2::text::xid8 and seq = $3 and status <> 'parked'
            """);
        AddPosition(cmd, name, at);
        cmd.Parameters.Add(new() { Value = error });
        cmd.Parameters.Add(new() { Value = Positions.Xid(failed) });
        cmd.Parameters.Add(new() { Value = failed.Sequence });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public static async Task<bool> RetryAsync(NpgsqlDataSource dataSource, string name, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            update es.projection_checkpoints
               set status = 'running', error = null, failed_tx_id = null, failed_seq = null, updated_at = now()
             where name = $1 and status = 'parked'
            """);
        cmd.Parameters.Add(new() { Value = name });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// Moves a parked projection past exactly the event it failed on, and records the skip with
    /// that event's identity and error, all in one statement.
    /// </summary>
    public static async Task<bool> SkipAsync(NpgsqlDataSource dataSource, string name, EventPosition failed, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            with old as (
                select c.error from es.projection_checkpoints c
                 where c.name = $1 and c.status = 'parked' and c.failed_tx_id = $2::text::xid8 and c.failed_seq = $3
                   for update),
            moved as (
                update es.projection_checkpoints c
                   set tx_id = $2::text::xid8, seq = $3, status = 'running', error = null,
                       failed_tx_id = null, failed_seq = null, updated_at = now()
                  from old where c.name = $1
                returning c.name)
            insert into es.projection_skips (name, tx_id, seq, stream_id, version, type, error)
            select $1, e.tx_id, e.seq, e.stream_id, e.version, e.type, old.error
              from moved, old, es.events e
             where e.seq = $3 and e.tx_id = $2::text::xid8
            """);
        AddPosition(cmd, name, failed);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public static ProjectionState ParseState(string status) => status switch
    {
        "parked" => ProjectionState.Parked,
        "rebuilding" => ProjectionState.Rebuilding,
        _ => ProjectionState.Running,
    };

    private static void AddPosition(NpgsqlCommand cmd, string name, EventPosition p)
    {
        cmd.Parameters.Add(new() { Value = name });
        cmd.Parameters.Add(new() { Value = Positions.Xid(p) });
        cmd.Parameters.Add(new() { Value = p.Sequence });
    }
}
