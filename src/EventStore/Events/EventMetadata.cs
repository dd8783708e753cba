namespace Cabinets.EventStore.Events;

/// <summary>Who did it: an admin, a courier partner, a cabinet's firmware, the system itself.</summary>
public sealed record Actor(string Id, string Role, string Channel)
{
    public static Actor System { get; } = new("system", "system", "internal");
}

/// <summary>Audit metadata carried by every event (PRODUCT.md, Platform: Audit).</summary>
public sealed record EventMetadata(
    Actor Actor,
    string? CorrelationId = null,
    string? CausationId = null,
    IReadOnlyDictionary<string, string>? Headers = null);
