using Cabinets.EventStore.Appending;
using Cabinets.EventStore.Tests.Daemon;
using Cabinets.Testing;
using Npgsql;

namespace Cabinets.EventStore.Tests;

/// <summary>
/// Single-stream appends that queue while the writer is busy are committed together (ADR-0012),
/// and one that does not apply takes the ordinary path without touching the others. The writer is
/// kept busy deterministically: its first append waits on a row lock this test holds.
/// </summary>
[Collection(XminHolders.Name)] // holds a row lock, so a transaction, open while the writer waits
public sealed class GroupCommitTests(DatabaseFixture db) : StoreTestBase(db)
{
    private PostgresEventStore OneWriterStore() => new(DataSource, NewRegistry()) { Combiner = new AppendCombiner(DataSource, maxWriters: 1) };

    private async Task<string> StreamAtVersionOneAsync()
    {
        var id = NewStreamId();
        await Store.AppendAsync(id, "account", ExpectedVersion.NoStream, Meta, [new Opened(id)]);
        return id;
    }

    /// <summary>Holds <paramref name="streamId"/>'s row until disposed; returns once <paramref name="append"/> waits on it.</summary>
    private async Task<(NpgsqlConnection Holder, NpgsqlTransaction Tx, Task<AppendResult> Blocked)> BlockWriterAsync(
        PostgresEventStore store, string streamId)
    {
        var holder = await DataSource.OpenConnectionAsync();
        var tx = await holder.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("select 1 from es.streams where id = $1 for update", holder, tx))
        {
            lockRow.Parameters.Add(new() { Value = streamId });
            await lockRow.ExecuteNonQueryAsync();
        }
        var blocked = store.AppendAsync(streamId, "account", ExpectedVersion.Exactly(1), Meta, [new Deposited(1)]);
        await using var waiting = new NpgsqlCommand(
            "select count(*) from pg_locks where not granted and locktype = 'transactionid' and transactionid = pg_current_xact_id()::xid",
            holder, tx);
        for (var polls = 0; (long)(await waiting.ExecuteScalarAsync())! == 0; polls++)
        {
            polls.ShouldBeLessThan(1500, "the append never reached the held row");
            await Task.Delay(20);
        }
        return (holder, tx, blocked);
    }

    [Fact]
    public async Task appends_queued_behind_a_busy_writer_commit_together_in_one_transaction()
    {
        var store = OneWriterStore();
        var first = await StreamAtVersionOneAsync();
        var others = new List<string>();
        for (var i = 0; i < 20; i++) others.Add(await StreamAtVersionOneAsync());

        var (holder, tx, blocked) = await BlockWriterAsync(store, first);
        var queued = others.Select(id => store.AppendAsync(id, "account", ExpectedVersion.Exactly(1), Meta, [new Deposited(2), new Deposited(3)])).ToList();
        await tx.CommitAsync();
        await holder.DisposeAsync();

        (await blocked).ShouldBeOfType<AppendResult.Committed>();
        var results = (await Task.WhenAll(queued)).Select(r => r.ShouldBeOfType<AppendResult.Committed>()).ToList();
        results.SelectMany(r => r.Events).Select(e => e.TransactionId).Distinct().Count().ShouldBe(1);
        results.ShouldAllBe(r => r.Events.Select(e => e.Version).SequenceEqual(new long[] { 2, 3 }));
        foreach (var (id, result) in others.Zip(results))
        {
            var stored = await Store.ReadStreamAsync(id);
            stored.Select(e => (e.Sequence, e.Version, e.TransactionId)).Skip(1)
                .ShouldBe(result.Events.Select(e => (e.Sequence, e.Version, e.TransactionId)));
            (await Store.StreamStateAsync(id))!.Version.ShouldBe(3);
        }
    }

    [Fact]
    public async Task an_append_that_does_not_apply_gets_its_own_conflict_and_the_rest_commit()
    {
        var store = OneWriterStore();
        var first = await StreamAtVersionOneAsync();
        var stale = await StreamAtVersionOneAsync();
        await Store.AppendAsync(stale, "account", ExpectedVersion.Exactly(1), Meta, [new Deposited(9)]); // now at 2
        var fine = new List<string>();
        for (var i = 0; i < 5; i++) fine.Add(await StreamAtVersionOneAsync());

        var (holder, tx, blocked) = await BlockWriterAsync(store, first);
        var staleAppend = store.AppendAsync(stale, "account", ExpectedVersion.Exactly(1), Meta, [new Deposited(1)]);
        var fineAppends = fine.Select(id => store.AppendAsync(id, "account", ExpectedVersion.Exactly(1), Meta, [new Deposited(2)])).ToList();
        await tx.CommitAsync();
        await holder.DisposeAsync();

        await blocked;
        var conflict = (await staleAppend).ShouldBeOfType<AppendResult.Conflict>();
        (conflict.StreamId, conflict.ActualVersion, conflict.Retryable).ShouldBe((stale, 2L, false));
        (await Store.ReadStreamAsync(stale)).Count.ShouldBe(2);
        var committed = (await Task.WhenAll(fineAppends)).Select(r => r.ShouldBeOfType<AppendResult.Committed>()).ToList();
        committed.SelectMany(r => r.Events).Select(e => e.TransactionId).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task an_append_with_any_version_to_a_stream_that_does_not_exist_yet_creates_it()
    {
        var id = NewStreamId();
        var result = await Store.AppendAsync(id, "account", ExpectedVersion.Any, Meta, [new Opened("new")]);

        result.ShouldBeOfType<AppendResult.Committed>().Events.Single().Version.ShouldBe(1);
        (await Store.StreamStateAsync(id))!.StreamType.ShouldBe("account");
    }

    [Fact]
    public async Task an_archived_stream_refuses_a_combined_append()
    {
        var id = await StreamAtVersionOneAsync();
        await Store.ArchiveStreamAsync(id);

        (await Store.AppendAsync(id, "account", ExpectedVersion.Exactly(1), Meta, [new Deposited(1)]))
            .ShouldBeOfType<AppendResult.StreamArchived>().StreamId.ShouldBe(id);
    }
}
