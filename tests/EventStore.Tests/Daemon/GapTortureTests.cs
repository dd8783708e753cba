using System.Collections.Concurrent;
using Cabinets.EventStore.Appending;
using Cabinets.EventStore.Events;
using Cabinets.Testing;
using Npgsql;

namespace Cabinets.EventStore.Tests.Daemon;

/// <summary>
/// The hazard of ADR-0003: sequence numbers are handed out before commit, so a reader that
/// checkpoints on seq skips a transaction that commits late. Here writers race on shared
/// streams while some transactions roll back and some commit seconds late.
/// </summary>
[Collection(XminHolders.Name)]
public sealed class GapTortureTests(DatabaseFixture db) : DaemonTestBase(db)
{
    private sealed class Explode : ITransactionParticipant
    {
        public Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredEvent> events, CancellationToken ct) =>
            throw new InvalidOperationException("participant failed: the session must roll back");
    }

    [Fact]
    public async Task every_committed_event_is_applied_exactly_once_in_stream_order_despite_rollbacks_and_late_commits()
    {
        var streams = Enumerable.Range(0, 30).Select(i => $"torture-{i}").ToArray();
        foreach (var s in streams) await Store.AppendAsync(s, "account", ExpectedVersion.NoStream, Meta, [new Opened(s)]);
        var daemon = NewDaemon([new RecordingProjection("recorder")], o => o.BatchSize = 7);
        await daemon.StartAsync();
        var rolledBack = new ConcurrentBag<long>();
        var lateCommits = new ConcurrentBag<(long Late, long Early)>();

        async Task FastWriterAsync(int writer)
        {
            var rnd = new Random(writer);
            for (var i = 0; i < 60; i++)
            {
                var events = Enumerable.Range(0, rnd.Next(1, 4)).Select(k => (object)new Deposited(k)).ToList();
                var stream = streams[rnd.Next(streams.Length)];
                AppendResult result;
                do result = await Store.AppendAsync(stream, "account", ExpectedVersion.Any, Meta, events);
                while (result is AppendResult.Conflict { Retryable: true }); // a newer transaction wrote first (ESX01)
                result.ShouldBeOfType<AppendResult.Committed>();
            }
        }

        async Task RollbackWriterAsync()
        {
            var rnd = new Random(99);
            for (var i = 0; i < 20; i++)
            {
                await using var conn = await DataSource.OpenConnectionAsync();
                await using var tx = await conn.BeginTransactionAsync();
                try
                {
                    foreach (var seq in await RawAppendAsync(conn, tx, streams[rnd.Next(streams.Length)], rnd.Next(1, 4))) rolledBack.Add(seq);
                }
                catch (PostgresException e) when (e.SqlState == "ESX01")
                {
                    // a newer transaction wrote the stream first: this one rolls back anyway
                }
                await tx.RollbackAsync();
                var stream = streams[rnd.Next(streams.Length)];
                while (true) // until the participant runs: before it, a newer writer may win the stream (ESX01)
                {
                    var session = Store.OpenSession(Meta).Append(stream, "account", ExpectedVersion.Any, [new Deposited(-1)]).Enlist(new Explode());
                    try
                    {
                        (await session.SaveChangesAsync()).ShouldBeOfType<AppendResult.Conflict>().Retryable.ShouldBeTrue();
                    }
                    catch (InvalidOperationException)
                    {
                        break;
                    }
                }
            }
        }

        // A transaction E takes its xid, then L appends (lower seq, higher xid) and stays open
        // while E appends (higher seq) and commits. The daemon must apply E's event while L is
        // open — reading by seq it would now have passed L's — and still apply L's after it commits.
        async Task LateCommitAsync(int k)
        {
            await using var early = await DataSource.OpenConnectionAsync();
            await using var earlyTx = await early.BeginTransactionAsync();
            await using (var xid = new NpgsqlCommand("select pg_current_xact_id()", early, earlyTx)) await xid.ExecuteScalarAsync();

            var (late, lateTx, lateSeq) = await BeginLateAsync(streams[k]);
            await using var lateConnection = late;
            await using var lateTransaction = lateTx;
            var holdOpen = Task.Delay(TimeSpan.FromSeconds(2)); // torture, not synchronisation: others keep committing meanwhile
            await RawAppendAsync(late, lateTx, $"late-{k}", 1);

            var earlySeq = (await RawAppendAsync(early, earlyTx, $"early-{k}", 1))[0];
            await earlyTx.CommitAsync();
            await daemon.WaitForAsync("recorder", await PositionOfAsync(early, earlySeq), Patience);
            (await ScalarAsync($"select count(*) from rm.recorder where seq = {lateSeq}")).ShouldBe(0);
            (await daemon.GetHorizonAsync()).Oldest.ShouldNotBeNull();

            await holdOpen;
            await lateTx.CommitAsync();
            lateCommits.Add((lateSeq, earlySeq));
        }

        await Task.WhenAll([.. Enumerable.Range(0, 4).Select(FastWriterAsync), RollbackWriterAsync(), .. Enumerable.Range(0, 3).Select(LateCommitAsync)]);
        await daemon.WaitForCatchUpAsync("recorder", Patience);

        var (expected, applied) = await CompareAsync("recorder");
        applied.ShouldBe(expected); // every committed event, once (seq is the primary key)
        applied.ShouldNotContain(seq => rolledBack.Contains(seq));
        rolledBack.Count.ShouldBeGreaterThan(0);
        foreach (var (lateSeq, earlySeq) in lateCommits)
        {
            lateSeq.ShouldBeLessThan(earlySeq);
            (await ScalarAsync($"select applied from rm.recorder where seq = {lateSeq}"))
                .ShouldBeGreaterThan(await ScalarAsync($"select applied from rm.recorder where seq = {earlySeq}"));
        }
        await AssertStreamOrderAsync("recorder");
    }

    private async Task<(NpgsqlConnection, NpgsqlTransaction, long)> BeginLateAsync(string stream)
    {
        while (true)
        {
            var conn = await DataSource.OpenConnectionAsync();
            var tx = await conn.BeginTransactionAsync();
            try
            {
                return (conn, tx, (await RawAppendAsync(conn, tx, stream, 2))[0]);
            }
            catch (PostgresException e) when (e.SqlState == "ESX01")
            {
                await tx.DisposeAsync();
                await conn.DisposeAsync(); // a newer writer got there first: retry in a new transaction
            }
        }
    }

    /// <summary>In apply order, each stream's versions are exactly 1, 2, 3, ...</summary>
    private async Task AssertStreamOrderAsync(string table)
    {
        await using var cmd = DataSource.CreateCommand($"select stream_id, version from rm.{table} order by applied");
        await using var r = await cmd.ExecuteReaderAsync();
        var last = new Dictionary<string, long>();
        while (await r.ReadAsync())
        {
            var (stream, version) = (r.GetString(0), r.GetInt64(1));
            version.ShouldBe(last.GetValueOrDefault(stream) + 1, $"stream {stream} applied out of order");
            last[stream] = version;
        }
    }
}
