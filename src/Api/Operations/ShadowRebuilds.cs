using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Cabinets.Projections.Lockers.FreeDoors;
using JasperFx.Events;
using Marten;
using Npgsql;
using Weasel.Postgresql;

namespace Cabinets.Api.Operations;

/// <summary>
/// Rebuilds the free-door model without taking it away from readers (ADR-0016): the events up to
/// the live projection's position are replayed into a shadow schema while the live schema keeps
/// serving; then, holding the live tables against writers (readers still read), the last events
/// are replayed and the shadow schema takes the live one's name in the same transaction. A reader
/// sees the old tables or the new ones, both true at the position they were built to.
/// </summary>
public sealed partial class ShadowRebuilds(NpgsqlDataSource db, IDocumentStore store, IHostApplicationLifetime lifetime, ILogger<ShadowRebuilds> log)
{
    private const string Shadow = "rm_rebuild";
    private const string Retired = "rm_retired";
    private const int Page = 10_000;
    private readonly ConcurrentDictionary<string, RebuildProgress> _running = new(StringComparer.Ordinal);

    public sealed record RebuildProgress(long Done, long Total);

    public RebuildProgress? Progress(string projection) => _running.GetValueOrDefault(projection);

    /// <summary>Starts a rebuild in the background; false when one of this projection already runs on this node.</summary>
    public bool Start(string projection)
    {
        Known(projection);
        if (!_running.TryAdd(projection, new RebuildProgress(0, 0))) return false;
        _ = Task.Run(async () =>
        {
            try
            {
                await RebuildAsync(projection, p => _running[projection] = p, lifetime.ApplicationStopping);
                LogDone(log, projection);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(log, projection, e);
            }
            finally
            {
                _running.TryRemove(projection, out _);
            }
        });
        return true;
    }

    public async Task RebuildAsync(string projection, Action<RebuildProgress> report, CancellationToken ct)
    {
        Known(projection);
        // One rebuild at a time across every node: they would share the shadow schema. The lock is
        // the session's, held on this connection until the rebuild ends (or the node dies).
        await using var guard = await db.OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand("select pg_try_advisory_lock(hashtext('cabinets.shadow_rebuild'))", guard))
            if (!(bool)(await take.ExecuteScalarAsync(ct))!)
                throw new InvalidOperationException($"a rebuild of {projection} is already running on another node");
        try
        {
            await ExecuteAsync(null, null, $"drop schema if exists {Shadow} cascade; create schema {Shadow};" + CreateTables(Shadow), ct);
            long position = 0;
            while (true)
            {
                var live = await LivePositionAsync(null, null, ct);
                report(new RebuildProgress(position, live));
                if (live - position <= Page) break;
                position = await ReplayAsync(null, null, position, live, report, live, ct);
            }

            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            // Writers (the daemon's next batch) wait; readers go on reading the live tables.
            await ExecuteAsync(conn, tx, $"lock table {Live("cabinets")}, {Live("doors")}, {Live("free_door_counts")} in exclusive mode", ct);
            var final = await LivePositionAsync(conn, tx, ct);
            await ReplayAsync(conn, tx, position, final, report, final, ct);
            await ExecuteAsync(conn, tx, $"alter schema {FreeDoorTables.LiveSchema} rename to {Retired}; alter schema {Shadow} rename to {FreeDoorTables.LiveSchema};", ct);
            await tx.CommitAsync(ct);
            await ExecuteAsync(null, null, $"drop schema if exists {Retired} cascade", ct);
            report(new RebuildProgress(final, final));
        }
        finally
        {
            // A pooled connection keeps session locks: release it before the connection goes back.
            await using var release = new NpgsqlCommand("select pg_advisory_unlock(hashtext('cabinets.shadow_rebuild'))", guard);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    private static void Known(string projection)
    {
        if (projection != FreeDoorProjection.ProjectionName)
            throw new ArgumentException($"'{projection}' is not a projection that can be rebuilt (known: {FreeDoorProjection.ProjectionName})", nameof(projection));
    }

    private static string Live(string table) => $"{FreeDoorTables.LiveSchema}.{table}";

    private static string CreateTables(string schema)
    {
        var writer = new StringWriter();
        foreach (var table in FreeDoorTables.For(schema)) table.WriteCreateStatement(new PostgresqlMigrator(), writer);
        return writer.ToString();
    }

    private async Task<long> ReplayAsync(NpgsqlConnection? conn, NpgsqlTransaction? tx, long from, long to,
        Action<RebuildProgress> report, long total, CancellationToken ct)
    {
        while (from < to)
        {
            IReadOnlyList<IEvent> events;
            await using (var session = store.QuerySession())
                events = await session.Events.QueryAllRawEvents()
                    .Where(e => e.Sequence > from && e.Sequence <= to).OrderBy(e => e.Sequence).Take(Page).ToListAsync(ct);
            if (events.Count == 0) break;
            var statements = FreeDoorProjection.Statements(Shadow, events);
            if (statements.Count > 0) await ExecuteAsync(conn, tx, statements, ct);
            from = events[^1].Sequence;
            report(new RebuildProgress(from, total));
        }
        return to;
    }

    private async Task<long> LivePositionAsync(NpgsqlConnection? conn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        const string sql = "select coalesce(max(last_seq_id), 0) from mt_event_progression where name = $1";
        await using var cmd = conn is null ? db.CreateCommand(sql) : new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = $"{FreeDoorProjection.ProjectionName}:All" });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private async Task ExecuteAsync(NpgsqlConnection? conn, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = conn is null ? db.CreateCommand(sql) : new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The projection's statements use Marten's `?` placeholders; here they run as a plain Npgsql batch.</summary>
    private async Task ExecuteAsync(NpgsqlConnection? conn, NpgsqlTransaction? tx, ProjectionStatements statements, CancellationToken ct)
    {
        await using var own = conn is null ? await db.OpenConnectionAsync(ct) : null;
        await using var batch = new NpgsqlBatch(conn ?? own, tx);
        foreach (var statement in statements)
        {
            var n = 0;
            var command = new NpgsqlBatchCommand(Placeholder().Replace(statement.Sql, _ => "$" + ++n));
            foreach (var argument in statement.Arguments) command.Parameters.Add(new NpgsqlParameter { Value = argument });
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    [GeneratedRegex(@"\?")]
    private static partial Regex Placeholder();

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuild of {Projection} swapped in")]
    private static partial void LogDone(ILogger logger, string projection);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rebuild of {Projection} failed; the live copy is untouched")]
    private static partial void LogFailed(ILogger logger, string projection, Exception exception);
}
