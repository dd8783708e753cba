using Cabinets.EventStore;
using Cabinets.Domain.Deciding;

namespace Cabinets.Messaging.Commands;

internal sealed class SingleStreamHandler<TCommand, TAnswer, TState, TEvent>(
    string name, Func<TCommand, string?>? naturalKey,
    IDecider<TCommand, TState, TEvent> decider, Func<TCommand, StreamRef> streamOf)
    : CommandHandler<TCommand, TAnswer>(name, naturalKey)
{
    internal override string PrimaryStream(TCommand command) => streamOf(command).Id;

    internal override async Task<Plan> PlanAsync(CommandRuntime runtime, TCommand command, CancellationToken ct)
    {
        var (state, loaded) = await LoadedStream.LoadAsync(runtime, streamOf(command), decider, ct);
        return Plan.From(decider.Decide(command, state), [loaded]);
    }
}

internal sealed class TwoStreamHandler<TCommand, TAnswer, TState, TEvent, TOtherState, TOtherEvent>(
    string name, Func<TCommand, string?>? naturalKey,
    IEvolver<TState, TEvent> evolver, Func<TCommand, StreamRef> streamOf,
    IEvolver<TOtherState, TOtherEvent> otherEvolver, Func<TCommand, StreamRef> otherStreamOf,
    Func<TCommand, TState, TOtherState, Decision<TEvent>> decide)
    : CommandHandler<TCommand, TAnswer>(name, naturalKey)
{
    internal override string PrimaryStream(TCommand command) => streamOf(command).Id;

    internal override async Task<Plan> PlanAsync(CommandRuntime runtime, TCommand command, CancellationToken ct)
    {
        var (state, loaded) = await LoadedStream.LoadAsync(runtime, streamOf(command), evolver, ct);
        var (otherState, otherLoaded) = await LoadedStream.LoadAsync(runtime, otherStreamOf(command), otherEvolver, ct);
        return Plan.From(decide(command, state, otherState), [loaded, otherLoaded]);
    }
}
