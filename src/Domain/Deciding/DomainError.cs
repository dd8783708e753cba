namespace Cabinets.Domain.Deciding;

/// <summary>
/// A broken business rule (STYLE.md convention 4): a stable <paramref name="Code"/> the Api maps to
/// problem+json, IBS error codes or GraphQL errors, a human message, and the offending field if any.
/// </summary>
public sealed record DomainError(string Code, string Message, string? Field = null);
