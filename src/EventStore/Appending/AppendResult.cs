using Cabinets.EventStore.Events;

namespace Cabinets.EventStore.Appending;

/// <summary>The typed outcome of <see cref="EventSession.SaveChangesAsync"/>: callers act on it, nothing throws for these.</summary>
public abstract record AppendResult
{
    private AppendResult() { }

    /// <summary>Everything was written in one transaction.</summary>
    public sealed record Committed(IReadOnlyList<StoredEvent> Events) : AppendResult;

    /// <summary>
    /// The stream was not at the expected version, so nothing was written. <paramref name="ActualVersion"/>
    /// is -1 when unknown (a concurrent creator). <paramref name="Retryable"/> means a plain retry in a
    /// new transaction may succeed (a newer transaction wrote first, ADR-0003).
    /// </summary>
    public sealed record Conflict(string StreamId, ExpectedVersion Expected, long ActualVersion, bool Retryable) : AppendResult;

    /// <summary>The command id was already recorded: nothing was written; here is the first outcome (JSON).</summary>
    public sealed record Duplicate(string CommandId, string Outcome) : AppendResult;

    /// <summary>The stream is archived and takes no more events.</summary>
    public sealed record StreamArchived(string StreamId) : AppendResult;
}
