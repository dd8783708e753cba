using Cabinets.Domain.Deciding;
using Marten;
using Wolverine;

namespace Cabinets.Api.Commands;

/// <summary>
/// Our thin equivalent of Wolverine's aggregate handler workflow (ADR-0013): load the stream's
/// inline snapshot for writing (its version becomes the expected version), call the pure
/// <c>Decide</c>, append what it returns and hand its messages to the outbox. Wolverine's
/// transactional middleware then commits events, snapshot and outgoing messages in one
/// `SaveChangesAsync`; a concurrent writer makes that throw a <c>ConcurrencyException</c>, which the
/// retry policy replays from the load.
/// </summary>
public static class StreamDecisions
{
    public static Task<CommandOutcome> DecideAsync<TSnapshot, TCommand, TState, TEvent>(
        IDocumentSession session, IMessageContext messages, string streamId,
        IDecider<TCommand, TState, TEvent> decider, TCommand command, Func<TSnapshot, TState> stateOf, CancellationToken ct)
        where TSnapshot : class
        where TEvent : notnull =>
        DecideAsync(session, messages, streamId, decider, _ => Task.FromResult(command), stateOf, ct);

    /// <summary>
    /// The same, for a command that needs look-ups which depend on the loaded state (e.g. the
    /// merchant of the order being edited): <paramref name="commandFor"/> runs once, after the load.
    /// </summary>
    public static async Task<CommandOutcome> DecideAsync<TSnapshot, TCommand, TState, TEvent>(
        IDocumentSession session, IMessageContext messages, string streamId,
        IDecider<TCommand, TState, TEvent> decider, Func<TState, Task<TCommand>> commandFor, Func<TSnapshot, TState> stateOf, CancellationToken ct)
        where TSnapshot : class
        where TEvent : notnull
    {
        var stream = await session.Events.FetchForWriting<TSnapshot>(streamId, ct);
        var state = stream.Aggregate is { } snapshot ? stateOf(snapshot) : decider.Initial;
        var decision = decider.Decide(await commandFor(state), state);
        if (decision.Error is { } error) return new CommandOutcome.Rejected(error);

        if (decision.Events.Count > 0) stream.AppendMany(decision.Events.Cast<object>().ToArray());
        // Other streams must be new: nothing is ever written blind to an existing stream.
        foreach (var other in decision.OtherStreams) session.Events.StartStream(other.StreamId, other.Events.ToArray());
        foreach (var message in decision.Messages) await SendAsync(messages, message);
        return new CommandOutcome.Accepted(decision.Answer, decision.Events.Count);
    }

    /// <summary>Cascaded through the outbox: persisted with the events, delivered after commit, never on rollback.</summary>
    public static async ValueTask SendAsync(IMessageContext messages, OutgoingMessage message)
    {
        var options = new DeliveryOptions();
        // The request's correlation id travels on: what the message's handler logs or appends belongs to the same request.
        if (messages.Envelope?.Headers.GetValueOrDefault(CommandHeaders.Correlation) is { } correlation) options.Headers[CommandHeaders.Correlation] = correlation;
        if (message.IdempotencyKey is not null) options.Headers["idempotency-key"] = message.IdempotencyKey;
        if (message.DeliverAt is { } at) options.ScheduledTime = at;
        await messages.PublishAsync(message.Body, options);
    }
}
