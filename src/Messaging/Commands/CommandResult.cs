using Cabinets.EventStore.Events;
using Cabinets.Domain.Deciding;

namespace Cabinets.Messaging.Commands;

/// <summary>A field that failed validation: its JSON (camelCase) path, the validator's code and message.</summary>
public sealed record FieldError(string Field, string Code, string Message);

/// <summary>The typed outcome of a command: callers switch on it; none of these is an exception.</summary>
public abstract record CommandResult<TAnswer>
{
    private CommandResult() { }

    /// <summary>The events (and outbox messages) committed; <paramref name="Answer"/> is the decision's answer.</summary>
    public sealed record Accepted(TAnswer Answer, IReadOnlyList<StoredEvent> Events) : CommandResult<TAnswer>;

    /// <summary>A business rule refused the command; nothing was appended.</summary>
    public sealed record Rejected(DomainError Error) : CommandResult<TAnswer>;

    /// <summary>The input failed validation before any state was read; nothing was written, not even the command id.</summary>
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : CommandResult<TAnswer>;

    /// <summary>
    /// The command id had already run: nothing was appended; this is its first outcome, either the
    /// answer it got or the error it was rejected with.
    /// </summary>
    public sealed record Duplicate(TAnswer? Answer, DomainError? Error) : CommandResult<TAnswer>;

    /// <summary>Other writers kept winning the stream for every attempt; the caller may retry later.</summary>
    public sealed record Conflict(string StreamId, int Attempts) : CommandResult<TAnswer>;
}
