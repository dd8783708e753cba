namespace Cabinets.EventStore.Events;

/// <summary>An event as read back from the store, upcast to its current schema version.</summary>
/// <param name="Sequence">Global position: unique, increasing, with holes where transactions rolled back.</param>
/// <param name="TransactionId">The appending transaction (`pg_current_xact_id()`); the daemon orders by (TransactionId, Sequence), see ADR-0003.</param>
public sealed record StoredEvent(
    long Sequence,
    ulong TransactionId,
    string StreamId,
    long Version,
    Guid EventId,
    string TypeName,
    int SchemaVersion,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset Timestamp)
{
    /// <summary>The daemon's position of this event.</summary>
    public EventPosition Position => new(TransactionId, Sequence);
}

/// <summary>A position in the daemon's total order: transaction id, then sequence (ADR-0003).</summary>
public readonly record struct EventPosition(ulong TransactionId, long Sequence) : IComparable<EventPosition>
{
    public static EventPosition Start { get; } = new(0, 0);

    public int CompareTo(EventPosition other) => TransactionId != other.TransactionId
        ? TransactionId.CompareTo(other.TransactionId)
        : Sequence.CompareTo(other.Sequence);

    public static bool operator <(EventPosition a, EventPosition b) => a.CompareTo(b) < 0;
    public static bool operator >(EventPosition a, EventPosition b) => a.CompareTo(b) > 0;
    public static bool operator <=(EventPosition a, EventPosition b) => a.CompareTo(b) <= 0;
    public static bool operator >=(EventPosition a, EventPosition b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{TransactionId}:{Sequence}";
}

/// <summary>An event whose stored type name is not registered: kept as raw JSON, never dropped.</summary>
public sealed record UnknownEvent(string TypeName, int SchemaVersion, string Json);
