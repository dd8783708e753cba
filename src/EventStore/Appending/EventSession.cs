using System.Text.Json;
using Cabinets.EventStore.Events;
using Cabinets.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace Cabinets.EventStore.Appending;

/// <summary>
/// A unit of work (Marten's `IDocumentSession`): appends to one or many streams, an optional
/// command id with its outcome, inline projections and transaction participants — all committed
/// in one transaction by <see cref="SaveChangesAsync"/>, or nothing at all.
/// </summary>
public sealed class EventSession
{
    private readonly PostgresEventStore _store;
    private readonly EventMetadata _metadata;
    private readonly List<PendingStream> _streams = [];
    private readonly List<ITransactionParticipant> _participants = [];
    private (string Id, string Outcome)? _command;

    internal EventSession(PostgresEventStore store, EventMetadata metadata)
    {
        _store = store;
        _metadata = metadata;
    }

    public bool HasChanges => _streams.Count > 0 || _command is not null || _participants.Count > 0;

    public EventSession Append(string streamId, string streamType, ExpectedVersion expected, params IEnumerable<object> events)
    {
        var list = events.ToList();
        if (list.Count == 0) return this;
        if (_streams.Any(s => s.StreamId == streamId))
            throw new InvalidOperationException($"stream '{streamId}' is already part of this session: append once per stream");
        _streams.Add(new PendingStream(streamId, streamType, expected, list));
        return this;
    }

    /// <summary>Records <paramref name="commandId"/>: a later session with the same id writes nothing and gets this outcome back.</summary>
    public EventSession RecordCommand(string commandId, object outcome)
    {
        _command = (commandId, JsonSerializer.Serialize(outcome, outcome.GetType(), EventTypeRegistry.JsonOptions));
        return this;
    }

    public EventSession Enlist(ITransactionParticipant participant)
    {
        _participants.Add(participant);
        return this;
    }

    public async Task<AppendResult> SaveChangesAsync(CancellationToken ct = default)
    {
        // Streams are locked in id order so that two multi-stream sessions cannot deadlock.
        var ordered = _streams.OrderBy(s => s.StreamId, StringComparer.Ordinal).ToList();
        // With nothing to run between the writes and the commit, the batch alone is the unit of
        // work: without an explicit transaction PostgreSQL runs it as one implicit transaction
        // (all or nothing), committed in the same round trip instead of a second one.
        var writesOnly = _store.InlineProjections.Count == 0 && _participants.Count == 0;
        var prepared = ordered.Select(s => s.Prepare(_store.Types)).ToList();
        var metadataJson = JsonSerializer.Serialize(_metadata, EventTypeRegistry.JsonOptions);
        if (writesOnly && _command is null && ordered is [{ Expected.Value: >= 1 or -1 or -3 } single])
        {
            // The hot path (a known stream, nothing else to do) is group-committed with its neighbours.
            var written = await _store.Combiner.AppendAsync(single.StreamId, single.Expected, prepared[0], metadataJson).WaitAsync(ct);
            if (written is not null) return new AppendResult.Committed(ToStored(single, prepared[0], written));
        }
        await using var conn = await _store.DataSource.OpenConnectionAsync(ct);
        await using var tx = writesOnly ? null : await conn.BeginTransactionAsync(ct);
        try
        {
            var events = await WriteAsync(conn, tx, ordered, prepared, metadataJson, ct);
            foreach (var projection in _store.InlineProjections)
            {
                var relevant = projection.EventTypes.Count == 0 ? events : events.Where(e => projection.EventTypes.Contains(e.TypeName)).ToList();
                if (relevant.Count > 0)
                    await projection.ApplyAsync(new ProjectionContext(conn, tx!, ProjectionContext.LiveSchema), relevant, ct);
            }
            foreach (var participant in _participants) await participant.ExecuteAsync(conn, tx!, events, ct);
            if (tx is not null) await tx.CommitAsync(ct);
            return new AppendResult.Committed(events);
        }
        catch (PostgresException e) when (Classify(e, ordered) is { } result)
        {
            if (tx is not null) await tx.RollbackAsync(CancellationToken.None);
            if (result is AppendResult.Duplicate d)
                return d with { Outcome = await _store.CommandOutcomeAsync(d.CommandId, ct) ?? "null" };
            return result;
        }
    }

    private async Task<List<StoredEvent>> WriteAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, List<PendingStream> streams,
        List<PreparedEvents> prepared, string metadataJson, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn, tx);
        if (_command is { } command)
        {
            var record = new NpgsqlBatchCommand("insert into es.commands (command_id, outcome) values ($1, $2::jsonb)");
            record.Parameters.Add(new() { Value = command.Id });
            record.Parameters.Add(new() { Value = command.Outcome });
            batch.BatchCommands.Add(record);
        }
        foreach (var (stream, p) in streams.Zip(prepared))
        {
            var append = new NpgsqlBatchCommand("select seq, version, created_at, tx_id from es.append_events($1, $2, $3, $4, $5, $6, $7::jsonb[], $8::jsonb)");
            append.Parameters.Add(new() { Value = stream.StreamId });
            append.Parameters.Add(new() { Value = stream.StreamType });
            append.Parameters.Add(new() { Value = stream.Expected.Value });
            append.Parameters.Add(new() { Value = p.Ids });
            append.Parameters.Add(new() { Value = p.Names });
            append.Parameters.Add(new() { Value = p.Versions });
            append.Parameters.Add(new() { Value = p.Json, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            append.Parameters.Add(new() { Value = metadataJson });
            batch.BatchCommands.Add(append);
        }
        var rows = await WrittenRow.ReadAsync(batch, streams.Count, ct);
        return streams.Select((stream, i) => ToStored(stream, prepared[i], rows[i])).SelectMany(e => e).ToList();
    }

    private List<StoredEvent> ToStored(PendingStream stream, PreparedEvents prepared, IReadOnlyList<WrittenRow> rows) =>
        rows.Select((row, i) => new StoredEvent(row.Seq, row.TransactionId, stream.StreamId, row.Version, prepared.Ids[i], prepared.Names[i],
            prepared.Versions[i], stream.Events[i], _metadata, new DateTimeOffset(row.At, TimeSpan.Zero))).ToList();

    private AppendResult? Classify(PostgresException e, List<PendingStream> streams)
    {
        ExpectedVersion ExpectedOf(string id) => streams.FirstOrDefault(s => s.StreamId == e.MessageText)?.Expected ?? ExpectedVersion.Any;
        long Actual() => long.TryParse(e.Detail, out var v) ? v : -1;
        return e.SqlState switch
        {
            "ESV01" => new AppendResult.Conflict(e.MessageText, ExpectedOf(e.MessageText), Actual(), Retryable: false),
            "ESX01" => new AppendResult.Conflict(e.MessageText, ExpectedOf(e.MessageText), Actual(), Retryable: true),
            "ESA01" => new AppendResult.StreamArchived(e.MessageText),
            PostgresErrorCodes.UniqueViolation when e.ConstraintName == "commands_pkey" && _command is { } c
                => new AppendResult.Duplicate(c.Id, ""),
            _ => null,
        };
    }

    private sealed record PendingStream(string StreamId, string StreamType, ExpectedVersion Expected, List<object> Events)
    {
        public PreparedEvents Prepare(EventTypeRegistry types)
        {
            var ids = new Guid[Events.Count];
            var names = new string[Events.Count];
            var versions = new int[Events.Count];
            var json = new string[Events.Count];
            for (var i = 0; i < Events.Count; i++)
            {
                ids[i] = Guid.CreateVersion7();
                (names[i], versions[i]) = types.NameOf(Events[i].GetType());
                json[i] = System.Text.Encoding.UTF8.GetString(types.Serialize(Events[i]));
            }
            return new PreparedEvents(ids, names, versions, json);
        }
    }
}
