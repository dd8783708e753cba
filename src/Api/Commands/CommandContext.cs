namespace Cabinets.Api.Commands;

/// <summary>Who did it: an admin, a courier partner, a cabinet's firmware, the system itself.</summary>
public sealed record Actor(string Id, string Role, string Channel)
{
    public static Actor System { get; } = new("system", "system", "internal");
}

/// <summary>
/// Who sends a command and under which ids; it travels as Wolverine envelope headers and lands
/// on every event as Marten metadata (user name = actor id, headers role and channel, correlation
/// and causation ids; ADR-0013).
/// </summary>
public sealed record CommandContext(Actor Actor, string? CorrelationId = null, string? CausationId = null);
