namespace Cabinets.Messaging.Outbox;

/// <summary>
/// What a receiver learns besides the message. <paramref name="IdempotencyKey"/> is stable across
/// redeliveries: delivery is at least once (ADR-0004), so receivers pass it on (e.g. as the
/// payment's out_trade_no or the SMS gateway's request id) or de-duplicate on it themselves.
/// </summary>
public sealed record MessageContext(
    Guid MessageId,
    string IdempotencyKey,
    string MessageType,
    string Destination,
    int Attempt,
    DateTimeOffset DueAt,
    string? CorrelationId,
    string? CausationId);

/// <summary>Delivers one message type to its destination (SMS gateway, payment, vendor push — behind ports). Throw to fail the attempt.</summary>
public interface IMessageHandler<in TMessage>
{
    Task HandleAsync(TMessage message, MessageContext context, CancellationToken ct);
}
