using System.Diagnostics;
using Cabinets.EventStore.Daemon;
using Cabinets.EventStore.Projections;
using Npgsql;

namespace Cabinets.EventStore.Bench;

/// <summary>
/// The async daemon catching up a counting projection over a large store, against the floor: a
/// plain keyset scan of the same columns plus the same per-batch upsert, with no checkpoint,
/// no xmin horizon, no deserialization.
/// </summary>
internal sealed class CatchUpBenchmark(PostgresEventStore store, NpgsqlDataSource dataSource, BenchOptions options)
{
    private readonly CountingProjection _projection = new();
    private long _total;

    public async Task<BenchResult> RunAsync()
    {
        await SeedAsync(options.Events);
        await using (var vacuum = dataSource.CreateCommand("vacuum analyze es.events")) await vacuum.ExecuteNonQueryAsync();

        await using (var count = dataSource.CreateCommand("select count(*) from es.events")) _total = (long)(await count.ExecuteScalarAsync())!;
        var baseline = await BaselineAsync();
        var daemon = new ProjectionDaemon(store, [_projection], new ProjectionDaemonOptions { BatchSize = options.BatchSize });
        var clock = Stopwatch.StartNew();
        await daemon.StartAsync();
        await daemon.WaitForCatchUpAsync(_projection.Name, TimeSpan.FromHours(1));
        var ours = _total / clock.Elapsed.TotalSeconds;
        await daemon.StopAsync();

        await using var check = dataSource.CreateCommand($"select sum(n) from rm.{_projection.Name}");
        var counted = Convert.ToInt64(await check.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        if (counted != _total) throw new InvalidOperationException($"the projection counted {counted} events, expected {_total}");
        return new BenchResult($"daemon catch-up, {_total:N0} events, batch {options.BatchSize}", "ev/s", ours, baseline,
            "≥ 50,000 ev/s", ours >= 50_000);
    }

    /// <summary>1,000-event appends in as many transactions, the event arrays built server-side.</summary>
    private async Task SeedAsync(int events)
    {
        var clock = Stopwatch.StartNew();
        const int PerAppend = 1_000;
        await Parallel.ForEachAsync(Enumerable.Range(0, (events + PerAppend - 1) / PerAppend), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            await using var cmd = dataSource.CreateCommand("""
                select count(*) from es.append('seed-' || $1, 'account', -1,
                    array(select gen_random_uuid() from generate_series(1, $2)),
                    array(select (array['bench.account_opened', 'bench.money_deposited', 'bench.money_withdrawn'])[1 + g % 3] from generate_series(1, $2) g),
                    array(select 1 from generate_series(1, $2)),
                    array(select jsonb_build_object('amount', g, 'reference', 'ref-' || g, 'owner', 'owner-' || g) from generate_series(1, $2) g),
                    array(select '{"actor": {"id": "bench", "role": "system", "channel": "bench"}, "correlationId": "bench"}'::jsonb from generate_series(1, $2)))
                """);
            cmd.Parameters.Add(new() { Value = i });
            cmd.Parameters.Add(new() { Value = Math.Min(PerAppend, events - i * PerAppend) });
            await cmd.ExecuteScalarAsync(ct);
        });
        Console.WriteLine($"seeded {events:N0} events in {clock.Elapsed.TotalSeconds:N1} s");
    }

    private async Task<double> BaselineAsync()
    {
        await using (var ddl = dataSource.CreateCommand("create schema if not exists bench_baseline; " + _projection.CreateTablesSql("bench_baseline"))) await ddl.ExecuteNonQueryAsync();
        var clock = Stopwatch.StartNew();
        var (after, total) = (0L, 0L);
        while (true)
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            var read = 0;
            await using (var cmd = dataSource.CreateCommand("""
                select seq, tx_id::text, stream_id, version, event_id, type, schema_version, data::text, metadata::text, created_at
                  from es.events where seq > $1 order by seq limit $2
                """))
            {
                cmd.Parameters.Add(new() { Value = after });
                cmd.Parameters.Add(new() { Value = options.BatchSize });
                await using var r = await cmd.ExecuteReaderAsync();
                while (await r.ReadAsync())
                {
                    after = r.GetInt64(0);
                    _ = (r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetGuid(4), r.GetInt32(6), r.GetString(7), r.GetString(8), r.GetDateTime(9));
                    var type = r.GetString(5);
                    counts[type] = counts.GetValueOrDefault(type) + 1;
                    read++;
                }
            }
            if (read == 0) break;
            total += read;
            await using var conn = await dataSource.OpenConnectionAsync();
            await using var tx = await conn.BeginTransactionAsync();
            await _projection.Upsert(new ProjectionContext(conn, tx, "bench_baseline"), counts, default);
            await tx.CommitAsync();
        }
        return total / clock.Elapsed.TotalSeconds;
    }
}
