using Cabinets.EventStore.Appending;
using Cabinets.EventStore.Events;
using Cabinets.EventStore.Tests.Daemon;
using Cabinets.Testing;
using Npgsql;

namespace Cabinets.EventStore.Tests;

[Collection(XminHolders.Name)]
public sealed class ReadingTests(DatabaseFixture db) : StoreTestBase(db)
{
    private static long Balance(long state, object e) => e is Deposited d ? state + d.Amount : state;

    [Fact]
    public async Task a_stream_reads_from_a_version()
    {
        var id = NewStreamId();
        await Store.AppendAsync(id, "account", ExpectedVersion.NoStream, Meta, [new Opened("a"), new Deposited(1), new Deposited(2)]);

        (await Store.ReadStreamAsync(id, fromVersion: 2)).Select(e => e.Data).ShouldBe([new Deposited(1), new Deposited(2)]);
    }

    [Fact]
    public async Task an_aggregate_can_be_seen_as_of_a_version_and_as_of_a_time()
    {
        var id = NewStreamId();
        await Store.AppendAsync(id, "account", ExpectedVersion.NoStream, Meta, [new Opened("a"), new Deposited(10)]);
        var firstBatch = (await Store.ReadStreamAsync(id)).Last().Timestamp;
        await Store.AppendAsync(id, "account", ExpectedVersion.Exactly(2), Meta, [new Deposited(5)]);

        (await Store.AggregateStreamAsync(id, 0L, Balance))!.State.ShouldBe(15);
        (await Store.AggregateStreamAsync(id, 0L, Balance, asOfVersion: 2))!.ShouldBe(new AggregateResult<long>(10, 2));
        (await Store.AggregateStreamAsync(id, 0L, Balance, asOf: firstBatch))!.ShouldBe(new AggregateResult<long>(10, 2));
        (await Store.AggregateStreamAsync("no-such-stream", 0L, Balance)).ShouldBeNull();
    }

    [Fact]
    public async Task a_snapshot_shortcuts_aggregation_but_not_an_earlier_as_of_version()
    {
        var id = NewStreamId();
        await Store.AppendAsync(id, "account", ExpectedVersion.NoStream, Meta, [new Deposited(1), new Deposited(2)]);
        await Store.SaveSnapshotAsync(id, 2, 1000L); // deliberately different from the fold, to see it used
        await Store.AppendAsync(id, "account", ExpectedVersion.Exactly(2), Meta, [new Deposited(4)]);

        (await Store.AggregateStreamAsync(id, 0L, Balance))!.State.ShouldBe(1004);
        (await Store.AggregateStreamAsync(id, 0L, Balance, asOfVersion: 1))!.State.ShouldBe(1);
    }

    [Fact]
    public async Task an_old_schema_version_is_upcast_on_read_without_rewriting_the_row()
    {
        var id = NewStreamId();
        await using (var cmd = DataSource.CreateCommand(
            "select * from es.append($1, 'account', -1, array[gen_random_uuid()], array['test.renamed'], array[1], array['{\"title\":\"old\"}'::jsonb], array['{\"actor\":{\"id\":\"x\",\"role\":\"r\",\"channel\":\"c\"}}'::jsonb])"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = id });
            await cmd.ExecuteNonQueryAsync();
        }

        (await Store.ReadStreamAsync(id)).Single().Data.ShouldBe(new Renamed("old"));
        (await ScalarAsync($"select count(*) from es.events where stream_id = '{id}' and data ? 'title' and schema_version = 1")).ShouldBe(1);
    }

    [Fact]
    public async Task reads_by_position_and_by_type_follow_the_global_sequence()
    {
        var start = await ScalarAsync("select coalesce(max(seq), 0) from es.events");
        var id = NewStreamId();
        await Store.AppendAsync(id, "account", ExpectedVersion.NoStream, Meta, [new Opened("a"), new Deposited(1), new Deposited(2)]);

        var all = await Store.ReadAllAsync(start, 100);
        all.Where(e => e.StreamId == id).Count().ShouldBe(3);
        all.Select(e => e.Sequence).ShouldBeInOrder();
        var deposits = await Store.ReadAllAsync(start, 100, ["test.deposited"]);
        deposits.ShouldAllBe(e => e.TypeName == "test.deposited");
        deposits.Count(e => e.StreamId == id).ShouldBe(2);
    }

    [Fact]
    public async Task an_unregistered_event_type_is_read_as_raw_json_not_dropped()
    {
        var id = NewStreamId();
        await Store.AppendAsync(id, "account", ExpectedVersion.NoStream, Meta, [new Opened("a")]);
        var reader = new PostgresEventStore(DataSource, new EventTypeRegistry());

        (await reader.ReadStreamAsync(id)).Single().Data.ShouldBeOfType<UnknownEvent>().TypeName.ShouldBe("test.opened");
    }

    [Fact]
    public async Task committed_reads_hide_an_open_transaction_and_everything_after_it_until_it_commits()
    {
        var before = (await Store.ReadCommittedAfterAsync(EventPosition.Start, 100_000)).LastOrDefault()?.Position ?? EventPosition.Start;
        var slow = NewStreamId();
        var fast = NewStreamId();

        // The slow writer takes its sequence number first and commits last.
        await using var conn = await DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand(
            "select * from es.append($1, 'account', -1, array[gen_random_uuid()], array['test.opened'], array[1], array['{\"name\":\"slow\"}'::jsonb], array['{\"actor\":{\"id\":\"x\",\"role\":\"r\",\"channel\":\"c\"}}'::jsonb])", conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = slow });
            await cmd.ExecuteNonQueryAsync();
        }
        await Store.AppendAsync(fast, "account", ExpectedVersion.NoStream, Meta, [new Opened("fast")]);

        (await Store.ReadCommittedAfterAsync(before, 100)).ShouldNotContain(e => e.StreamId == fast || e.StreamId == slow);
        await tx.CommitAsync();

        var seen = await Store.ReadCommittedAfterAsync(before, 100);
        seen.Select(e => e.StreamId).ShouldBe([slow, fast]);
    }
}
