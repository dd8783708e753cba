using Npgsql;

namespace Cabinets.EventStore.Daemon;

/// <summary>`es.daemon_nodes` and checkpoint ownership, always on the node's lock connection.</summary>
internal static class NodeSql
{
    public static async Task RegisterAsync(NpgsqlConnection conn, string nodeId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            insert into es.daemon_nodes (node_id, host, process_id, lock_pid, lock_backend_start)
            select $1, $2, $3, a.pid, a.backend_start from pg_stat_activity a where a.pid = pg_backend_pid()
            on conflict (node_id) do update
               set lock_pid = excluded.lock_pid, lock_backend_start = excluded.lock_backend_start, heartbeat_at = now()
            """, conn);
        cmd.Parameters.Add(new() { Value = nodeId });
        cmd.Parameters.Add(new() { Value = Environment.MachineName });
        cmd.Parameters.Add(new() { Value = Environment.ProcessId });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>False when another node reaped this one (it was taken for dead): re-register.</summary>
    public static async Task<bool> HeartbeatAsync(NpgsqlConnection conn, string nodeId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "update es.daemon_nodes set heartbeat_at = now() where node_id = $1 and lock_pid = pg_backend_pid()", conn);
        cmd.Parameters.Add(new() { Value = nodeId });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// Removes nodes whose lock session is gone (a killed process) or that stopped heartbeating (a
    /// hung one: its lock session is terminated, which frees its projections — its lease expired).
    /// Matching pid and backend start keeps a recycled pid from passing for the old session.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReapAsync(NpgsqlConnection conn, string nodeId, TimeSpan timeout, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            with dead as (
                delete from es.daemon_nodes n
                 where n.node_id <> $1
                   and (n.heartbeat_at < now() - $2::interval
                        or not exists (select 1 from pg_stat_activity a
                                        where a.pid = n.lock_pid and a.backend_start = n.lock_backend_start))
                returning n.node_id, n.lock_pid, n.lock_backend_start),
            disowned as (
                update es.projection_checkpoints c set owner_node = null from dead where c.owner_node = dead.node_id)
            select d.node_id, (select pg_terminate_backend(a.pid) from pg_stat_activity a
                                where a.pid = d.lock_pid and a.backend_start = d.lock_backend_start)
              from dead d
            """, conn);
        cmd.Parameters.Add(new() { Value = nodeId });
        cmd.Parameters.Add(new() { Value = timeout });
        var dead = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) dead.Add(r.GetString(0));
        return dead;
    }

    public static async Task<int> LiveNodesAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select count(*) from es.daemon_nodes", conn);
        return (int)(long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Sets the shown owner; with <paramref name="onlyIf"/>, only when that node is still the owner.</summary>
    public static async Task SetOwnerAsync(NpgsqlConnection conn, string projection, string? owner, string? onlyIf, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            update es.projection_checkpoints set owner_node = $2
             where name = $1 and ($3::text is null or owner_node = $3)
            """, conn);
        cmd.Parameters.Add(new() { Value = projection });
        cmd.Parameters.Add(new() { Value = (object?)owner ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)onlyIf ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A graceful goodbye: frees the locks and disowns now, rather than when the session ends.</summary>
    public static async Task LeaveAsync(NpgsqlConnection conn, string nodeId, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn)
        {
            BatchCommands =
            {
                new("select pg_advisory_unlock_all()"),
                new("update es.projection_checkpoints set owner_node = null where owner_node = $1") { Parameters = { new() { Value = nodeId } } },
                new("delete from es.daemon_nodes where node_id = $1") { Parameters = { new() { Value = nodeId } } },
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
    }
}
