using Cabinets.EventStore.Events;

namespace Cabinets.Messaging.Commands;

/// <summary>
/// Who sends a command and under which ids. <paramref name="CommandId"/> is the caller's
/// idempotency key (e.g. the <c>Idempotency-Key</c> header, already scoped to the partner by the
/// Api); when null the handler's natural key, if any, is used. Correlation defaults to the command
/// id; causation of the events is the command.
/// </summary>
public sealed record CommandContext(
    Actor Actor,
    string? CommandId = null,
    string? CorrelationId = null,
    string? CausationId = null,
    IReadOnlyDictionary<string, string>? Headers = null);
