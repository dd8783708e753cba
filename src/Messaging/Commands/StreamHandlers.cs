using Cabinets.EventStore;
using Cabinets.EventStore.Events;
using Cabinets.Domain.Deciding;

namespace Cabinets.Messaging.Commands;

internal sealed class SingleStreamHandler<TCommand, TAnswer, TState, TEvent>(
    string name, Func<TCommand, string?>? naturalKey,
    IDecider<TCommand, TState, TEvent> decider, Func<TCommand, StreamRef> streamOf)
    : CommandHandler<TCommand, TAnswer>(name, naturalKey)
{
    internal override string PrimaryStream(TCommand command) => streamOf(command).Id;

    internal override async Task<Plan> PlanAsync(CommandRuntime runtime, TCommand command, bool trustCache, CancellationToken ct)
    {
        var (state, loaded) = await LoadedStream.LoadAsync(runtime, streamOf(command), decider, trustCache, ct);
        return Plan.From(decider.Decide(command, state), [loaded]);
    }

    internal override void Committed(CommandRuntime runtime, TCommand command, IReadOnlyList<StoredEvent> events) =>
        runtime.Aggregates.Advance(streamOf(command).Id, decider, events);
}

internal sealed class TwoStreamHandler<TCommand, TAnswer, TState, TEvent, TOtherState, TOtherEvent>(
    string name, Func<TCommand, string?>? naturalKey,
    IEvolver<TState, TEvent> evolver, Func<TCommand, StreamRef> streamOf,
    IEvolver<TOtherState, TOtherEvent> otherEvolver, Func<TCommand, StreamRef> otherStreamOf,
    Func<TCommand, TState, TOtherState, Decision<TEvent>> decide)
    : CommandHandler<TCommand, TAnswer>(name, naturalKey)
{
    internal override string PrimaryStream(TCommand command) => streamOf(command).Id;

    internal override async Task<Plan> PlanAsync(CommandRuntime runtime, TCommand command, bool trustCache, CancellationToken ct)
    {
        var (state, loaded) = await LoadedStream.LoadAsync(runtime, streamOf(command), evolver, trustCache, ct);
        var (otherState, otherLoaded) = await LoadedStream.LoadAsync(runtime, otherStreamOf(command), otherEvolver, trustCache, ct);
        return Plan.From(decide(command, state, otherState), [loaded, otherLoaded]);
    }

    internal override void Committed(CommandRuntime runtime, TCommand command, IReadOnlyList<StoredEvent> events)
    {
        runtime.Aggregates.Advance(streamOf(command).Id, evolver, events);
        runtime.Aggregates.Advance(otherStreamOf(command).Id, otherEvolver, events);
    }
}
