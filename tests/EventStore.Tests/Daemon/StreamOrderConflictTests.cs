using Cabinets.EventStore.Appending;
using Cabinets.Testing;
using Npgsql;

namespace Cabinets.EventStore.Tests.Daemon;

/// <summary>
/// `es.append` refuses a stream last written by a newer transaction (ESX01), so within a stream
/// tx_id never decreases with version and (tx_id, seq) order is stream order (ADR-0003).
/// </summary>
[Collection(XminHolders.Name)]
public sealed class StreamOrderConflictTests(DatabaseFixture db) : DaemonTestBase(db)
{
    [Fact]
    public async Task a_transaction_older_than_the_streams_last_writer_gets_a_retryable_conflict()
    {
        var stream = NewStreamId();
        await Store.AppendAsync(stream, "account", ExpectedVersion.NoStream, Meta, [new Opened("a")]);
        await using var old = await DataSource.OpenConnectionAsync();
        await using var oldTx = await old.BeginTransactionAsync();
        await using (var xid = new NpgsqlCommand("select pg_current_xact_id()", old, oldTx)) await xid.ExecuteScalarAsync();

        // a newer transaction appends and commits first
        (await Store.AppendAsync(stream, "account", ExpectedVersion.Any, Meta, [new Deposited(1)])).ShouldBeOfType<AppendResult.Committed>();

        var refused = await Should.ThrowAsync<PostgresException>(() => RawAppendAsync(old, oldTx, stream, 1));
        refused.SqlState.ShouldBe("ESX01");
        refused.Detail.ShouldBe("2");
        await oldTx.RollbackAsync();

        // a retry in a new transaction succeeds, after the newer one in both version and position
        await using var retry = await DataSource.OpenConnectionAsync();
        await using var retryTx = await retry.BeginTransactionAsync();
        await RawAppendAsync(retry, retryTx, stream, 1);
        await retryTx.CommitAsync();
        var events = await Store.ReadStreamAsync(stream);
        events.Select(e => e.Version).ShouldBe([1L, 2L, 3L]);
        events.Select(e => e.Position).ShouldBeInOrder();
    }

    [Fact]
    public async Task an_older_transaction_waiting_on_the_stream_lock_is_refused_when_the_newer_one_commits()
    {
        var stream = NewStreamId();
        await Store.AppendAsync(stream, "account", ExpectedVersion.NoStream, Meta, [new Opened("a")]);
        await using var old = await DataSource.OpenConnectionAsync();
        await using var oldTx = await old.BeginTransactionAsync();
        await using (var xid = new NpgsqlCommand("select pg_current_xact_id()", old, oldTx)) await xid.ExecuteScalarAsync();

        await using var newer = await DataSource.OpenConnectionAsync();
        await using var newerTx = await newer.BeginTransactionAsync();
        await RawAppendAsync(newer, newerTx, stream, 1); // holds the stream row
        var blocked = RawAppendAsync(old, oldTx, stream, 1);
        await WaitUntilBlockedAsync(old.ProcessID);
        await newerTx.CommitAsync();

        (await Should.ThrowAsync<PostgresException>(() => blocked)).SqlState.ShouldBe("ESX01");
    }

    [Fact]
    public async Task a_session_whose_transaction_is_older_than_the_streams_last_writer_gets_a_retryable_conflict()
    {
        var (first, second) = ($"a-{Guid.NewGuid():N}", $"b-{Guid.NewGuid():N}");
        await Store.AppendAsync(second, "account", ExpectedVersion.NoStream, Meta, [new Opened("b")]);

        // H holds inserts into es.events back (a table lock: H takes no xid). The session takes its
        // xid creating `first`, then waits on H; a newer transaction N does the same for `second`.
        await using var holder = await DataSource.OpenConnectionAsync();
        await using var holderTx = await holder.BeginTransactionAsync();
        await using (var gate = new NpgsqlCommand("lock table es.events in share mode", holder, holderTx)) await gate.ExecuteNonQueryAsync();
        var session = Task.Run(() => Store.OpenSession(Meta)
            .Append(first, "account", ExpectedVersion.Any, [new Opened("a")])
            .Append(second, "account", ExpectedVersion.Any, [new Deposited(1)])
            .SaveChangesAsync());
        await WaitForBlockedBackendAsync(holder.ProcessID);

        await using var newer = await DataSource.OpenConnectionAsync();
        await using var newerTx = await newer.BeginTransactionAsync();
        var newerAppend = RawAppendAsync(newer, newerTx, second, 1);
        await WaitUntilBlockedAsync(newer.ProcessID);
        await holderTx.RollbackAsync();
        await newerAppend;
        await newerTx.CommitAsync(); // `second` was last written by a transaction newer than the session's

        var conflict = (await session).ShouldBeOfType<AppendResult.Conflict>();
        conflict.StreamId.ShouldBe(second);
        conflict.Retryable.ShouldBeTrue();
        (await Store.StreamStateAsync(first)).ShouldBeNull(); // the whole session rolled back

        (await Store.OpenSession(Meta)
            .Append(first, "account", ExpectedVersion.Any, [new Opened("a")])
            .Append(second, "account", ExpectedVersion.Any, [new Deposited(1)])
            .SaveChangesAsync()).ShouldBeOfType<AppendResult.Committed>();
        (await Store.ReadStreamAsync(second)).Select(e => e.Position).ShouldBeInOrder();
    }

    private async Task WaitUntilBlockedAsync(int pid)
    {
        while (await ScalarAsync($"select count(*) from pg_stat_activity where pid = {pid} and wait_event_type = 'Lock'") == 0)
            await Task.Delay(10);
    }

    private async Task<int> WaitForBlockedBackendAsync(int blockerPid)
    {
        while (true)
        {
            var pid = await ScalarAsync($"select coalesce(max(pid), 0) from pg_stat_activity where {blockerPid} = any(pg_blocking_pids(pid))");
            if (pid != 0) return (int)pid;
            await Task.Delay(10);
        }
    }

}
