using System.Diagnostics;
using System.Text.Json;
using Cabinets.EventStore.Appending;
using Cabinets.EventStore.Events;
using Npgsql;
using NpgsqlTypes;

namespace Cabinets.EventStore.Bench;

/// <summary>
/// Appends through the store against plain Npgsql INSERTs of the same rows into a copy of
/// `es.events` (same columns, constraints and indexes): what the store adds is the stream row
/// (version check, ESX01 order check), the transaction around it and the returned positions.
/// </summary>
internal sealed class AppendBenchmarks(PostgresEventStore store, NpgsqlDataSource dataSource, BenchOptions options)
{
    private static readonly string MetadataJson = JsonSerializer.Serialize(BenchEvents.Metadata, EventTypeRegistry.JsonOptions);

    public async Task<List<BenchResult>> RunAsync()
    {
        await CreateBaselineTableAsync();
        var results = new List<BenchResult>();
        var n = options.SingleAppends;

        var (seqOurs, seqBase) = await CompareAsync(n, 1, 1, "seq");
        results.Add(new("single-event appends, sequential", "ev/s", seqOurs, seqBase, "ratio ≥ 60 %", seqOurs >= 0.6 * seqBase));
        var (parOurs, parBase) = await CompareAsync(n, options.Writers, 1, "par");
        results.Add(new($"single-event appends, {options.Writers} writers", "ev/s", parOurs, parBase, "ratio ≥ 60 %", parOurs >= 0.6 * parBase));
        var (batchOurs, batchBase) = await CompareAsync(options.BatchedAppends, 1, 100, "batch");
        results.Add(new("appends of 100 events, sequential", "ev/s", batchOurs, batchBase, "ratio ≥ 80 %", batchOurs >= 0.8 * batchBase));
        return results;
    }

    /// <summary>
    /// Events per second, ours and baseline, over <paramref name="operations"/> appends of
    /// <paramref name="size"/> events each. The two alternate in rounds, so that drift (a disk
    /// that gets slower, a checkpoint, table growth) falls on both alike.
    /// </summary>
    private async Task<(double Ours, double Baseline)> CompareAsync(int operations, int writers, int size, string prefix)
    {
        const int Rounds = 5;
        var (ours, baseline) = (TimeSpan.Zero, TimeSpan.Zero);
        await TimeAsync(20, 1, (w, i) => AppendOursAsync($"{prefix}-warm-{i}", size)); // connections, JIT, plans
        await TimeAsync(20, 1, (w, i) => InsertBaselineAsync($"{prefix}-warm-{i}", size));
        for (var round = 0; round < Rounds; round++)
        {
            ours += await TimeAsync(operations / Rounds, writers, (w, i) => AppendOursAsync($"{prefix}-{w}-{i % 100}", size));
            baseline += await TimeAsync(operations / Rounds, writers, (w, i) => InsertBaselineAsync($"{prefix}-{w}-{i % 100}", size));
        }
        var events = (double)(operations / Rounds * Rounds * size);
        return (events / ours.TotalSeconds, events / baseline.TotalSeconds);
    }

    private static async Task<TimeSpan> TimeAsync(int total, int writers, Func<int, int, Task> op)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = w; i < total; i += writers) await op(w, i);
        })));
        return clock.Elapsed;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _versions = new();

    private async Task AppendOursAsync(string stream, int count)
    {
        var events = Enumerable.Range(0, count).Select(i => BenchEvents.Make(i)).ToList();
        var result = await store.AppendAsync(stream, "account", ExpectedVersion.Any, BenchEvents.Metadata, events);
        if (result is not AppendResult.Committed) throw new InvalidOperationException($"append failed: {result}");
    }

    /// <summary>The same rows, serialized the same way, one autocommit INSERT (unnest for a batch).</summary>
    private async Task InsertBaselineAsync(string stream, int count)
    {
        var first = _versions.AddOrUpdate(stream, count, (_, v) => v + count) - count + 1;
        var types = new string[count];
        var data = new string[count];
        for (var i = 0; i < count; i++)
        {
            var e = BenchEvents.Make(i);
            types[i] = store.Types.NameOf(e.GetType()).Name;
            data[i] = System.Text.Encoding.UTF8.GetString(store.Types.Serialize(e));
        }
        await using var cmd = dataSource.CreateCommand("""
            insert into bench_baseline.events (seq, stream_id, version, event_id, type, schema_version, data, metadata)
            select nextval('bench_baseline.seq'), $1, $2 + u.ord - 1, u.id, u.type, 1, u.data::jsonb, $5::jsonb
              from unnest($3::uuid[], $4::text[], $6::text[]) with ordinality as u(id, type, data, ord)
            """);
        cmd.Parameters.Add(new() { Value = stream });
        cmd.Parameters.Add(new() { Value = first });
        cmd.Parameters.Add(new() { Value = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToArray() });
        cmd.Parameters.Add(new() { Value = types });
        cmd.Parameters.Add(new() { Value = MetadataJson });
        cmd.Parameters.Add(new() { Value = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task CreateBaselineTableAsync()
    {
        await using var cmd = dataSource.CreateCommand("""
            create schema if not exists bench_baseline;
            create sequence if not exists bench_baseline.seq as bigint;
            create table if not exists bench_baseline.events (like es.events including all);
            """);
        await cmd.ExecuteNonQueryAsync();
    }
}
