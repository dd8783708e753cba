using Cabinets.Domain.Deciding;

namespace Cabinets.Messaging.Tests.Sample;

/// <summary>
/// Holds the first <paramref name="parties"/> decisions until all of them have read their state,
/// so racing commands are guaranteed to decide on the same version: a race by construction, not by luck.
/// </summary>
public sealed class GatedDecider<TCommand, TState, TEvent>(IDecider<TCommand, TState, TEvent> inner, int parties)
    : IDecider<TCommand, TState, TEvent>
{
    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public TState Initial => inner.Initial;

    public TState Evolve(TState state, TEvent @event) => inner.Evolve(state, @event);

    public Decision<TEvent> Decide(TCommand command, TState state)
    {
        var call = Interlocked.Increment(ref _calls);
        if (call == parties) _allArrived.TrySetResult();
        if (call <= parties && !_allArrived.Task.Wait(TimeSpan.FromSeconds(30)))
            throw new TimeoutException("the racing commands never met");
        return inner.Decide(command, state);
    }
}
