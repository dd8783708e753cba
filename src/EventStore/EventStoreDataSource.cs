using Npgsql;

namespace Cabinets.EventStore;

/// <summary>
/// The connection settings the store is built for (ADR-0011). Its hot statements (append, stream
/// read, daemon read) are few and run on every command: prepared once per pooled connection,
/// PostgreSQL stops parsing and planning them each time. A pooled connection is not reset when it
/// is returned (no `DISCARD ALL`, which would also drop those prepared statements), so code on this
/// data source leaves no session state behind: `set local`, transaction-scoped advisory locks, and
/// its own unpooled connection for anything that must hold a session (LISTEN, lock connections).
/// </summary>
public static class EventStoreDataSource
{
    public static NpgsqlDataSource Create(string connectionString)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        if (csb.MaxAutoPrepare == 0) csb.MaxAutoPrepare = 64;
        return NpgsqlDataSource.Create(csb.ConnectionString);
    }

    /// <summary>A connection of its own, closed for real when disposed: for session state that must not reach the pool.</summary>
    public static NpgsqlConnection CreateUnpooledConnection(NpgsqlDataSource dataSource, Action<NpgsqlConnectionStringBuilder>? configure = null)
    {
        var csb = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString) { Pooling = false, Multiplexing = false };
        configure?.Invoke(csb);
        using var template = dataSource.CreateConnection();
        return template.CloneWith(csb.ConnectionString); // keeps the data source's password
    }
}
