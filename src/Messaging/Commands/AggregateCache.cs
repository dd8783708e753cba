using System.Collections.Concurrent;
using Cabinets.Domain.Deciding;
using Cabinets.EventStore;
using Cabinets.EventStore.Events;

namespace Cabinets.Messaging.Commands;

/// <summary>
/// The last folded state per stream and evolver. Loading for a decision reads only the events
/// after it instead of the whole stream (a cabinet's stream grows with every door change), and the
/// pipeline may decide on it without reading at all (ADR-0011). States are immutable, so sharing
/// them between requests is safe; the cache is bounded, and a miss only costs a full fold.
/// Correctness never depends on it: the append still checks the version the state was read at.
/// </summary>
public sealed class AggregateCache(int capacity = 100_000)
{
    private readonly ConcurrentDictionary<(string Stream, object Evolver), (object? State, long Version)> _states = new();

    /// <param name="readNewer">false: a cached state is returned as it is, without asking the store for newer events.</param>
    internal async Task<(TState State, long Version, bool FromCache)> LoadAsync<TState, TEvent>(
        PostgresEventStore store, string streamId, IEvolver<TState, TEvent> evolver, bool readNewer, CancellationToken ct)
    {
        var key = (streamId, (object)evolver);
        var cached = _states.TryGetValue(key, out var hit);
        var (state, version) = cached ? ((TState)hit.State!, hit.Version) : (evolver.Initial, 0L);
        if (cached && !readNewer) return (state, version, true);
        (state, version) = Fold(evolver, state, version, await store.ReadStreamAsync(streamId, version + 1, ct: ct));
        if (version > 0 && (hit.Version != version || hit.State is null)) Remember(key, state, version);
        return (state, version, false);
    }

    /// <summary>
    /// Folds events this process has just committed into the cached state, when that state is the
    /// one they were appended after, so the next command on the stream starts from it.
    /// </summary>
    internal void Advance<TState, TEvent>(string streamId, IEvolver<TState, TEvent> evolver, IEnumerable<StoredEvent> committed)
    {
        var events = committed.Where(e => e.StreamId == streamId).ToList();
        if (events.Count == 0) return;
        var key = (streamId, (object)evolver);
        var (state, version) = _states.TryGetValue(key, out var hit) ? ((TState)hit.State!, hit.Version) : (evolver.Initial, 0L);
        if (version != events[0].Version - 1) return; // the cache moved on, or never saw the stream's start
        (state, version) = Fold(evolver, state, version, events);
        if (hit.State is null) Remember(key, state, version);
        else _states.TryUpdate(key, (state, version), hit);
    }

    // Events of other types (or unregistered ones, read as UnknownEvent) do not change the state.
    private static (TState State, long Version) Fold<TState, TEvent>(
        IEvolver<TState, TEvent> evolver, TState state, long version, IEnumerable<StoredEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Data is TEvent known) state = evolver.Evolve(state, known);
            version = e.Version;
        }
        return (state, version);
    }

    private void Remember((string, object) key, object? state, long version)
    {
        if (_states.Count >= capacity) _states.Clear(); // crude but bounded; a miss is only slower
        _states[key] = (state, version);
    }
}
