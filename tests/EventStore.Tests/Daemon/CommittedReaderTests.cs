using Cabinets.EventStore.Appending;
using Cabinets.EventStore.Daemon;
using Cabinets.EventStore.Events;
using Cabinets.Testing;
using Npgsql;

namespace Cabinets.EventStore.Tests.Daemon;

/// <summary>The daemon's batch read with a type filter: its results, its frontier, and its plan once prepared (ADR-0011).</summary>
[Collection(XminHolders.Name)]
public sealed class CommittedReaderTests(DatabaseFixture db) : StoreTestBase(db)
{
    private async Task<List<StoredEvent>> AppendInterleavedAsync(int pairs)
    {
        var written = new List<StoredEvent>();
        for (var i = 0; i < pairs; i++)
        {
            var result = await Store.OpenSession(Meta)
                .Append(NewStreamId(), "account", ExpectedVersion.NoStream, new Deposited(i))
                .Append(NewStreamId(), "account", ExpectedVersion.NoStream, new Opened($"n{i}"))
                .SaveChangesAsync();
            written.AddRange(result.ShouldBeOfType<AppendResult.Committed>().Events);
        }
        return written;
    }

    [Fact]
    public async Task a_filtered_read_returns_only_its_types_in_order_and_its_frontier_passes_the_others()
    {
        var start = (await Store.ReadCommittedAfterAsync(EventPosition.Start, int.MaxValue)).LastOrDefault()?.Position ?? EventPosition.Start;
        var written = await AppendInterleavedAsync(10);
        var reader = new CommittedReader(["test.opened"], Store.Types);

        var (seen, after, batches) = (new List<StoredEvent>(), start, 0);
        while (after < written[^1].Position && batches++ < 20)
        {
            var batch = await reader.ReadAsync(DataSource, after, maxCount: 3, Positions.End, CancellationToken.None);
            batch.Events.Count.ShouldBeLessThanOrEqualTo(3);
            batch.Frontier.ShouldBeGreaterThan(after);
            seen.AddRange(batch.Events);
            after = batch.Frontier;
        }

        after.ShouldBe(written[^1].Position);
        seen.Select(e => e.EventId).ShouldBe(written.Where(e => e.TypeName == "test.opened").OrderBy(e => e.Position).Select(e => e.EventId));
        seen.ShouldAllBe(e => e.Data is Opened && e.Metadata.Actor.Id == "tester");
    }

    // A guard on the plan's shape. The bitmap-and-sort plan it replaced was seen on the IBS bench's
    // database (wide rows, four busy types), not on this small one; ADR-0011 has both plans.
    [Fact]
    public async Task prepared_and_planned_generically_the_read_is_one_range_scan_in_index_order()
    {
        await AppendInterleavedAsync(200);
        var reader = new CommittedReader(["test.opened"], Store.Types);
        await using var conn = await DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var prepare = new NpgsqlCommand(
            $"analyze es.events; set local plan_cache_mode = force_generic_plan; prepare daemon_read(text, bigint, int, text, bigint, text[]) as {reader.Sql}",
            conn, tx))
            await prepare.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand(
            "explain (format text) execute daemon_read('0', 0, 500, '18446744073709551615', 9223372036854775807, array['test.opened'])", conn, tx);
        var plan = new List<string>();
        await using (var r = await explain.ExecuteReaderAsync())
            while (await r.ReadAsync()) plan.Add(r.GetString(0));
        await using (var deallocate = new NpgsqlCommand("deallocate daemon_read", conn, tx)) await deallocate.ExecuteNonQueryAsync();

        var text = string.Join('\n', plan);
        text.ShouldContain("Index Scan using events_tx_seq on events x", customMessage: text);
        text.ShouldNotContain("Sort", customMessage: text);
        text.ShouldNotContain("Bitmap", customMessage: text);
    }
}
