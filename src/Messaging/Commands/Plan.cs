using Cabinets.EventStore;
using Cabinets.EventStore.Appending;
using Cabinets.Domain.Deciding;

namespace Cabinets.Messaging.Commands;

/// <summary>
/// A stream as it was read for a decision: its version is the expected version of the append.
/// <paramref name="FromCache"/>: the state is this process's last view, not checked against the store.
/// </summary>
internal sealed record LoadedStream(StreamRef Stream, long Version, bool FromCache)
{
    public ExpectedVersion Expected => Version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(Version);

    public static async Task<(TState State, LoadedStream Loaded)> LoadAsync<TState, TEvent>(
        CommandRuntime runtime, StreamRef stream, IEvolver<TState, TEvent> evolver, bool trustCache, CancellationToken ct)
    {
        var (state, version, fromCache) = await runtime.Aggregates.LoadAsync(runtime.Store, stream.Id, evolver, readNewer: !trustCache, ct);
        return (state, new(stream, version, fromCache));
    }
}

internal sealed record PlannedWrite(StreamRef Stream, ExpectedVersion Expected, IReadOnlyList<object> Events);

/// <summary>The pipeline's untyped view of a decision: appends with their expected versions, messages, answer or error.</summary>
internal sealed record Plan(IReadOnlyList<PlannedWrite> Writes, IReadOnlyList<OutgoingMessage> Messages, object? Answer, DomainError? Error)
{
    /// <summary>
    /// Decided on a cached state that no append of this plan will check: a stream read from the
    /// cache and not written at its read version (a refusal, a no-op, or the other stream of a
    /// two-stream decision). Such a plan is decided again on the store's state (ADR-0011).
    /// </summary>
    public bool Unconfirmed { get; private init; }

    public static Plan From<TEvent>(Decision<TEvent> decision, IReadOnlyList<LoadedStream> loaded)
    {
        if (decision.Error is { } error) return new Plan([], [], null, error) { Unconfirmed = loaded.Any(l => l.FromCache) };
        var primary = loaded[0];
        var writes = new List<PlannedWrite> { new(primary.Stream, primary.Expected, decision.Events.Cast<object>().ToList()) };
        foreach (var other in decision.OtherStreams)
        {
            if (writes.Any(w => w.Stream.Id == other.StreamId))
                throw new InvalidOperationException($"decision appends to stream '{other.StreamId}' twice");
            // Never blind: a stream that was read is checked at its read version, any other must be new.
            var expected = loaded.FirstOrDefault(l => l.Stream.Id == other.StreamId)?.Expected ?? ExpectedVersion.NoStream;
            writes.Add(new(new StreamRef(other.StreamId, other.StreamType), expected, other.Events));
        }
        var checkedWrites = writes.Where(w => w.Events.Count > 0).ToList();
        var unconfirmed = loaded.Any(l => l.FromCache && !checkedWrites.Any(w => w.Stream.Id == l.Stream.Id && w.Expected == l.Expected));
        return new Plan(checkedWrites, decision.Messages, decision.Answer, null) { Unconfirmed = unconfirmed };
    }
}
