using Cabinets.EventStore.Events;
using Cabinets.EventStore.Reading;

namespace Cabinets.EventStore;

public sealed partial class PostgresEventStore
{
    /// <summary>A stream's events from <paramref name="fromVersion"/> up to <paramref name="toVersion"/> (inclusive).</summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, long fromVersion = 1, long toVersion = long.MaxValue, CancellationToken ct = default)
    {
        await using var cmd = DataSource.CreateCommand(
            $"select {EventRows.Columns} from es.events where stream_id = $1 and version between $2 and $3 order by version");
        cmd.Parameters.Add(new() { Value = streamId });
        cmd.Parameters.Add(new() { Value = fromVersion });
        cmd.Parameters.Add(new() { Value = toVersion });
        return await EventRows.ReadAllAsync(cmd, Types, ct);
    }

    /// <summary>
    /// All events after global sequence <paramref name="afterSequence"/>, in sequence order (audit
    /// export). Not for subscriptions: a slow transaction can still commit a lower sequence later;
    /// subscribers use <see cref="ReadCommittedAfterAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterSequence, int maxCount, IReadOnlyCollection<string>? types = null, CancellationToken ct = default)
    {
        var typeFilter = types is { Count: > 0 } ? "and type = any($3)" : "";
        await using var cmd = DataSource.CreateCommand(
            $"select {EventRows.Columns} from es.events where seq > $1 {typeFilter} order by seq limit $2");
        cmd.Parameters.Add(new() { Value = afterSequence });
        cmd.Parameters.Add(new() { Value = maxCount });
        if (types is { Count: > 0 }) cmd.Parameters.Add(new() { Value = types.ToArray() });
        return await EventRows.ReadAllAsync(cmd, Types, ct);
    }

    /// <summary>
    /// Events after <paramref name="after"/> in (transaction id, sequence) order, only from
    /// transactions older than every transaction still running: that set can never grow below
    /// its top, so a reader that checkpoints the last position never skips a late commit (ADR-0003).
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadCommittedAfterAsync(EventPosition after, int maxCount,
        IReadOnlyCollection<string>? types = null, CancellationToken ct = default)
    {
        var typeFilter = types is { Count: > 0 } ? "and type = any($4)" : "";
        await using var cmd = DataSource.CreateCommand($"""
            select {EventRows.Columns} from es.events
             where (tx_id, seq) > ($1::text::xid8, $2)
               and tx_id < pg_snapshot_xmin(pg_current_snapshot())
               {typeFilter}
             order by events.tx_id, seq -- qualified: bare tx_id is the ::text output column (text order)
             limit $3
            """);
        cmd.Parameters.Add(new() { Value = after.TransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        cmd.Parameters.Add(new() { Value = after.Sequence });
        cmd.Parameters.Add(new() { Value = maxCount });
        if (types is { Count: > 0 }) cmd.Parameters.Add(new() { Value = types.ToArray() });
        return await EventRows.ReadAllAsync(cmd, Types, ct);
    }

    /// <summary>
    /// Folds a stream into state as of a version and/or a time (auditors). The time bound takes the
    /// longest prefix of the stream whose events were all written at or before it.
    /// </summary>
    public async Task<AggregateResult<TState>?> AggregateStreamAsync<TState>(string streamId, TState initial,
        Func<TState, object, TState> evolve, long? asOfVersion = null, DateTimeOffset? asOf = null, CancellationToken ct = default)
    {
        var (state, version) = (initial, 0L);
        var snapshot = await LoadSnapshotAsync<TState>(streamId, ct);
        if (snapshot is not null && asOf is null && (asOfVersion is null || snapshot.Value.Version <= asOfVersion))
            (state, version) = snapshot.Value;

        var events = await ReadStreamAsync(streamId, version + 1, asOfVersion ?? long.MaxValue, ct);
        foreach (var e in events)
        {
            if (asOf is { } t && e.Timestamp > t) break;
            state = evolve(state, e.Data);
            version = e.Version;
        }
        return version == 0 ? null : new AggregateResult<TState>(state, version);
    }
}

public sealed record AggregateResult<TState>(TState State, long Version);
