namespace Cabinets.Domain.Deciding;

/// <summary>How an aggregate's state is folded from its events: the half of a decider that loading needs.</summary>
public interface IEvolver<TState, in TEvent>
{
    TState Initial { get; }

    TState Evolve(TState state, TEvent @event);
}

/// <summary>
/// One aggregate's rules as pure functions (STYLE.md: one decider per aggregate): <c>Decide</c> never
/// reads a clock, a database or a random source; time and ids come in on the command.
/// <typeparamref name="TCommand"/> is contravariant so the decider of a command family serves
/// the handler of each member.
/// </summary>
public interface IDecider<in TCommand, TState, TEvent> : IEvolver<TState, TEvent>
{
    Decision<TEvent> Decide(TCommand command, TState state);
}

/// <summary>A decider made of static functions, for modules that keep them in a static class.</summary>
public sealed record Decider<TCommand, TState, TEvent>(
    TState Initial,
    Func<TState, TEvent, TState> EvolveWith,
    Func<TCommand, TState, Decision<TEvent>> DecideWith) : IDecider<TCommand, TState, TEvent>
{
    public TState Evolve(TState state, TEvent @event) => EvolveWith(state, @event);

    public Decision<TEvent> Decide(TCommand command, TState state) => DecideWith(command, state);
}
