using System.Data;
using System.Diagnostics;
using Cabinets.Api.Operations;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Projections.Lockers.FreeDoors;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Cabinets.EventStore.Bench;

/// <summary>
/// N events bulk-loaded into mt_events twice (Marten's bulk append into one database, a raw binary
/// COPY into another); the faster load's database then serves the free-door projection (async,
/// our IProjection): caught up by the daemon, rebuilt by the daemon, rebuilt by our shadow
/// rebuild. Each is compared with a raw streaming read of the same N rows of mt_events, run just
/// before it.
/// </summary>
internal sealed class DaemonBenchmarks(BenchServer server, BenchSettings settings, ILoggerFactory logs)
{
    private const string Shard = $"{FreeDoorProjection.ProjectionName}:All";
    private const string DefaultTenant = "*DEFAULT*";
    private const int CopyBatch = 10_000;
    private readonly EventPlan _plan = new(settings.Events);

    public async Task RunAsync(List<ResultRow> rows, Action<string> progress, CancellationToken ct)
    {
        progress($"bulk load: {_plan.Total:N0} events over {_plan.Banks:N0} banks, Marten BulkInsertEventStreamAsync");
        var bulk = await server.OpenStoreAsync("bench_bulk", ct);
        var martenLoad = await Measurement.TimeAsync(_plan.Total, () => MartenBulkLoadAsync(bulk.Store, bulk.DataSource, ct));
        progress("bulk load: raw binary COPY into mt_streams + mt_events");
        var copy = await server.OpenStoreAsync("bench_copy", ct);
        var rawLoad = await Measurement.TimeAsync(_plan.Total, () => RawCopyAsync(copy.Store, copy.DataSource, ct));
        var same = await FingerprintAsync(bulk.DataSource, ct) == await FingerprintAsync(copy.DataSource, ct);
        var (db, store, loader) = martenLoad.Elapsed <= rawLoad.Elapsed
            ? (bulk.DataSource, bulk.Store, "Marten bulk")
            : (copy.DataSource, copy.Store, "raw COPY");
        rows.Add(new ResultRow("bulk load into mt_events (BulkInsertEventStreamAsync vs raw binary COPY)", martenLoad, rawLoad,
            $"{(same ? "same rows" : "ROWS DIFFER")}; {loader} was faster, its database is used below"));
        foreach (var table in new[] { "mt_events", "mt_streams" }) await ExecuteAsync(db, $"vacuum analyze {table}", ct);
        var highWater = await ScalarAsync<long>(db, "select coalesce(max(seq_id), 0) from mt_events", ct);

        progress("daemon catch-up of free_doors");
        var read = await RawReadAsync(db, ct);
        var daemon = await store.BuildProjectionDaemonAsync(logger: logs.CreateLogger("daemon"));
        try
        {
            var catchUp = await Measurement.TimeAsync(_plan.Total, async () =>
            {
                await daemon.StartAllAsync();
                await WaitForShardAsync(db, highWater, ct);
            });
            await daemon.StopAllAsync();
            rows.Add(new ResultRow("daemon catch-up, free_doors (vs raw SELECT of mt_events)", catchUp, read, await CheckAsync(db, ct)));

            progress("daemon rebuild of free_doors");
            read = await RawReadAsync(db, ct);
            var rebuild = await Measurement.TimeAsync(_plan.Total, async () =>
            {
                // The daemon tears down nothing of a raw IProjection: start from empty tables, as a rebuild would.
                await ExecuteAsync(db, "truncate rm.cabinets, rm.doors, rm.free_door_counts", ct);
                await daemon.RebuildProjectionAsync(FreeDoorProjection.ProjectionName, TimeSpan.FromHours(2), ct);
            });
            rows.Add(new ResultRow("rebuild, daemon.RebuildProjectionAsync (vs raw SELECT)", rebuild, read, await CheckAsync(db, ct)));
        }
        finally
        {
            await daemon.StopAllAsync();
            daemon.Dispose();
        }

        progress("shadow rebuild of free_doors (Api ShadowRebuilds)");
        read = await RawReadAsync(db, ct);
        var rebuilds = new ShadowRebuilds(db, store, new BenchLifetime(), NullLogger<ShadowRebuilds>.Instance);
        var shadow = await Measurement.TimeAsync(_plan.Total,
            () => rebuilds.RebuildAsync(FreeDoorProjection.ProjectionName, _ => { }, ct));
        rows.Add(new ResultRow("rebuild, Api ShadowRebuilds.RebuildAsync (vs raw SELECT)", shadow, read, await CheckAsync(db, ct)));

        progress("replay-and-compare of free_doors (Api ReplayCompare)");
        read = await RawReadAsync(db, ct);
        var compare = new Cabinets.Api.Audit.ReplayCompare(db, store);
        Cabinets.Api.Audit.ReplayCompareReport? report = null;
        var compared = await Measurement.TimeAsync(_plan.Total, async () => report = await compare.RunAsync(FreeDoorProjection.ProjectionName, null, ct));
        rows.Add(new ResultRow("replay-and-compare, Api ReplayCompare.RunAsync (vs raw SELECT)", compared, read,
            $"{report!.Differences.Count} differences over {report.LivePosition:N0} events"));
    }

    private async Task MartenBulkLoadAsync(DocumentStore store, NpgsqlDataSource db, CancellationToken ct)
    {
        var headers = _plan.Serials.Select((serial, b) => new BulkEventStreamHeader
        {
            Key = CabinetEventNames.StreamId(serial), Version = _plan.Versions[b],
        }).ToList();
        await store.BulkInsertEventStreamAsync(DefaultTenant, headers, MartenEvents(store), CopyBatch, ct);
        // The import draws seq_ids in blocks of the batch size; the last block's unused tail would
        // look like a gap to the high-water detector and stall the catch-up by its stale threshold.
        await ExecuteAsync(db, "select setval('mt_events_sequence', (select max(seq_id) from mt_events))", ct);
    }

    private async IAsyncEnumerable<IEvent> MartenEvents(DocumentStore store)
    {
        var graph = (EventGraph)store.Options.Events; // StoreOptions has no public EventGraph in 9.58
        var versions = new long[_plan.Banks];
        foreach (var (bank, data) in _plan.Events())
        {
            var e = graph.BuildEvent(data);
            e.Id = Guid.CreateVersion7();
            e.StreamKey = CabinetEventNames.StreamId(_plan.Serials[bank]);
            e.Version = ++versions[bank];
            e.Timestamp = CabinetWorkload.At(data);
            e.TenantId = DefaultTenant;
            e.CorrelationId = "bench-load";
            e.CausationId = "bench-load";
            e.UserName = "bench";
            yield return e;
        }
        await Task.CompletedTask;
    }

    /// <summary>
    /// The same streams and events, same JSON and metadata, by binary COPY straight into Marten's
    /// tables in one transaction, then the sequence moved past them (a fresh database: seq_ids 1..N).
    /// </summary>
    private async Task RawCopyAsync(DocumentStore store, NpgsqlDataSource db, CancellationToken ct)
    {
        var serializer = store.Options.Serializer();
        var dotnetTypes = CabinetWorkload.StoredNames.Keys.ToDictionary(t => t, t => $"{t.FullName}, {t.Assembly.GetName().Name}");
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var streams = await conn.BeginBinaryImportAsync("copy mt_streams (id, version, tenant_id) from stdin (format binary)", ct))
        {
            for (var b = 0; b < _plan.Banks; b++)
            {
                await streams.StartRowAsync(ct);
                await streams.WriteAsync(CabinetEventNames.StreamId(_plan.Serials[b]), NpgsqlDbType.Varchar, ct);
                await streams.WriteAsync(_plan.Versions[b], NpgsqlDbType.Bigint, ct);
                await streams.WriteAsync(DefaultTenant, NpgsqlDbType.Varchar, ct);
            }
            await streams.CompleteAsync(ct);
        }

        var versions = new long[_plan.Banks];
        long seq = 0;
        await using (var events = await conn.BeginBinaryImportAsync(
            "copy mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, causation_id, user_name, is_archived) from stdin (format binary)", ct))
        {
            foreach (var (bank, data) in _plan.Events())
            {
                await events.StartRowAsync(ct);
                await events.WriteAsync(++seq, NpgsqlDbType.Bigint, ct);
                await events.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await events.WriteAsync(CabinetEventNames.StreamId(_plan.Serials[bank]), NpgsqlDbType.Varchar, ct);
                await events.WriteAsync(++versions[bank], NpgsqlDbType.Bigint, ct);
                await events.WriteAsync(serializer.ToJson(data), NpgsqlDbType.Jsonb, ct);
                await events.WriteAsync(CabinetWorkload.StoredNames[data.GetType()], NpgsqlDbType.Varchar, ct);
                await events.WriteAsync(CabinetWorkload.At(data), NpgsqlDbType.TimestampTz, ct);
                await events.WriteAsync(DefaultTenant, NpgsqlDbType.Varchar, ct);
                await events.WriteAsync(dotnetTypes[data.GetType()], NpgsqlDbType.Varchar, ct);
                await events.WriteAsync("bench-load", NpgsqlDbType.Varchar, ct);
                await events.WriteAsync("bench-load", NpgsqlDbType.Varchar, ct);
                await events.WriteAsync("bench", NpgsqlDbType.Varchar, ct);
                await events.WriteAsync(false, NpgsqlDbType.Boolean, ct);
            }
            await events.CompleteAsync(ct);
        }
        await using (var setval = new NpgsqlCommand("select setval('mt_events_sequence', $1)", conn, tx))
        {
            setval.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seq });
            await setval.ExecuteScalarAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>A hash over what both loaders must agree on (everything but the event ids).</summary>
    private static async Task<string> FingerprintAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var events = await ScalarAsync<object>(db, """
            select count(*) || ':' || sum(hashtextextended(concat_ws('|', seq_id, stream_id, version, data::text, type, timestamp,
                   tenant_id, mt_dotnet_type, correlation_id, causation_id, user_name, headers::text, is_archived), 0))
              from mt_events
            """, ct);
        var streams = await ScalarAsync<object>(db,
            "select count(*) || ':' || sum(hashtextextended(concat_ws('|', id, type, version, tenant_id, is_archived), 0)) from mt_streams", ct);
        return $"{events}/{streams}";
    }

    /// <summary>Baseline: every column of every row of mt_events, streamed in sequence order.</summary>
    private static async Task<Measurement> RawReadAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        long rows = 0;
        var sw = Stopwatch.StartNew();
        await using var cmd = db.CreateCommand("""
            select seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived,
                   correlation_id, causation_id, headers, user_name
              from mt_events order by seq_id
            """);
        cmd.CommandTimeout = 0;
        await using var reader = await cmd.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            for (var i = 0; i < reader.FieldCount; i++)
                if (!await reader.IsDBNullAsync(i, ct)) _ = reader.GetValue(i);
            rows++;
        }
        return new Measurement(rows, sw.Elapsed);
    }

    private static async Task WaitForShardAsync(NpgsqlDataSource db, long highWater, CancellationToken ct)
    {
        var last = -1L;
        var lastMove = Stopwatch.StartNew();
        while (true)
        {
            var at = await ScalarAsync<long>(db, $"select coalesce(max(last_seq_id), 0) from mt_event_progression where name = '{Shard}'", ct);
            if (at >= highWater) return;
            if (at != last)
            {
                last = at;
                lastMove.Restart();
            }
            else if (lastMove.Elapsed > TimeSpan.FromMinutes(2))
                throw new TimeoutException($"{Shard} stopped at {at:N0} of {highWater:N0} for 2 minutes");
            await Task.Delay(50, ct);
        }
    }

    /// <summary>The projected model against what the plan says: every door, and the free ones.</summary>
    private async Task<string> CheckAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var doors = await ScalarAsync<long>(db, $"select count(*) from {FreeDoorTables.LiveSchema}.doors", ct);
        var free = await ScalarAsync<long>(db, $"select coalesce(sum(free), 0) from {FreeDoorTables.LiveSchema}.free_door_counts", ct);
        return doors == _plan.ExpectedDoors && free == _plan.ExpectedFreeDoors
            ? $"check ok: {doors:N0} doors, {free:N0} free"
            : $"CHECK FAILED: {doors:N0} doors (expected {_plan.ExpectedDoors:N0}), {free:N0} free (expected {_plan.ExpectedFreeDoors:N0})";
    }

    private static async Task ExecuteAsync(NpgsqlDataSource db, string sql, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource db, string sql, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.CommandTimeout = 0;
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>ShadowRebuilds only uses the lifetime for background starts; RebuildAsync runs in the foreground here.</summary>
    private sealed class BenchLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
