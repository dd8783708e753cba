using Cabinets.Domain.Fulfillment;
using Cabinets.Projections.Fulfillment;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;
using NpgsqlTypes;

namespace Cabinets.Fulfillment.Bench;

/// <summary>
/// The stock events of <see cref="StockLayout"/> by binary COPY into Marten's tables, in one
/// transaction, as an append in the Api would have left them: mt_streams (the aggregate's alias as
/// type, the last version), mt_events (stored names, Marten's serializer, every metadata column), and
/// the inline projections' rows. Those rows are folded here by the projections' own code — each event
/// through BranchStockSnapshotProjection / ShopFreezeSnapshotProjection.Evolve, and StockReceived
/// through StockLedgerProjection.Create — so the snapshot tables hold what the events fold to; the
/// bench checks that afterwards against Marten's live aggregation (<see cref="Verification"/>).
/// </summary>
internal static class StockLoad
{
    private const string Tenant = "*DEFAULT*";
    private static readonly Dictionary<Type, string> StoredNames = FulfillmentEventNames.All.ToDictionary(e => e.Type, e => $"{e.Name}.v{e.Version}");

    public static async Task LoadAsync(DocumentStore store, NpgsqlDataSource db, StockLayout layout, Action<string> progress, CancellationToken ct)
    {
        var serializer = store.Options.Serializer();
        var graph = (EventGraph)store.Options.Events; // StoreOptions has no public EventGraph in 9.58
        var (branchProjection, shopProjection, ledgerProjection) = (new BranchStockSnapshotProjection(), new ShopFreezeSnapshotProjection(), new StockLedgerProjection());
        var branchStocks = new BranchStockSnapshot?[layout.BranchStreams];
        var shopFreezes = new ShopFreezeSnapshot?[layout.ShopStreams];
        var (branchTimes, shopTimes) = (new (DateTimeOffset First, DateTimeOffset Last)[layout.BranchStreams], new (DateTimeOffset First, DateTimeOffset Last)[layout.ShopStreams]);
        foreach (var e in layout.Events())
        {
            var times = e.OfBranch ? branchTimes : shopTimes;
            times[e.Stream] = (e.Version == 1 ? e.At : times[e.Stream].First, e.At);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        progress($"COPY mt_streams: {layout.BranchStreams + layout.ShopStreams:N0} stock streams");
        await using (var streams = await conn.BeginBinaryImportAsync("copy mt_streams (id, type, version, timestamp, created, tenant_id) from stdin (format binary)", ct))
        {
            for (var i = 0; i < layout.BranchStreams; i++)
                await StreamRowAsync(streams, layout.BranchStream(i), "branch_stock_snapshot", StockLayout.BranchEvents, branchTimes[i], ct);
            for (var i = 0; i < layout.ShopStreams; i++)
                await StreamRowAsync(streams, layout.ShopStream(i), "shop_freeze_snapshot", StockLayout.ShopEvents, shopTimes[i], ct);
            await streams.CompleteAsync(ct);
        }

        await using var last = new NpgsqlCommand("select coalesce(max(seq_id), 0) from mt_events", conn, tx);
        var seq = (long)(await last.ExecuteScalarAsync(ct))!; // the master data came first, through Marten
        var ledger = new List<(StockLedgerEntry Entry, DateTimeOffset At)>(layout.BranchStreams);
        progress($"COPY mt_events: {layout.EventCount:N0} stock events, folded on the way");
        await using (var events = await conn.BeginBinaryImportAsync(
            "copy mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, causation_id, headers, user_name, is_archived) from stdin (format binary)", ct))
        {
            foreach (var e in layout.Events())
            {
                var wrapped = graph.BuildEvent(e.Data);
                wrapped.Id = Guid.CreateVersion7();
                var streamId = e.OfBranch ? layout.BranchStream(e.Stream) : layout.ShopStream(e.Stream);
                if (e.OfBranch) branchStocks[e.Stream] = branchProjection.Evolve(branchStocks[e.Stream], streamId, wrapped);
                else shopFreezes[e.Stream] = shopProjection.Evolve(shopFreezes[e.Stream], streamId, wrapped);
                if (wrapped is IEvent<StockReceived> received) ledger.Add((ledgerProjection.Create(received), e.At));

                var command = $"bench-{streamId}-{e.Version}";
                await events.StartRowAsync(ct);
                await events.WriteAsync(++seq, NpgsqlDbType.Bigint, ct);
                await events.WriteAsync(wrapped.Id, NpgsqlDbType.Uuid, ct);
                await events.WriteAsync(streamId, NpgsqlDbType.Varchar, ct);
                await events.WriteAsync((long)e.Version, NpgsqlDbType.Bigint, ct);
                await events.WriteAsync(serializer.ToJson(e.Data), NpgsqlDbType.Jsonb, ct);
                await events.WriteAsync(StoredNames[e.Data.GetType()], NpgsqlDbType.Varchar, ct);
                await events.WriteAsync(e.At.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                await events.WriteAsync(Tenant, NpgsqlDbType.Varchar, ct);
                await events.WriteAsync($"{e.Data.GetType().FullName}, {e.Data.GetType().Assembly.GetName().Name}", NpgsqlDbType.Varchar, ct);
                await events.WriteAsync(command, NpgsqlDbType.Varchar, ct);
                await events.WriteAsync(command, NpgsqlDbType.Varchar, ct);
                await events.WriteAsync("""{"role": "operator", "channel": "graphql"}""", NpgsqlDbType.Jsonb, ct);
                await events.WriteAsync("operator", NpgsqlDbType.Varchar, ct);
                await events.WriteAsync(false, NpgsqlDbType.Boolean, ct);
            }
            await events.CompleteAsync(ct);
        }

        progress($"COPY snapshots: {branchStocks.Length:N0} branch stocks, {shopFreezes.Length:N0} shop freezes, {ledger.Count:N0} ledger entries");
        await CopyDocsAsync(conn, "mt_doc_branchstocksnapshot", branchStocks.Select((d, i) => (d!.Id, serializer.ToJson(d), branchTimes[i].Last, typeof(BranchStockSnapshot))),
            StockLayout.BranchEvents, ct);
        await CopyDocsAsync(conn, "mt_doc_shopfreezesnapshot", shopFreezes.Select((d, i) => (d!.Id, serializer.ToJson(d), shopTimes[i].Last, typeof(ShopFreezeSnapshot))),
            StockLayout.ShopEvents, ct);
        await using (var rows = await conn.BeginBinaryImportAsync("copy mt_doc_stockledgerentry (id, data, mt_last_modified, mt_version, mt_dotnet_type) from stdin (format binary)", ct))
        {
            foreach (var (entry, at) in ledger)
            {
                await rows.StartRowAsync(ct);
                await rows.WriteAsync(entry.Id, NpgsqlDbType.Uuid, ct);
                await rows.WriteAsync(serializer.ToJson(entry), NpgsqlDbType.Jsonb, ct);
                await rows.WriteAsync(at.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                await rows.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await rows.WriteAsync(typeof(StockLedgerEntry).FullName!, NpgsqlDbType.Varchar, ct);
            }
            await rows.CompleteAsync(ct);
        }

        await using (var setval = new NpgsqlCommand("select setval('mt_events_sequence', $1)", conn, tx))
        {
            setval.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seq });
            await setval.ExecuteScalarAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static async Task StreamRowAsync(NpgsqlBinaryImporter copy, string id, string type, long version, (DateTimeOffset First, DateTimeOffset Last) times, CancellationToken ct)
    {
        await copy.StartRowAsync(ct);
        await copy.WriteAsync(id, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(type, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(version, NpgsqlDbType.Bigint, ct);
        await copy.WriteAsync(times.Last.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(times.First.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(Tenant, NpgsqlDbType.Varchar, ct);
    }

    /// <summary>A snapshot table's rows: its version is the stream's (as Marten's inline single-stream projection writes it).</summary>
    private static async Task CopyDocsAsync(NpgsqlConnection conn, string table, IEnumerable<(string Id, string Json, DateTimeOffset At, Type Type)> docs, long version, CancellationToken ct)
    {
        await using var rows = await conn.BeginBinaryImportAsync($"copy {table} (id, data, mt_last_modified, mt_dotnet_type, mt_version) from stdin (format binary)", ct);
        foreach (var (id, json, at, type) in docs)
        {
            await rows.StartRowAsync(ct);
            await rows.WriteAsync(id, NpgsqlDbType.Varchar, ct);
            await rows.WriteAsync(json, NpgsqlDbType.Jsonb, ct);
            await rows.WriteAsync(at.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
            await rows.WriteAsync(type.FullName!, NpgsqlDbType.Varchar, ct);
            await rows.WriteAsync(version, NpgsqlDbType.Bigint, ct);
        }
        await rows.CompleteAsync(ct);
    }
}
