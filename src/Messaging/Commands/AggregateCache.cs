using System.Collections.Concurrent;
using Cabinets.Domain.Deciding;
using Cabinets.EventStore;

namespace Cabinets.Messaging.Commands;

/// <summary>
/// The last folded state per stream and evolver, so that loading for a decision reads only the
/// events after it instead of the whole stream (a cabinet's stream grows with every door change).
/// States are immutable, so sharing them between requests is safe; the cache is bounded, and a
/// miss only costs a full fold. Correctness never depends on it: the append still checks the
/// version the state was read at.
/// </summary>
public sealed class AggregateCache(int capacity = 100_000)
{
    private readonly ConcurrentDictionary<(string Stream, object Evolver), (object? State, long Version)> _states = new();

    internal async Task<(TState State, long Version)> LoadAsync<TState, TEvent>(
        PostgresEventStore store, string streamId, IEvolver<TState, TEvent> evolver, CancellationToken ct)
    {
        var key = (streamId, (object)evolver);
        var (state, version) = _states.TryGetValue(key, out var hit) ? ((TState)hit.State!, hit.Version) : (evolver.Initial, 0L);
        // Events of other types (or unregistered ones, read as UnknownEvent) do not change this state.
        foreach (var e in await store.ReadStreamAsync(streamId, version + 1, ct: ct))
        {
            if (e.Data is TEvent known) state = evolver.Evolve(state, known);
            version = e.Version;
        }
        if (version > 0 && (hit.Version != version || hit.State is null))
        {
            if (_states.Count >= capacity) _states.Clear(); // crude but bounded; a miss is only slower
            _states[key] = (state, version);
        }
        return (state, version);
    }
}
