using System.Globalization;
using Cabinets.EventStore.Events;
using Npgsql;

namespace Cabinets.EventStore.Daemon;

/// <summary>
/// A batch read below the snapshot xmin (ADR-0003) and the head: the newest event of any type
/// below that xmin. Every event of the reader's types in (after, <see cref="Frontier"/>] is in
/// <see cref="Events"/>, so the checkpoint may move to the frontier even when it is not one of
/// them: filtered projections keep up with the head, and lag and waits work on any position.
/// </summary>
/// <param name="Full">The read stopped at its row limit, so more may follow before the head. Rows
/// of other types count towards that limit: a full batch can hold fewer events than the limit, so
/// callers ask this, never the event count.</param>
internal sealed record CommittedBatch(IReadOnlyList<StoredEvent> Events, EventPosition Frontier, bool Full);

/// <summary>
/// Same predicate as <see cref="PostgresEventStore.ReadCommittedAfterAsync"/>, plus the head in
/// the same statement (one snapshot, one round trip). It runs outside any transaction: inside
/// one that already has an xid, that xid would be the xmin and hold the reader back.
/// </summary>
internal sealed class CommittedReader
{
    private readonly EventTypeRegistry _types;
    private readonly string _sql;

    public CommittedReader(IReadOnlyCollection<string> eventTypes, EventTypeRegistry types)
    {
        _types = types;
        // The type filter is a column, not a predicate: the statement is prepared (ADR-0011), and a
        // generic plan given `type = any($6)` to choose from ANDs the type index into a bitmap and
        // sorts, where a range scan of events_tx_seq in index order is always right. Rows of other
        // types cost their position only (no data, no metadata) and count towards the limit.
        var wanted = eventTypes.Count > 0 ? "x.type = any($6)" : "true";
        EventTypes = eventTypes.ToArray();
        _sql = $"""
            with h as materialized (
                select tx_id, seq from es.events
                 where tx_id < pg_snapshot_xmin(pg_current_snapshot())
                 order by tx_id desc, seq desc limit 1)
            select e.seq, e.tx_id::text, e.stream_id, e.version, e.event_id, e.type, e.schema_version,
                   case when e.wanted then e.data::text end, case when e.wanted then e.metadata::text end,
                   e.created_at, h.tx_id::text, h.seq, e.wanted
              from h left join lateral (
                    select x.*, {wanted} as wanted
                      from es.events x
                     where (x.tx_id, x.seq) > ($1::text::xid8, $2)
                       and (x.tx_id, x.seq) <= (h.tx_id, h.seq)
                       and (x.tx_id, x.seq) <= ($4::text::xid8, $5)
                     order by x.tx_id, x.seq limit $3) e on true
            """;
        // No outer ORDER BY: a lateral join runs as a nested loop over h's single row, so rows
        // come out in the index order; sorting again cost ~40 % of the statement. ReadAsync checks.
    }

    public string[] EventTypes { get; }

    /// <summary>The statement, for plan tests.</summary>
    internal string Sql => _sql;

    // EventRows.Read, with metadata parsed once per run of equal JSON (half the cost of a row).
    private StoredEvent Read(NpgsqlDataReader r, MetadataCache metadata)
    {
        var type = r.GetString(5);
        var schemaVersion = r.GetInt32(6);
        return new StoredEvent(r.GetInt64(0), ulong.Parse(r.GetString(1), CultureInfo.InvariantCulture), r.GetString(2), r.GetInt64(3),
            r.GetGuid(4), type, schemaVersion, _types.Deserialize(type, schemaVersion, r.GetString(7)), metadata.Get(r.GetString(8)),
            new DateTimeOffset(r.GetDateTime(9), TimeSpan.Zero));
    }

    /// <param name="upTo">Inclusive upper bound (a rebuild reads up to the live checkpoint).</param>
    public async Task<CommittedBatch> ReadAsync(NpgsqlDataSource dataSource, EventPosition after, int maxCount,
        EventPosition upTo, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(_sql);
        cmd.Parameters.Add(new() { Value = Positions.Xid(after) });
        cmd.Parameters.Add(new() { Value = after.Sequence });
        cmd.Parameters.Add(new() { Value = maxCount });
        cmd.Parameters.Add(new() { Value = Positions.Xid(upTo) });
        cmd.Parameters.Add(new() { Value = upTo.Sequence });
        if (EventTypes.Length > 0) cmd.Parameters.Add(new() { Value = EventTypes });

        var events = new List<StoredEvent>();
        EventPosition? head = null;
        var (rows, last) = (0, after);
        var metadata = new MetadataCache();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                head ??= new EventPosition(ulong.Parse(r.GetString(10), CultureInfo.InvariantCulture), r.GetInt64(11));
                if (r.IsDBNull(0)) continue;
                var position = new EventPosition(ulong.Parse(r.GetString(1), CultureInfo.InvariantCulture), r.GetInt64(0));
                if (rows > 0 && position <= last)
                    throw new InvalidOperationException($"events came back out of (tx_id, seq) order at {position}");
                (rows, last) = (rows + 1, position);
                if (r.GetBoolean(12)) events.Add(Read(r, metadata));
            }
        }

        // A full batch may have stopped short of the head; a short one read everything up to it.
        var frontier = rows == maxCount ? last : head is { } h ? Positions.Min(h, upTo) : after;
        return new CommittedBatch(events, Positions.Max(frontier, after), rows == maxCount);
    }
}
