using System.Text.Json;
using Cabinets.EventStore.Events;
using Cabinets.Domain.Deciding;

namespace Cabinets.Messaging.Commands;

/// <summary>
/// What `es.commands` keeps per command id so that a repeat gets the first answer back: the answer
/// as JSON of <c>TAnswer</c>, or the domain error it was rejected with.
/// </summary>
internal sealed record RecordedOutcome(JsonElement? Answer, DomainError? Error)
{
    public static RecordedOutcome Of<TAnswer>(TAnswer answer) =>
        new(JsonSerializer.SerializeToElement(answer, EventTypeRegistry.JsonOptions), null);

    public static RecordedOutcome Of(DomainError error) => new(null, error);

    public CommandResult<TAnswer> ToDuplicate<TAnswer>() => new CommandResult<TAnswer>.Duplicate(
        Answer is { ValueKind: not JsonValueKind.Null } a ? a.Deserialize<TAnswer>(EventTypeRegistry.JsonOptions) : default,
        Error);

    public static RecordedOutcome Parse(string json) =>
        JsonSerializer.Deserialize<RecordedOutcome>(json, EventTypeRegistry.JsonOptions)
        ?? throw new InvalidOperationException("a recorded command outcome is empty");
}
