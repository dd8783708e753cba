using System.Text.Json;
using Cabinets.Api.GraphQL.Connections;
using Npgsql;

namespace Cabinets.Api.Audit;

/// <summary>One stored event as an auditor reads it: where, when, who, why (metadata) and what (data as stored).</summary>
internal sealed record HistoryEvent(
    long Sequence, string StreamKey, string? StreamType, long Version, string Type, DateTimeOffset Timestamp, Guid Id,
    string? User, string? CorrelationId, string? CausationId, string? Headers, string Data)
{
    public string? Header(string name)
    {
        if (Headers is null) return null;
        using var doc = JsonDocument.Parse(Headers);
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var v) ? v.ToString() : null;
    }
}

/// <summary>
/// Marten's `mt_events` as a connection (ADR-0010), keyed by the global sequence: `streamHistory`
/// filters one stream from a version, `eventsByCorrelation` every event one request caused.
/// </summary>
internal static class EventHistory
{
    public static ConnectionTable<HistoryEvent> Table { get; } = new(
        "HistoryEvent", "HistoryEvents", "public.mt_events e",
        [
            new("sequence", "e.seq_id", ColumnType.Long),
            new("streamKey", "e.stream_id", ColumnType.String),
            new("version", "e.version", ColumnType.Long),
            new("type", "e.type", ColumnType.String),
            new("timestamp", "e.timestamp", ColumnType.DateTime),
            new("user", "e.user_name", ColumnType.String) { Nullable = true, Sortable = false },
            new("correlationId", "e.correlation_id", ColumnType.String) { Nullable = true, Sortable = false },
        ],
        key: ["sequence"], Read)
    {
        NodeType = "HistoryEvent",
        Select =
        [
            "e.seq_id", "e.stream_id", "null::text", "e.version", "e.type", "e.timestamp", "e.id",
            "e.user_name", "e.correlation_id", "e.causation_id", "e.headers::text", "e.data::text",
        ],
    };

    private static HistoryEvent Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), AggregatesAsOf.TypeOf(r.GetString(1)), r.GetInt64(3), r.GetString(4), r.GetFieldValue<DateTimeOffset>(5),
        r.GetGuid(6), r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9),
        r.IsDBNull(10) ? null : r.GetString(10), r.GetString(11));
}
