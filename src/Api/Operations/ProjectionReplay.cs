using System.Text.RegularExpressions;
using Cabinets.Projections.Lockers.FreeDoors;
using JasperFx.Events;
using Marten;
using Npgsql;
using Weasel.Core;
using Weasel.Postgresql;

namespace Cabinets.Api.Operations;

/// <summary>
/// Replaying a table projection's own statements into another schema, page by page of events: what
/// the shadow rebuild (ADR-0016) and replay-and-compare (ADR-0029) share.
/// </summary>
internal static partial class ProjectionReplay
{
    public const int Page = 10_000;

    /// <summary>The events after <paramref name="from"/> up to <paramref name="to"/> through <paramref name="statementsFor"/>, on this connection.</summary>
    public static async Task<long> ReplayAsync(IDocumentStore store, NpgsqlConnection conn, NpgsqlTransaction? tx,
        Func<IReadOnlyList<IEvent>, ProjectionStatements> statementsFor, long from, long to, Action<long, long>? report, CancellationToken ct)
    {
        while (from < to)
        {
            IReadOnlyList<IEvent> events;
            await using (var session = store.QuerySession())
                events = await session.Events.QueryAllRawEvents()
                    .Where(e => e.Sequence > from && e.Sequence <= to).OrderBy(e => e.Sequence).Take(Page).ToListAsync(ct);
            if (events.Count == 0) break;
            var statements = statementsFor(events);
            if (statements.Count > 0) await ExecuteAsync(conn, tx, statements, ct);
            from = events[^1].Sequence;
            report?.Invoke(from, to);
        }
        return to;
    }

    /// <summary>How far the live projection has applied the events (its daemon progress row).</summary>
    public static async Task<long> LivePositionAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string projection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select coalesce(max(last_seq_id), 0) from mt_event_progression where name = $1", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = $"{projection}:All" });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public static string CreateSql(IEnumerable<ISchemaObject> objects)
    {
        var writer = new StringWriter();
        foreach (var o in objects) o.WriteCreateStatement(new PostgresqlMigrator(), writer);
        return writer.ToString();
    }

    public static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The projection's statements use Marten's `?` placeholders; here they run as one Npgsql batch.</summary>
    public static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, ProjectionStatements statements, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn, tx);
        foreach (var statement in statements)
        {
            var n = 0;
            var command = new NpgsqlBatchCommand(Placeholder().Replace(statement.Sql, _ => "$" + ++n));
            // Npgsql 10 writes timestamptz from UTC values only; the live path's arguments go through Marten.
            foreach (var argument in statement.Arguments)
                command.Parameters.Add(new NpgsqlParameter { Value = argument is DateTimeOffset d ? d.ToUniversalTime() : argument ?? DBNull.Value });
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    [GeneratedRegex(@"\?")]
    private static partial Regex Placeholder();
}
