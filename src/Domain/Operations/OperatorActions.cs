using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Operations;

/// <summary>
/// Interventions on the platform itself (a parked projection retried, a dead letter requeued…):
/// recorded as events before they are carried out, so every admin action has its actor on record.
/// One stream per UTC day keeps the audit trail readable and the stream short.
/// </summary>
public interface IOperatorActionEvent;

public sealed record ProjectionRetryRequested(string Projection, DateTimeOffset At) : IOperatorActionEvent;

public sealed record ProjectionEventSkipRequested(string Projection, string TransactionId, long Sequence, DateTimeOffset At) : IOperatorActionEvent;

public sealed record ProjectionRebuildRequested(string Projection, DateTimeOffset At) : IOperatorActionEvent;

public sealed record DeadLetterRequeueRequested(Guid MessageId, DateTimeOffset At) : IOperatorActionEvent;

/// <summary>`erasePersonalData`: the person's key is deleted (crypto-shredding). Only the keyed hash of the phone is recorded.</summary>
public sealed record PersonalDataErasureRequested(string Subject, DateTimeOffset At) : IOperatorActionEvent;

/// <summary>An admin read a person's clear personal data (a phone in the vending console), or searched by it: who (the event's actor), whose, which field.</summary>
public sealed record PersonalDataRead(string Subject, string Field, DateTimeOffset At) : IOperatorActionEvent;

/// <summary>An operator action to record; <see cref="Event"/> is what gets written.</summary>
public sealed record RecordOperatorAction(IOperatorActionEvent Event, DateTimeOffset Now);

public static class OperatorActionEventNames
{
    public static IReadOnlyList<(Type Type, string Name, int Version)> All { get; } =
    [
        (typeof(ProjectionRetryRequested), "operations.projection_retry_requested", 1),
        (typeof(ProjectionEventSkipRequested), "operations.projection_event_skip_requested", 1),
        (typeof(ProjectionRebuildRequested), "operations.projection_rebuild_requested", 1),
        (typeof(DeadLetterRequeueRequested), "operations.dead_letter_requeue_requested", 1),
        (typeof(PersonalDataErasureRequested), "operations.personal_data_erasure_requested", 1),
        (typeof(PersonalDataRead), "operations.personal_data_read", 1),
    ];
}

public static class OperatorActions
{
    public static string StreamId(DateTimeOffset at) => $"operations-{at.UtcDateTime:yyyy-MM-dd}";

    public const string StreamType = "operations";

    /// <summary>Recording is always accepted: the permission check happened before, at the door.</summary>
    public static Decider<RecordOperatorAction, int, IOperatorActionEvent> Decider { get; } =
        new(0, (count, _) => count + 1, (command, _) => Decision<IOperatorActionEvent>.Accept(command.Event));
}
