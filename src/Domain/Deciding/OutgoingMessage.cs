namespace Cabinets.Domain.Deciding;

/// <summary>
/// A message a decision sends through the outbox (ADR-0004): written in the same transaction as
/// the events, delivered after commit. <paramref name="DeliverAt"/> schedules it (computed from the
/// command's time, never a clock); <paramref name="IdempotencyKey"/> is what receivers de-duplicate
/// on, by default the message's own id.
/// </summary>
public sealed record OutgoingMessage(object Body, DateTimeOffset? DeliverAt = null, string? IdempotencyKey = null);

/// <summary>
/// Events for a stream other than the decided one, committed atomically with it. A stream the
/// handler loaded is appended at the version it was read at; any other stream must be new, so that
/// nothing is ever written blind to an existing stream.
/// </summary>
public sealed record StreamAppend(string StreamId, string StreamType, IReadOnlyList<object> Events);
