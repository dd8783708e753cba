using Cabinets.Domain.Deciding;

namespace Cabinets.Api.Commands;

/// <summary>A field that failed validation: its JSON (camelCase) path, the validator's code and message.</summary>
public sealed record FieldError(string Field, string Code, string Message);

/// <summary>The typed outcome of a command: callers switch on it; none of these is an exception.</summary>
public abstract record CommandOutcome
{
    private CommandOutcome() { }

    /// <summary>The decision's events (possibly none: the command changed nothing) were committed.</summary>
    public sealed record Accepted(object? Answer, int Events) : CommandOutcome;

    /// <summary>A business rule refused the command; nothing was appended.</summary>
    public sealed record Rejected(DomainError Error) : CommandOutcome;

    /// <summary>The input failed validation before any state was read; nothing was written.</summary>
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : CommandOutcome;

    /// <summary>Other writers kept winning the stream through every retry; nothing was written, the caller may retry.</summary>
    public sealed record Conflict(string Message) : CommandOutcome;
}
