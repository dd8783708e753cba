using System.Globalization;
using System.Text.Json;
using Cabinets.EventStore.Events;

namespace Cabinets.EventStore.Daemon;

/// <summary>Events of one transaction share their metadata: parse each distinct JSON once per batch.</summary>
internal sealed class MetadataCache
{
    private string? _json;
    private EventMetadata? _value;

    public EventMetadata Get(string json)
    {
        if (_value is null || !string.Equals(json, _json, StringComparison.Ordinal))
            (_json, _value) = (json, JsonSerializer.Deserialize<EventMetadata>(json, EventTypeRegistry.JsonOptions)!);
        return _value;
    }
}

internal static class Positions
{
    /// <summary>Above every real position: "no upper bound".</summary>
    public static EventPosition End { get; } = new(ulong.MaxValue, long.MaxValue);

    public static string Xid(EventPosition p) => p.TransactionId.ToString(CultureInfo.InvariantCulture);

    public static EventPosition Parse(string txId, long seq) => new(ulong.Parse(txId, CultureInfo.InvariantCulture), seq);

    public static EventPosition Min(EventPosition a, EventPosition b) => a <= b ? a : b;

    public static EventPosition Max(EventPosition a, EventPosition b) => a >= b ? a : b;
}
