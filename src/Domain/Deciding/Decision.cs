namespace Cabinets.Domain.Deciding;

/// <summary>
/// What <c>Decide</c> returns: either events (plus messages to send, events for further streams and
/// the answer to the caller) or a <see cref="DomainError"/>. Immutable; build it fluently:
/// <c>Decision&lt;E&gt;.Accept(e1).Send(sms).AnswerWith(new Booked(no))</c>.
/// </summary>
public sealed record Decision<TEvent>
{
    private Decision() { }

    public IReadOnlyList<TEvent> Events { get; private init; } = [];
    public IReadOnlyList<OutgoingMessage> Messages { get; private init; } = [];
    public IReadOnlyList<StreamAppend> OtherStreams { get; private init; } = [];
    public object? Answer { get; private init; }
    public DomainError? Error { get; private init; }

    public bool IsRejected => Error is not null;

    public static Decision<TEvent> Accept(params IEnumerable<TEvent> events) => new() { Events = events.ToList() };

    public static Decision<TEvent> Reject(string code, string message, string? field = null) =>
        new() { Error = new DomainError(code, message, field) };

    public static implicit operator Decision<TEvent>(DomainError error) => new() { Error = error };

    public Decision<TEvent> Send(object message, DateTimeOffset? deliverAt = null, string? idempotencyKey = null) =>
        Accepted() with { Messages = [.. Messages, new OutgoingMessage(message, deliverAt, idempotencyKey)] };

    public Decision<TEvent> AnswerWith(object answer) => Accepted() with { Answer = answer };

    /// <summary>Also appends to another stream in the same transaction (e.g. a booking writes the cabinet and the new parcel).</summary>
    public Decision<TEvent> AlsoAppend(string streamId, string streamType, params IEnumerable<object> events) =>
        Accepted() with { OtherStreams = [.. OtherStreams, new StreamAppend(streamId, streamType, events.ToList())] };

    private Decision<TEvent> Accepted() => IsRejected
        ? throw new InvalidOperationException($"decision was rejected ({Error!.Code}): nothing can be added to it")
        : this;
}
