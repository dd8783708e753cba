namespace Cabinets.Domain.Common;

/// <summary>
/// A business rule said no. <see cref="Code"/> is stable: the Api maps it to an IBS error code,
/// a problem+json type or a GraphQL error code (STYLE.md, convention 4).
/// </summary>
public sealed record DomainError(string Code, string Message, string? Field = null);

/// <summary>What a decider concluded: the events to append, or why not.</summary>
public abstract record Decided<TEvent>
{
    private Decided() { }

    public sealed record Accepted(IReadOnlyList<TEvent> Events) : Decided<TEvent>;

    public sealed record Rejected(DomainError Error) : Decided<TEvent>;

    public static Decided<TEvent> Emit(params IReadOnlyList<TEvent> events) => new Accepted(events);

    public static Decided<TEvent> Nothing { get; } = new Accepted([]);

    public static Decided<TEvent> Reject(string code, string message, string? field = null) => new Rejected(new DomainError(code, message, field));
}
