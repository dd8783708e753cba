using Cabinets.EventStore.Appending;
using Cabinets.Testing;

namespace Cabinets.EventStore.Tests;

public sealed class AppendingTests(DatabaseFixture db) : StoreTestBase(db)
{
    [Fact]
    public async Task appending_to_a_new_stream_numbers_events_from_version_one()
    {
        var id = NewStreamId();
        var result = await Store.AppendAsync(id, "account", ExpectedVersion.NoStream, Meta, [new Opened("a"), new Deposited(5)]);

        var committed = result.ShouldBeOfType<AppendResult.Committed>();
        committed.Events.Select(e => e.Version).ShouldBe([1L, 2L]);
        committed.Events[1].Sequence.ShouldBeGreaterThan(committed.Events[0].Sequence);
        (await Store.StreamStateAsync(id))!.Version.ShouldBe(2);
    }

    [Fact]
    public async Task appending_to_a_stale_version_is_rejected_and_leaves_no_trace()
    {
        var id = NewStreamId();
        await Store.AppendAsync(id, "account", ExpectedVersion.NoStream, Meta, [new Opened("a")]);
        var before = await ScalarAsync("select count(*) from es.events");

        var result = await Store.AppendAsync(id, "account", ExpectedVersion.Exactly(0), Meta, [new Deposited(1)]);

        var conflict = result.ShouldBeOfType<AppendResult.Conflict>();
        conflict.ActualVersion.ShouldBe(1);
        conflict.Retryable.ShouldBeFalse();
        (await ScalarAsync("select count(*) from es.events")).ShouldBe(before);
        (await Store.StreamStateAsync(id))!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task must_be_new_and_must_exist_are_checked()
    {
        var id = NewStreamId();
        (await Store.AppendAsync(id, "account", ExpectedVersion.StreamExists, Meta, [new Deposited(1)]))
            .ShouldBeOfType<AppendResult.Conflict>().ActualVersion.ShouldBe(0);
        (await Store.AppendAsync(id, "account", ExpectedVersion.Any, Meta, [new Opened("a")])).ShouldBeOfType<AppendResult.Committed>();
        (await Store.AppendAsync(id, "account", ExpectedVersion.NoStream, Meta, [new Opened("b")])).ShouldBeOfType<AppendResult.Conflict>();
        (await Store.AppendAsync(id, "account", ExpectedVersion.StreamExists, Meta, [new Deposited(2)])).ShouldBeOfType<AppendResult.Committed>();
    }

    [Fact]
    public async Task a_conflict_on_one_stream_rolls_back_the_whole_session()
    {
        var existing = NewStreamId();
        var fresh = NewStreamId();
        await Store.AppendAsync(existing, "account", ExpectedVersion.NoStream, Meta, [new Opened("a")]);

        var result = await Store.OpenSession(Meta)
            .Append(fresh, "account", ExpectedVersion.NoStream, [new Opened("fresh")])
            .Append(existing, "account", ExpectedVersion.Exactly(5), [new Deposited(1)])
            .SaveChangesAsync();

        result.ShouldBeOfType<AppendResult.Conflict>().StreamId.ShouldBe(existing);
        (await Store.StreamStateAsync(fresh)).ShouldBeNull();
        (await Store.ReadStreamAsync(fresh)).ShouldBeEmpty();
    }

    [Fact]
    public async Task many_writers_on_one_stream_exactly_one_wins_each_version()
    {
        var id = NewStreamId();
        await Store.AppendAsync(id, "account", ExpectedVersion.NoStream, Meta, [new Opened("a")]);
        var wins = 0;

        // 8 writers race 25 rounds each, always expecting the version they last read.
        await Parallel.ForEachAsync(Enumerable.Range(0, 8), async (writer, ct) =>
        {
            for (var round = 0; round < 25; round++)
            {
                var state = await Store.StreamStateAsync(id, ct);
                var result = await Store.AppendAsync(id, "account", ExpectedVersion.Exactly(state!.Version), Meta, [new Deposited(writer)], ct);
                if (result is AppendResult.Committed) Interlocked.Increment(ref wins);
                else result.ShouldBeOfType<AppendResult.Conflict>();
            }
        });

        var events = await Store.ReadStreamAsync(id);
        events.Count.ShouldBe(wins + 1);
        events.Select(e => e.Version).ShouldBe(Enumerable.Range(1, wins + 1).Select(v => (long)v));
        (await ScalarAsync($"select count(distinct version) from es.events where stream_id = '{id}'")).ShouldBe(wins + 1);
    }

    [Fact]
    public async Task a_repeated_command_returns_the_first_outcome_and_appends_nothing()
    {
        var id = NewStreamId();
        var commandId = $"cmd-{Guid.NewGuid():N}";
        var first = await Store.OpenSession(Meta).Append(id, "account", ExpectedVersion.Any, [new Deposited(10)])
            .RecordCommand(commandId, new { balance = 10 }).SaveChangesAsync();
        first.ShouldBeOfType<AppendResult.Committed>();

        var second = await Store.OpenSession(Meta).Append(id, "account", ExpectedVersion.Any, [new Deposited(10)])
            .RecordCommand(commandId, new { balance = 20 }).SaveChangesAsync();

        second.ShouldBeOfType<AppendResult.Duplicate>().Outcome.ShouldBe("""{"balance": 10}""");
        (await Store.ReadStreamAsync(id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task an_archived_stream_stays_readable_and_refuses_appends()
    {
        var id = NewStreamId();
        await Store.AppendAsync(id, "account", ExpectedVersion.NoStream, Meta, [new Opened("a")]);
        (await Store.ArchiveStreamAsync(id)).ShouldBeTrue();

        (await Store.AppendAsync(id, "account", ExpectedVersion.Any, Meta, [new Deposited(1)])).ShouldBeOfType<AppendResult.StreamArchived>();
        (await Store.ReadStreamAsync(id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task events_carry_metadata_and_stable_stored_names()
    {
        var id = NewStreamId();
        await Store.AppendAsync(id, "account", ExpectedVersion.NoStream, Meta, [new Opened("a")]);

        var e = (await Store.ReadStreamAsync(id)).Single();
        e.TypeName.ShouldBe("test.opened");
        e.Metadata.Actor.ShouldBe(Meta.Actor);
        e.Metadata.CorrelationId.ShouldBe("corr-1");
        e.Data.ShouldBe(new Opened("a"));
    }
}
