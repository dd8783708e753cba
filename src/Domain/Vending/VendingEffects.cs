using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Vending;

/// <summary>
/// What a vending decision does across streams (VENDING.md: a push closes the session, records the
/// order, debits the user; a correction touches the order, its 补扣 orders and the user): events per
/// stream, streams started, messages for the outbox, the caller's answer — or an error and nothing.
/// The handler appends each stream at the version it loaded it (optimistic concurrency on all of
/// them), so a decision commits whole or not at all.
/// </summary>
public sealed class VendingEffects
{
    private readonly List<(string Stream, object Event)> appends = [];
    private readonly List<(string Stream, object Event)> starts = [];
    private readonly List<OutgoingMessage> messages = [];

    public IReadOnlyList<(string Stream, object Event)> Appends => appends;
    public IReadOnlyList<(string Stream, object Event)> Starts => starts;
    public IReadOnlyList<OutgoingMessage> Messages => messages;
    public object? Answer { get; private set; }
    public DomainError? Error { get; private set; }

    public static VendingEffects Rejected(string code, string message, string? field = null) => new() { Error = new DomainError(code, message, field) };

    public static VendingEffects Rejected(DomainError error) => new() { Error = error };

    public VendingEffects Append(string stream, params object[] events)
    {
        // A stream this decision starts takes its further events in the start.
        var started = starts.Any(s => s.Stream == stream);
        foreach (var e in events) (started ? starts : appends).Add((stream, e));
        return this;
    }

    /// <summary>Events for a stream that must not exist yet (a new order, a claimed vendor order number).</summary>
    public VendingEffects Start(string stream, params object[] events)
    {
        foreach (var e in events) starts.Add((stream, e));
        return this;
    }

    public VendingEffects Send(object message, DateTimeOffset? deliverAt = null, string? idempotencyKey = null)
    {
        messages.Add(new OutgoingMessage(message, deliverAt, idempotencyKey));
        return this;
    }

    public VendingEffects AnswerWith(object answer)
    {
        Answer = answer;
        return this;
    }

    public IEnumerable<object> EventsFor(string stream) => appends.Concat(starts).Where(a => a.Stream == stream).Select(a => a.Event);
}
