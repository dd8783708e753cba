using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Cabinets.EventStore.Appending;

/// <summary>
/// Group commit for the common append (ADR-0012): one existing stream at a known version, with
/// nothing else in its unit of work. Sessions that arrive while earlier ones are being written are
/// written together: one round trip, one transaction, one WAL flush for all of them. Each append is
/// its own statement that writes only when its stream is where the session expects it, and never
/// raises: one that does not apply writes nothing, leaves the others alone, and is handed back to
/// take the ordinary path (which reports the precise conflict). A batch the server refuses is
/// handed back whole; a batch whose outcome is unknown (connection lost) fails with that error. Streams are updated in id order,
/// so two combined transactions cannot deadlock on each other. No timer waits for company: a
/// session is written at once when a writer is free, so a quiet system sees no added latency.
/// </summary>
internal sealed class AppendCombiner(NpgsqlDataSource dataSource, int maxWriters = 2, int maxBatch = 128)
{
    // Plain SQL rather than es.append_events: no PL/pgSQL call, and prepared once per connection.
    private const string Sql = """
        with s as (
            update es.streams s set version = s.version + cardinality($3::uuid[]), last_tx_id = pg_current_xact_id(), updated_at = now()
             where s.id = $1 and not s.archived and s.last_tx_id <= pg_current_xact_id() and ($2 < 0 or s.version = $2)
            returning s.version - cardinality($3::uuid[]) as start)
        insert into es.events as e (seq, stream_id, version, event_id, type, schema_version, data, metadata)
        select nextval('es.event_seq'), $1, s.start + u.ord, u.event_id, u.type, u.schema_version, u.data, $7
          from s, unnest($3::uuid[], $4::text[], $5::int[], $6::jsonb[]) with ordinality as u (event_id, type, schema_version, data, ord)
        returning e.seq, e.version, e.created_at, e.tx_id::text
        """;

    private readonly ConcurrentQueue<Item> _queue = new();
    private int _writers;

    /// <summary>A stream's rows as written, or null when the append did not apply and must take the ordinary path.</summary>
    public Task<IReadOnlyList<WrittenRow>?> AppendAsync(string streamId, ExpectedVersion expected, PreparedEvents events, string metadataJson)
    {
        var item = new Item(streamId, expected.Value, events, metadataJson);
        _queue.Enqueue(item);
        StartWriterIfNeeded();
        return item.Done.Task;
    }

    private void StartWriterIfNeeded()
    {
        while (true)
        {
            var writers = Volatile.Read(ref _writers);
            if (writers >= maxWriters || _queue.IsEmpty) return;
            if (Interlocked.CompareExchange(ref _writers, writers + 1, writers) == writers) break;
        }
        _ = Task.Run(WriteWhileQueuedAsync);
    }

    private async Task WriteWhileQueuedAsync()
    {
        try
        {
            var batch = new List<Item>(maxBatch);
            while (true)
            {
                batch.Clear();
                while (batch.Count < maxBatch && _queue.TryDequeue(out var item)) batch.Add(item);
                if (batch.Count == 0) break;
                await WriteAsync(batch);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _writers);
            StartWriterIfNeeded(); // an item queued between the last empty check and the decrement
        }
    }

    private async Task WriteAsync(List<Item> batch)
    {
        batch.Sort((a, b) => string.CompareOrdinal(a.StreamId, b.StreamId));
        try
        {
            await using var conn = await dataSource.OpenConnectionAsync();
            await using var command = new NpgsqlBatch(conn);
            foreach (var item in batch) command.BatchCommands.Add(Statement(item));
            // Without an explicit transaction the whole batch is one implicit transaction, committed
            // when the last result has been sent: every item below is durable once this returns.
            var rows = await WrittenRow.ReadAsync(command, batch.Count, CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
                batch[i].Done.TrySetResult(rows[i].Count == batch[i].Events.Ids.Length ? rows[i] : null);
        }
        catch (PostgresException)
        {
            // The server refused a statement, so it rolled the whole implicit transaction back:
            // nothing was written, and each session retries on its own and meets the error there.
            foreach (var item in batch) item.Done.TrySetResult(null);
        }
#pragma warning disable CA1031 // handed to every waiting session, as the ordinary path would throw it
        catch (Exception e)
#pragma warning restore CA1031
        {
            // A lost connection or a timeout may come after the commit: the outcome is unknown, so
            // it is reported, never retried here (a retry could append the events a second time).
            foreach (var item in batch) item.Done.TrySetException(e);
        }
    }

    private static NpgsqlBatchCommand Statement(Item item)
    {
        var cmd = new NpgsqlBatchCommand(Sql);
        cmd.Parameters.Add(new() { Value = item.StreamId });
        cmd.Parameters.Add(new() { Value = item.Expected });
        cmd.Parameters.Add(new() { Value = item.Events.Ids });
        cmd.Parameters.Add(new() { Value = item.Events.Names });
        cmd.Parameters.Add(new() { Value = item.Events.Versions });
        cmd.Parameters.Add(new() { Value = item.Events.Json, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        // typed jsonb: a text parameter cast in the select list would be parsed again for every event row
        cmd.Parameters.Add(new() { Value = item.MetadataJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        return cmd;
    }

    private sealed record Item(string StreamId, long Expected, PreparedEvents Events, string MetadataJson)
    {
        public TaskCompletionSource<IReadOnlyList<WrittenRow>?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>An event's row as written: global sequence, stream version, time and transaction id.</summary>
internal readonly record struct WrittenRow(long Seq, long Version, DateTime At, ulong TransactionId)
{
    /// <summary>Runs a batch of appends, each returning (seq, version, created_at, tx_id) rows: one list per append.</summary>
    public static async Task<List<List<WrittenRow>>> ReadAsync(NpgsqlBatch batch, int appends, CancellationToken ct)
    {
        var rows = Enumerable.Range(0, appends).Select(_ => new List<WrittenRow>()).ToList();
        await using var reader = await batch.ExecuteReaderAsync(ct);
        for (var i = 0; i < appends; i++)
        {
            while (await reader.ReadAsync(ct))
                rows[i].Add(new WrittenRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetDateTime(2),
                    ulong.Parse(reader.GetString(3), CultureInfo.InvariantCulture)));
            await reader.NextResultAsync(ct);
        }
        return rows;
    }
}

/// <summary>Events serialized for an append: ids, stored names, schema versions and JSON, index for index.</summary>
internal sealed record PreparedEvents(Guid[] Ids, string[] Names, int[] Versions, string[] Json);
