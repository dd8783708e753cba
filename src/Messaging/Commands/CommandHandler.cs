using Cabinets.EventStore;
using Cabinets.EventStore.Events;
using Cabinets.Domain.Deciding;

namespace Cabinets.Messaging.Commands;

/// <summary>
/// How one command is handled: its stable name, its idempotency key and which stream(s) it loads
/// and decides on. Built with <see cref="CommandHandler.For{TCommand, TAnswer}"/>; run by
/// <see cref="CommandPipeline{TCommand, TAnswer}"/>.
/// </summary>
public abstract class CommandHandler<TCommand, TAnswer>
{
    private readonly Func<TCommand, string?>? _naturalKey;

    private protected CommandHandler(string name, Func<TCommand, string?>? naturalKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _naturalKey = naturalKey;
    }

    /// <summary>Stable name (e.g. <c>lockers.apply_for_parcel</c>): scopes command ids and names the command in logs.</summary>
    public string Name { get; }

    /// <summary>The key recorded in `es.commands`, scoped by handler so two commands cannot share one.</summary>
    internal string? KeyOf(TCommand command, CommandContext context) =>
        (context.CommandId ?? _naturalKey?.Invoke(command)) is { Length: > 0 } key ? $"{Name}:{key}" : null;

    /// <summary>The stream the decision is about: commands on it take turns within a process.</summary>
    internal abstract string PrimaryStream(TCommand command);

    /// <summary>
    /// Loads the state and decides; pure apart from the reads. <paramref name="trustCache"/>: a state
    /// this process cached is used as it is, without asking the store for newer events.
    /// </summary>
    internal abstract Task<Plan> PlanAsync(CommandRuntime runtime, TCommand command, bool trustCache, CancellationToken ct);

    /// <summary>The plan's events are committed: the cached states move on with them.</summary>
    internal abstract void Committed(CommandRuntime runtime, TCommand command, IReadOnlyList<StoredEvent> events);
}

public static class CommandHandler
{
    public static CommandHandlerBuilder<TCommand, TAnswer> For<TCommand, TAnswer>(string name) => new(name, null);
}

public sealed class CommandHandlerBuilder<TCommand, TAnswer>
{
    private readonly string _name;
    private readonly Func<TCommand, string?>? _naturalKey;

    internal CommandHandlerBuilder(string name, Func<TCommand, string?>? naturalKey) => (_name, _naturalKey) = (name, naturalKey);

    /// <summary>A natural idempotency key taken from the command (e.g. the vendor's <c>wheat_order_no</c>), used when the context has no command id.</summary>
    public CommandHandlerBuilder<TCommand, TAnswer> IdempotentBy(Func<TCommand, string?> naturalKey) => new(_name, naturalKey);

    /// <summary>The common case: one aggregate's decider on one stream.</summary>
    public CommandHandler<TCommand, TAnswer> OnStream<TState, TEvent>(IDecider<TCommand, TState, TEvent> decider, Func<TCommand, StreamRef> stream) =>
        new SingleStreamHandler<TCommand, TAnswer, TState, TEvent>(_name, _naturalKey, decider, stream);

    /// <summary>
    /// A decision that needs the state of two streams (e.g. a transfer between two accounts). The
    /// decision's events go to the first stream; events for the second go through
    /// <see cref="Decision{TEvent}.AlsoAppend"/> and are checked against the version it was read at.
    /// </summary>
    public CommandHandler<TCommand, TAnswer> OnStreams<TState, TEvent, TOtherState, TOtherEvent>(
        IEvolver<TState, TEvent> evolver, Func<TCommand, StreamRef> stream,
        IEvolver<TOtherState, TOtherEvent> otherEvolver, Func<TCommand, StreamRef> otherStream,
        Func<TCommand, TState, TOtherState, Decision<TEvent>> decide) =>
        new TwoStreamHandler<TCommand, TAnswer, TState, TEvent, TOtherState, TOtherEvent>(
            _name, _naturalKey, evolver, stream, otherEvolver, otherStream, decide);
}
