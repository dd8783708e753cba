using System.Diagnostics;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.EventStore.Daemon;
using Cabinets.EventStore.Events;
using Cabinets.EventStore.Projections;
using Cabinets.Projections.Lockers.FreeDoors;
using Npgsql;

namespace Cabinets.EventStore.Bench;

/// <summary>
/// Rebuilding the free-door read model (shadow schema, catch-up, swap) over `--events` locker
/// events — 100 per bank: provisioned, registered, 60 doors, 19 occupy/release pairs — against the
/// same projection code applied to a plain keyset scan into a scratch schema (no checkpoints, no
/// xmin horizon, no swap).
/// </summary>
internal sealed class FreeDoorRebuildBenchmark(NpgsqlDataSource dataSource, BenchOptions options)
{
    private const int PerBank = 100;
    private readonly FreeDoorProjection _projection = new();

    public async Task<BenchResult> RunAsync()
    {
        var registry = new EventTypeRegistry().RegisterAll(CabinetEventNames.All);
        var store = new PostgresEventStore(dataSource, registry);
        var banks = options.Events / PerBank;
        await SeedAsync(banks);
        await using (var vacuum = dataSource.CreateCommand("vacuum analyze es.events")) await vacuum.ExecuteNonQueryAsync();

        var baseline = await BaselineAsync(store);
        await using var daemon = new ProjectionDaemon(store, [_projection], new ProjectionDaemonOptions { BatchSize = options.BatchSize });
        await daemon.StartAsync();
        // A rebuild replays up to the live checkpoint and hands the rest to the live runner: let the
        // live projection reach the head first, so the rebuild measured is the whole history.
        await daemon.WaitForCatchUpAsync(_projection.Name, TimeSpan.FromHours(1));
        var clock = Stopwatch.StartNew();
        var result = await daemon.RebuildAsync(_projection.Name);
        var ours = result.Done / clock.Elapsed.TotalSeconds;

        var (rebuilt, scratch) = (await FreeAsync("rm"), await FreeAsync("bench_freedoors"));
        if (rebuilt != scratch) throw new InvalidOperationException($"rebuild counted {rebuilt} free doors, the scratch build {scratch}");
        Console.WriteLine($"free-door rebuild: {result.Done:N0} events in {clock.Elapsed.TotalSeconds:N1} s, {rebuilt:N0} free doors in {banks:N0} banks");
        return new BenchResult($"free-door rebuild, {result.Done:N0} events", "ev/s", ours, baseline, "(measured)", true);
    }

    private async Task SeedAsync(int banks)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, banks), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (b, ct) =>
        {
            // the JSON the domain records serialize to (camelCase, enums as numbers)
            await using var cmd = dataSource.CreateCommand("""
                with g as (select g, 'BANK' || lpad($1::text, 6, '0') as s from generate_series(1, 100) g),
                e as (select g, s,
                   case when g = 1 then 'lockers.cabinet_provisioned' when g = 2 then 'lockers.cabinet_bank_registered'
                        when g <= 62 then 'lockers.door_registered' when g % 2 = 1 then 'lockers.door_occupied' else 'lockers.door_released' end as type,
                   case when g = 1 then jsonb_build_object('serialNumber', s, 'at', '2026-01-01T00:00:00+00:00', 'site', jsonb_build_object(
                            'province', 'P' || ($1 % 30), 'city', 'C' || ($1 % 300), 'area', 'A' || ($1 % 900), 'street', 'S' || ($1 % 3000),
                            'place', 'PL' || $1, 'communityName', 'CN' || $1, 'addressNote', null))
                        when g = 2 then jsonb_build_object('serialNumber', s, 'type', '快递柜', 'subCabinets', jsonb_build_array(0), 'at', '2026-01-01T00:00:00+00:00')
                        when g <= 62 then jsonb_build_object('serialNumber', s, 'doorNumber', g - 2, 'cabinetIndex', 0, 'at', '2026-01-01T00:00:00+00:00',
                            'attributes', jsonb_build_object('size', (g % 3), 'insulated', g % 2 = 0, 'vertical', g % 5 = 0))
                        else jsonb_build_object('serialNumber', s, 'doorNumber', ((g - 63) / 2) % 60 + 1, 'at', '2026-01-01T00:00:00+00:00') end as data
                 from g)
                select count(*) from es.append((select 'cabinet-' || min(s) from e), 'cabinet', -1,
                    array(select gen_random_uuid() from e order by g), array(select type from e order by g),
                    array(select 1 from e order by g), array(select data from e order by g),
                    '{"actor": {"id": "bench", "role": "firmware", "channel": "ibs"}}'::jsonb)
                """);
            cmd.Parameters.Add(new() { Value = b });
            await cmd.ExecuteScalarAsync(ct);
        });
        Console.WriteLine($"seeded {banks * PerBank:N0} locker events ({banks:N0} banks) in {clock.Elapsed.TotalSeconds:N1} s");
    }

    private async Task<double> BaselineAsync(PostgresEventStore store)
    {
        await using (var ddl = dataSource.CreateCommand(_projection.CreateTablesSql("bench_freedoors"))) await ddl.ExecuteNonQueryAsync();
        var clock = Stopwatch.StartNew();
        var (after, total) = (0L, 0L);
        while (true)
        {
            var batch = await store.ReadAllAsync(after, options.BatchSize, _projection.EventTypes);
            if (batch.Count == 0) break;
            after = batch[^1].Sequence;
            total += batch.Count;
            await using var conn = await dataSource.OpenConnectionAsync();
            await using var tx = await conn.BeginTransactionAsync();
            await _projection.ApplyAsync(new ProjectionContext(conn, tx, "bench_freedoors"), batch, default);
            await tx.CommitAsync();
        }
        return total / clock.Elapsed.TotalSeconds;
    }

    private async Task<long> FreeAsync(string schema)
    {
        await using var cmd = dataSource.CreateCommand($"select coalesce(sum(free), 0) from {schema}.free_door_counts");
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
