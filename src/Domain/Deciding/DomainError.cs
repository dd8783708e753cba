namespace Cabinets.Domain.Deciding;

/// <summary>
/// A broken business rule (STYLE.md convention 4): a stable <paramref name="Code"/> the Api maps to
/// problem+json, IBS error codes or GraphQL errors, a human message, and the offending field if any.
/// <see cref="Details"/> carries structured data a surface shows with the error (e.g. the
/// conflicting pairs of a tax-rule overlap).
/// </summary>
public sealed record DomainError(string Code, string Message, string? Field = null)
{
    public object? Details { get; init; }
}
