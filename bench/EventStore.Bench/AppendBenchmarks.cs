using Cabinets.Domain.Lockers.Cabinets;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Cabinets.EventStore.Bench;

/// <summary>
/// Appends of door flips through our store (lightweight session, metadata set the way the
/// Wolverine CommandHeaders middleware sets it, inline cabinet snapshot), against an INSERT of the
/// same JSON into a plain table with a jsonb column, on the same data source. Every writer owns
/// its banks, so neither side ever conflicts.
/// </summary>
internal sealed class AppendBenchmarks(NpgsqlDataSource db, DocumentStore store, BenchSettings settings)
{
    private const int BanksPerWriter = 32;
    private const int BankCount = BenchSettings.Writers * BanksPerWriter;

    private const string RawInsert = """
        insert into bench_raw_events (stream_id, type, data, correlation_id, causation_id, user_name, headers)
        values ($1, $2, $3, $4, $5, $6, $7)
        """;

    private static readonly string HeadersJson = """{"role":"bench","channel":"bench"}""";
    private readonly ISerializer _serializer = store.Options.Serializer();
    private Bank[] _martenBanks = [];
    private Bank[] _rawBanks = [];

    public async Task RunAsync(List<ResultRow> rows, Action<string> progress, CancellationToken ct)
    {
        await SetUpAsync(ct);

        progress("appends: 1 writer, 1 event per transaction");
        rows.Add(await CaseAsync("append, 1 writer, 1 event/tx", 1, 1, "", ct));

        progress($"appends: {BenchSettings.Writers} writers, 1 event per transaction");
        rows.Add(await CaseAsync($"append, {BenchSettings.Writers} writers, 1 event/tx", BenchSettings.Writers, 1, "", ct));

        progress($"appends: 1 writer, {BenchSettings.BatchEvents} events per transaction");
        rows.Add(await CaseAsync($"append, 1 writer, {BenchSettings.BatchEvents} events/tx", 1, BenchSettings.BatchEvents,
            "events on random banks; ", ct));
    }

    /// <summary>Raw first, then Marten, each with its own warm-up; then one traced transaction of each.</summary>
    private async Task<ResultRow> CaseAsync(string name, int writers, int events, string note, CancellationToken ct)
    {
        var rawPicks = Enumerable.Range(0, writers).Select(w => Pick(_rawBanks, writers, w)).ToArray();
        var martenPicks = Enumerable.Range(0, writers).Select(w => Pick(_martenBanks, writers, w)).ToArray();
        var raw = await TimedAsync(writers, (w, c) => RawAsync(rawPicks[w], events, c), ct);
        var marten = await TimedAsync(writers, (w, c) => MartenAsync(martenPicks[w], events, c), ct);
        var martenCommands = await NpgsqlCommands.CountAsync($"marten {name}", () => MartenAsync(Pick(_martenBanks, 1, 0), events, ct));
        var rawCommands = await NpgsqlCommands.CountAsync($"raw {name}", () => RawAsync(Pick(_rawBanks, 1, 0), events, ct));
        return new ResultRow(name, marten, raw, $"{note}Npgsql commands/tx: marten {martenCommands}, raw {rawCommands}");
    }

    private Task<Measurement> TimedAsync(int writers, TimedRun.Step step, CancellationToken ct) =>
        TimedRun.RunAsync(writers, settings.WarmUp, settings.Measured, step, ct);

    /// <summary>Writer w of n owns every n-th bank; a thread-local random picks among them.</summary>
    private static Func<Bank> Pick(Bank[] banks, int writers, int writer)
    {
        var mine = banks.Where((_, i) => i % writers == writer).ToArray();
        return () => mine[Random.Shared.Next(mine.Length)];
    }

    private async Task<int> MartenAsync(Func<Bank> pick, int events, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        Stamp(session);
        for (var i = 0; i < events; i++)
        {
            var bank = pick();
            session.Events.Append(bank.StreamId, bank.NextFlip(Random.Shared));
        }
        await session.SaveChangesAsync(ct);
        return events;
    }

    private async Task<int> RawAsync(Func<Bank> pick, int events, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var correlation = Guid.NewGuid().ToString();
        if (events == 1)
        {
            await using var cmd = new NpgsqlCommand(RawInsert, conn, tx);
            AddRow(cmd.Parameters, pick(), correlation);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        else
        {
            await using var batch = new NpgsqlBatch(conn, tx);
            for (var i = 0; i < events; i++)
            {
                var command = new NpgsqlBatchCommand(RawInsert);
                AddRow(command.Parameters, pick(), correlation);
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return events;
    }

    private void AddRow(NpgsqlParameterCollection p, Bank bank, string correlation)
    {
        var e = bank.NextFlip(Random.Shared);
        p.Add(new NpgsqlParameter<string> { TypedValue = bank.StreamId });
        p.Add(new NpgsqlParameter<string> { TypedValue = CabinetWorkload.StoredNames[e.GetType()] });
        p.Add(new NpgsqlParameter<string> { TypedValue = _serializer.ToJson(e), NpgsqlDbType = NpgsqlDbType.Jsonb });
        p.Add(new NpgsqlParameter<string> { TypedValue = correlation });
        p.Add(new NpgsqlParameter<string> { TypedValue = correlation });
        p.Add(new NpgsqlParameter<string> { TypedValue = "bench" });
        p.Add(new NpgsqlParameter<string> { TypedValue = HeadersJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
    }

    /// <summary>What CommandHeaders.Before sets on every command's session.</summary>
    private static void Stamp(IDocumentSession session)
    {
        var id = Guid.NewGuid().ToString();
        session.LastModifiedBy = "bench";
        session.SetHeader("role", "bench");
        session.SetHeader("channel", "bench");
        session.CorrelationId = id;
        session.CausationId = id;
    }

    /// <summary>Registers the banks through Marten (so their snapshots exist) and creates the raw table.</summary>
    private async Task SetUpAsync(CancellationToken ct)
    {
        await using (var cmd = db.CreateCommand("""
            create table bench_raw_events (
                seq_id bigint generated always as identity primary key,
                stream_id text not null, type text not null, data jsonb not null,
                correlation_id text, causation_id text, user_name text, headers jsonb,
                timestamp timestamptz not null default now())
            """))
            await cmd.ExecuteNonQueryAsync(ct);

        _martenBanks = Enumerable.Range(0, BankCount).Select(i => new Bank($"A{i:D7}")).ToArray();
        _rawBanks = _martenBanks.Select(b => new Bank(b.Serial)).ToArray();
        for (var i = 0; i < _martenBanks.Length; i += 16)
        {
            await using var session = store.LightweightSession();
            Stamp(session);
            for (var b = i; b < Math.Min(i + 16, _martenBanks.Length); b++)
            {
                var bank = _martenBanks[b];
                session.Events.StartStream(bank.StreamId, [.. CabinetWorkload.Registration(bank.Serial, b, DateTimeOffset.UtcNow).Cast<object>()]);
            }
            await session.SaveChangesAsync(ct);
        }
    }
}
