using System.Text.Json;
using Cabinets.EventStore.Events;
using Npgsql;

namespace Cabinets.EventStore.Reading;

/// <summary>Turns `es.events` rows into <see cref="StoredEvent"/>s, upcasting on the way (ADR-0002).</summary>
internal static class EventRows
{
    public const string Columns = "seq, tx_id::text, stream_id, version, event_id, type, schema_version, data::text, metadata::text, created_at";

    public static async Task<List<StoredEvent>> ReadAllAsync(NpgsqlCommand cmd, EventTypeRegistry types, CancellationToken ct)
    {
        var list = new List<StoredEvent>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(Read(r, types));
        return list;
    }

    public static StoredEvent Read(NpgsqlDataReader r, EventTypeRegistry types)
    {
        var type = r.GetString(5);
        var schemaVersion = r.GetInt32(6);
        return new StoredEvent(
            Sequence: r.GetInt64(0),
            TransactionId: ulong.Parse(r.GetString(1), System.Globalization.CultureInfo.InvariantCulture),
            StreamId: r.GetString(2),
            Version: r.GetInt64(3),
            EventId: r.GetGuid(4),
            TypeName: type,
            SchemaVersion: schemaVersion,
            Data: types.Deserialize(type, schemaVersion, r.GetString(7)),
            Metadata: JsonSerializer.Deserialize<EventMetadata>(r.GetString(8), EventTypeRegistry.JsonOptions)!,
            Timestamp: new DateTimeOffset(r.GetDateTime(9), TimeSpan.Zero));
    }
}
