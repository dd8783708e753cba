using Npgsql;

namespace Cabinets.EventStore.Daemon;

/// <summary>
/// The node's own physical connection (never pooled: closing it must end the session) that holds
/// a session advisory lock per owned projection and carries the heartbeat. When the process
/// dies the session ends and PostgreSQL frees its locks at once; keepalives on both ends bound
/// how long a vanished peer can keep them (ADR-0003).
/// </summary>
internal sealed class LockConnection : IAsyncDisposable
{
    // Two-int advisory keys: (namespace, hashtext(name)). A hash collision only means two
    // projections always land on the same node; it never lets two nodes run one projection.
    public const int ProjectionLocks = 0x45534450; // "ESDP"
    public const int RebuildLocks = 0x45535242;    // "ESRB"

    private readonly NpgsqlConnection _conn;

    private LockConnection(NpgsqlConnection conn) => _conn = conn;

    public NpgsqlConnection Connection => _conn;

    public static async Task<LockConnection> OpenAsync(NpgsqlDataSource dataSource, ProjectionDaemonOptions options, CancellationToken ct)
    {
        var conn = EventStoreDataSource.CreateUnpooledConnection(dataSource, csb =>
        {
            csb.KeepAlive = options.KeepAliveSeconds;
            csb.TcpKeepAlive = true;
            csb.ApplicationName = $"projection-daemon {options.NodeId}";
        });
        try
        {
            await conn.OpenAsync(ct);
            // Server-side keepalives: without them a client that vanished without a FIN keeps its
            // session, and so its projections, for the kernel default of two hours.
            await using var cmd = new NpgsqlCommand(
                $"set tcp_keepalives_idle = {options.KeepAliveSeconds}; set tcp_keepalives_interval = 2; set tcp_keepalives_count = 3", conn);
            await cmd.ExecuteNonQueryAsync(ct);
            return new LockConnection(conn);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    public async Task<bool> TryLockAsync(int space, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select pg_try_advisory_lock($1, hashtext($2))", _conn);
        cmd.Parameters.Add(new() { Value = space });
        cmd.Parameters.Add(new() { Value = name });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task UnlockAsync(int space, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select pg_advisory_unlock($1, hashtext($2))", _conn);
        cmd.Parameters.Add(new() { Value = space });
        cmd.Parameters.Add(new() { Value = name });
        await cmd.ExecuteScalarAsync(ct);
    }

    public async ValueTask DisposeAsync() => await _conn.DisposeAsync();
}
