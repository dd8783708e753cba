using System.Collections.Concurrent;
using Cabinets.Projections.Lockers.FreeDoors;
using Marten;
using Npgsql;

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
            await ProjectionReplay.ExecuteAsync(guard, null,
                $"drop schema if exists {Shadow} cascade; create schema {Shadow};" + ProjectionReplay.CreateSql(FreeDoorTables.For(Shadow)), ct);
            long position = 0;
            while (true)
            {
                var live = await ProjectionReplay.LivePositionAsync(guard, null, FreeDoorProjection.ProjectionName, ct);
                report(new RebuildProgress(position, live));
                if (live - position <= ProjectionReplay.Page) break;
                position = await ReplayAsync(guard, null, position, live, report, ct);
            }

            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            // Writers (the daemon's next batch) wait; readers go on reading the live tables.
            await ProjectionReplay.ExecuteAsync(conn, tx, $"lock table {Live("cabinets")}, {Live("doors")}, {Live("free_door_counts")} in exclusive mode", ct);
            var final = await ProjectionReplay.LivePositionAsync(conn, tx, FreeDoorProjection.ProjectionName, ct);
            await ReplayAsync(conn, tx, position, final, report, ct);
            await ProjectionReplay.ExecuteAsync(conn, tx,
                $"alter schema {FreeDoorTables.LiveSchema} rename to {Retired}; alter schema {Shadow} rename to {FreeDoorTables.LiveSchema};", ct);
            await tx.CommitAsync(ct);
            await ProjectionReplay.ExecuteAsync(guard, null, $"drop schema if exists {Retired} cascade", ct);
            report(new RebuildProgress(final, final));
        }
        finally
        {
            // A pooled connection keeps session locks: release it before the connection goes back.
            await using var release = new NpgsqlCommand("select pg_advisory_unlock(hashtext('cabinets.shadow_rebuild'))", guard);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    private Task<long> ReplayAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long from, long to, Action<RebuildProgress> report, CancellationToken ct) =>
        ProjectionReplay.ReplayAsync(store, conn, tx, events => FreeDoorProjection.Statements(Shadow, events), from, to,
            (done, total) => report(new RebuildProgress(done, total)), ct);

    private static void Known(string projection)
    {
        if (projection != FreeDoorProjection.ProjectionName)
            throw new ArgumentException($"'{projection}' is not a projection that can be rebuilt (known: {FreeDoorProjection.ProjectionName})", nameof(projection));
    }

    private static string Live(string table) => $"{FreeDoorTables.LiveSchema}.{table}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuild of {Projection} swapped in")]
    private static partial void LogDone(ILogger logger, string projection);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rebuild of {Projection} failed; the live copy is untouched")]
    private static partial void LogFailed(ILogger logger, string projection, Exception exception);
}
