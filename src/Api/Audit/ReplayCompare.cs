using System.Text.Json.Nodes;
using Cabinets.Projections.Access.AdminUsers;
using Cabinets.Projections.Lockers.Cabinets;
using Cabinets.Projections.Lockers.FreeDoors;
using Cabinets.Projections.Lockers.Parcels;
using Cabinets.Projections.Lockers.Partners;
using Cabinets.Projections.Stations;
using Cabinets.Projections.Stations.OrderLines;
using Marten;
using Cabinets.Api.Operations;
using JasperFx.Events;
using Npgsql;
using Weasel.Core;

namespace Cabinets.Api.Audit;

/// <summary>
/// Replay-and-compare (issue 13 §1): a read model is rebuilt from the events into a scratch copy, up
/// to the live checkpoint, and compared row by row with the live one; the differences are reported.
/// Table models (async, flat tables) replay their projection's own statements into a scratch schema,
/// then catch up and compare in one transaction that holds the live tables against the daemon's
/// writes (readers go on). Inline snapshot documents are folded again with Marten's live aggregation
/// (the same projection code) and compared with the stored JSON.
/// </summary>
public sealed class ReplayCompare(NpgsqlDataSource db, IDocumentStore store)
{
    private const int MaxReported = 1_000;

    private sealed record TableModel(
        string Name, string LiveSchema, IReadOnlyList<(string Table, string[] Key)> Tables,
        Func<string, IEnumerable<ISchemaObject>> Create, Func<string, IReadOnlyList<IEvent>, ProjectionStatements> Statements);

    private sealed record DocumentModel(string Name, Type DocumentType, Func<IQuerySession, string, CancellationToken, Task<object?>> Fold);

    private static readonly TableModel[] Tables =
    [
        new(FreeDoorProjection.ProjectionName, FreeDoorTables.LiveSchema,
            [("cabinets", ["serial_number"]), ("doors", ["serial_number", "door_number"]), ("free_door_counts", ["serial_number", "size", "insulated", "vertical"])],
            FreeDoorTables.For, FreeDoorProjection.Statements),
        new(StationOrderLinesProjection.ProjectionName, StationOrderLineTables.Schema,
            [("station_orders", ["order_id"]), ("station_order_lines", ["order_id", "sku_id"]), ("station_merchants", ["station_id", "address_id"]),
             ("station_skus", ["station_id", "sku_id"])],
            StationOrderLineTables.For, (schema, events) => StationOrderLinesProjection.Statements(events, schema)),
    ];

    private static readonly DocumentModel[] Documents =
    [
        Doc<CabinetSnapshot>("cabinet_snapshots"), Doc<ParcelSnapshot>("parcel_snapshots"), Doc<PartnerSnapshot>("partner_snapshots"),
        Doc<AdminUserSnapshot>("admin_user_snapshots"), Doc<StationOrderSnapshot>("station_order_snapshots"),
        Doc<StationTaxRulesSnapshot>("station_tax_rules_snapshots"), Doc<StationMerchantSnapshot>("station_merchant_snapshots"),
        Doc<StationSkuSnapshot>("station_sku_snapshots"), Doc<StationPrintSequenceSnapshot>("station_print_sequence_snapshots"),
    ];

    public static IReadOnlyList<string> Projections { get; } = [.. Tables.Select(t => t.Name), .. Documents.Select(d => d.Name)];

    public async Task<ReplayCompareReport> RunAsync(string projection, IProgress<ReplayProgress>? progress, CancellationToken ct)
    {
        if (Tables.FirstOrDefault(t => t.Name == projection) is { } table) return await CompareTablesAsync(table, progress, ct);
        if (Documents.FirstOrDefault(d => d.Name == projection) is { } documents) return await CompareDocumentsAsync(documents, progress, ct);
        throw new ArgumentException($"'{projection}' is not a read model that can be replayed (known: {string.Join(", ", Projections)})", nameof(projection));
    }

    private async Task<ReplayCompareReport> CompareTablesAsync(TableModel model, IProgress<ReplayProgress>? progress, CancellationToken ct)
    {
        var scratch = $"audit_replay_{model.Name}";
        await using var guard = await db.OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand("select pg_try_advisory_lock(hashtext($1))", guard) { Parameters = { new() { Value = scratch } } })
            if (!(bool)(await take.ExecuteScalarAsync(ct))!)
                throw new InvalidOperationException($"a replay-and-compare of {model.Name} is already running");
        try
        {
            await ProjectionReplay.ExecuteAsync(guard, null, $"drop schema if exists {scratch} cascade; create schema {scratch};" + ProjectionReplay.CreateSql(model.Create(scratch)), ct);
            long position = 0;
            while (true)
            {
                var live = await ProjectionReplay.LivePositionAsync(guard, null, model.Name, ct);
                progress?.Report(new ReplayProgress(position, live));
                if (live - position <= ProjectionReplay.Page) break;
                position = await ReplayAsync(guard, null, model, scratch, position, live, progress, ct);
            }

            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            // The daemon's next batch waits for the comparison; readers of the live model go on reading.
            await ProjectionReplay.ExecuteAsync(conn, tx, $"lock table {string.Join(", ", model.Tables.Select(t => $"{model.LiveSchema}.{t.Table}"))} in share mode", ct);
            var final = await ProjectionReplay.LivePositionAsync(conn, tx, model.Name, ct);
            await ReplayAsync(conn, tx, model, scratch, position, final, progress, ct);
            var differences = new List<ReadModelDifference>();
            foreach (var (name, key) in model.Tables)
                differences.AddRange(await DiffAsync(conn, tx, $"{model.LiveSchema}.{name}", $"{scratch}.{name}", name, key, MaxReported - differences.Count, ct));
            await tx.CommitAsync(ct);
            await ProjectionReplay.ExecuteAsync(guard, null, $"drop schema if exists {scratch} cascade", ct);
            progress?.Report(new ReplayProgress(final, final));
            return new ReplayCompareReport(model.Name, final, final, differences);
        }
        finally
        {
            await using var release = new NpgsqlCommand("select pg_advisory_unlock(hashtext($1))", guard) { Parameters = { new() { Value = scratch } } };
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    /// <summary>Rows only in the live copy, only in the replay, or in both with other values; keyed by the table's primary key.</summary>
    private static async Task<IReadOnlyList<ReadModelDifference>> DiffAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string live, string replayed, string table, string[] key, int limit, CancellationToken ct)
    {
        if (limit <= 0) return [];
        var join = string.Join(" and ", key.Select(k => $"l.{k} = r.{k}"));
        string KeyOf(string alias) => $"concat_ws('/', {string.Join(", ", key.Select(k => $"{alias}.{k}::text"))})";
        var sql = $"""
            select * from (
              select 'missing_in_replay' as kind, {KeyOf("l")} as key, to_jsonb(l)::text as live, null::text as replayed
                from {live} l where not exists (select 1 from {replayed} r where {join})
              union all
              select 'missing_in_live', {KeyOf("r")}, null, to_jsonb(r)::text
                from {replayed} r where not exists (select 1 from {live} l where {join})
              union all
              select 'different', {KeyOf("l")}, to_jsonb(l)::text, to_jsonb(r)::text
                from {live} l join {replayed} r on {join} where to_jsonb(l) is distinct from to_jsonb(r)
            ) d order by key limit {limit}
            """;
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        var found = new List<ReadModelDifference>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            found.Add(new ReadModelDifference(table, r.GetString(1), r.GetString(0), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)));
        return found;
    }

    private async Task<ReplayCompareReport> CompareDocumentsAsync(DocumentModel model, IProgress<ReplayProgress>? progress, CancellationToken ct)
    {
        var table = store.Options.Schema.For(model.DocumentType);
        var stored = new List<(string Id, string Json)>();
        await using (var cmd = db.CreateCommand($"select id, data::text from {table} order by id"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) stored.Add((r.GetString(0), r.GetString(1)));

        var serializer = store.Options.Serializer();
        var differences = new List<ReadModelDifference>();
        long done = 0, events = 0;
        await using var session = store.QuerySession();
        foreach (var (id, json) in stored)
        {
            ct.ThrowIfCancellationRequested();
            var replayed = await model.Fold(session, id, ct);
            var replayedJson = replayed is null ? null : serializer.ToJson(replayed);
            if (replayedJson is null || !JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(replayedJson)))
                differences.Add(new ReadModelDifference(model.DocumentType.Name, id, replayedJson is null ? "missing_in_replay" : "different", json, replayedJson));
            events += (await session.Events.FetchStreamStateAsync(id, ct))?.Version ?? 0;
            progress?.Report(new ReplayProgress(++done, stored.Count));
            if (differences.Count >= MaxReported) break;
        }
        return new ReplayCompareReport(model.Name, events, await HighWaterAsync(ct), differences);
    }

    private static DocumentModel Doc<T>(string name) where T : class =>
        new(name, typeof(T), async (session, id, ct) => await session.Events.AggregateStreamAsync<T>(id, token: ct));

    private async Task<long> HighWaterAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select coalesce(max(seq_id), 0) from mt_events");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private Task<long> ReplayAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, TableModel model, string scratch, long from, long to,
        IProgress<ReplayProgress>? progress, CancellationToken ct) =>
        ProjectionReplay.ReplayAsync(store, conn, tx, events => model.Statements(scratch, events), from, to,
            progress is null ? null : (done, total) => progress.Report(new ReplayProgress(done, total)), ct);
}
