using Npgsql;

namespace Cabinets.Fulfillment.Bench;

/// <summary>The statistics and a checkpoint after the load, and the sizes for the report.</summary>
internal static class BenchSql
{
    private static readonly string[] Tables =
    [
        "mt_events", "mt_streams", "mt_doc_branchstocksnapshot", "mt_doc_shopfreezesnapshot", "mt_doc_stockledgerentry",
        "mt_doc_branchsnapshot", "mt_doc_salesmaterialsnapshot", "mt_doc_basicmaterialsnapshot", "mt_doc_fulfillmentshopsnapshot",
    ];

    public static async Task VacuumAnalyzeAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        foreach (var table in Tables)
        {
            await using var vacuum = db.CreateCommand($"vacuum analyze {table}");
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync(ct);
        }
        // The load's dirty pages written now, not by the checkpointer while the cases are timed.
        await using var checkpoint = db.CreateCommand("checkpoint");
        checkpoint.CommandTimeout = 0;
        await checkpoint.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Rows per table (mt_events split into stock events and the rest), for the report.</summary>
    public static async Task<string> SizesAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var parts = new List<string>();
        foreach (var (label, sql) in new[]
                 {
                     ("stock events", "select count(*) from mt_events where stream_id like 'fulfillment-branch-stock-%' or stream_id like 'fulfillment-shop-freeze-%'"),
                     ("other events", "select count(*) from mt_events where not (stream_id like 'fulfillment-branch-stock-%' or stream_id like 'fulfillment-shop-freeze-%')"),
                 }.Concat(Tables.Skip(1).Select(t => (t, $"select count(*) from {t}"))))
        {
            await using var cmd = db.CreateCommand(sql);
            parts.Add($"{label} {(long)(await cmd.ExecuteScalarAsync(ct))!:N0}");
        }
        await using var size = db.CreateCommand("select pg_size_pretty(pg_total_relation_size('mt_events')) || ' / ' || pg_size_pretty(pg_total_relation_size('mt_doc_shopfreezesnapshot'))");
        parts.Add($"mt_events / shop-freeze table on disk {await size.ExecuteScalarAsync(ct)}");
        return string.Join(", ", parts);
    }
}
