using System.Reflection;
using Npgsql;

namespace Cabinets.EventStore.Schema;

/// <summary>A module's numbered SQL scripts, embedded as resources named like `0001_events.sql`.</summary>
public sealed record SchemaModule(string Name, Assembly Assembly)
{
    public IReadOnlyList<(string Script, string Sql)> Scripts() => Assembly.GetManifestResourceNames()
        .Where(n => n.EndsWith(".sql", StringComparison.Ordinal))
        .Select(n => (Script: ScriptName(n), Resource: n))
        .Where(x => char.IsAsciiDigit(x.Script[0]))
        .OrderBy(x => x.Script, StringComparer.Ordinal)
        .Select(x => (x.Script, Read(x.Resource)))
        .ToList();

    // resource names are "<RootNamespace>.<folders>.<file>.sql": keep the file name only
    private static string ScriptName(string resource)
    {
        var withoutExt = resource[..^4];
        return withoutExt[(withoutExt.LastIndexOf('.') + 1)..] + ".sql";
    }

    private string Read(string resource)
    {
        using var stream = Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>
/// Creates and upgrades the schema at start-up (ADR-0002). Scripts run once each, in number order,
/// each in its own transaction with its bookkeeping row; a cluster-wide advisory lock makes
/// several processes starting at once take turns instead of racing on `create ... if not exists`.
/// </summary>
public static class SchemaMigrator
{
    private const long LockKey = 0x4361_6269_6E65_7473; // "Cabinets"

    public static SchemaModule EventStoreModule { get; } = new("eventstore", typeof(SchemaMigrator).Assembly);

    /// <param name="idempotentSql">Run after the scripts on every start, under the same lock: read-model DDL
    /// (`create table if not exists`), which projections own rather than numbered scripts.</param>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, IEnumerable<SchemaModule> modules,
        IEnumerable<string>? idempotentSql = null, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await Exec(conn, null, $"select pg_advisory_lock({LockKey})", ct);
        try
        {
            await Exec(conn, null, """
                create schema if not exists es;
                create table if not exists es.schema_migrations (
                    module text not null, script text not null, applied_at timestamptz not null default now(),
                    primary key (module, script));
                """, ct);
            foreach (var module in modules.Prepend(EventStoreModule).DistinctBy(m => m.Name))
            {
                var applied = await AppliedAsync(conn, module.Name, ct);
                foreach (var (script, sql) in module.Scripts().Where(s => !applied.Contains(s.Script)))
                {
                    await using var tx = await conn.BeginTransactionAsync(ct);
                    await Exec(conn, tx, sql, ct);
                    await using var record = new NpgsqlCommand(
                        "insert into es.schema_migrations (module, script) values ($1, $2)", conn, tx);
                    record.Parameters.Add(new() { Value = module.Name });
                    record.Parameters.Add(new() { Value = script });
                    await record.ExecuteNonQueryAsync(ct);
                    await tx.CommitAsync(ct);
                }
            }
            foreach (var sql in idempotentSql ?? []) await Exec(conn, null, sql, ct);
        }
        finally
        {
            await Exec(conn, null, $"select pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    /// <summary>True when every script of every module has been applied (readiness check).</summary>
    public static async Task<bool> IsCurrentAsync(NpgsqlDataSource dataSource, IEnumerable<SchemaModule> modules, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var exists = new NpgsqlCommand("select to_regclass('es.schema_migrations') is not null", conn);
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return false;
        foreach (var module in modules.Prepend(EventStoreModule).DistinctBy(m => m.Name))
        {
            var applied = await AppliedAsync(conn, module.Name, ct);
            if (module.Scripts().Any(s => !applied.Contains(s.Script))) return false;
        }
        return true;
    }

    private static async Task<HashSet<string>> AppliedAsync(NpgsqlConnection conn, string module, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select script from es.schema_migrations where module = $1", conn);
        cmd.Parameters.Add(new() { Value = module });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct)) set.Add(reader.GetString(0));
        return set;
    }

    private static async Task Exec(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
