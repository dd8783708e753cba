using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Vending.ManualTasks;

public abstract record ManualTaskCommand(string TaskId, DateTimeOffset Now);

/// <summary>Retries of an outside call ran out: the task opens (or opens again after a resolution) with the message to resend.</summary>
public sealed record OpenManualTask(string TaskId, ManualTaskKind Kind, string Subject, string? OrderNo, string? DeviceCode, string? StoreCode,
    int Attempts, string LastError, bool Retryable, string? MessageType, string? MessageBody, DateTimeOffset Now) : ManualTaskCommand(TaskId, Now);

/// <summary>The outcome of one immediate attempt an admin asked for (`retryManualTask`).</summary>
public sealed record RecordManualRetry(string TaskId, bool Succeeded, string? Error, DateTimeOffset Now) : ManualTaskCommand(TaskId, Now);

/// <summary>A task settled without a resend: <see cref="ManualTaskOutcome.HandledOutside"/> or <see cref="ManualTaskOutcome.Dismissed"/> (or SENT by a late success).</summary>
public sealed record ResolveManualTask(string TaskId, ManualTaskOutcome Outcome, string Note, DateTimeOffset Now) : ManualTaskCommand(TaskId, Now);

public sealed record ManualTaskState(string TaskId, ManualTaskKind Kind, ManualTaskStatus Status, string Subject, string? OrderNo, string? DeviceCode,
    string? StoreCode, int Attempts, string LastError, bool Retryable, string? MessageType, string? MessageBody, DateTimeOffset OpenedAt,
    DateTimeOffset LastAttemptAt, DateTimeOffset? ResolvedAt, ManualTaskOutcome? Outcome, string? Note)
{
    public static ManualTaskState? Evolve(ManualTaskState? state, object e) => e switch
    {
        ManualTaskOpened o => new(o.TaskId, o.Kind, ManualTaskStatus.Open, o.Subject, o.OrderNo, o.DeviceCode, o.StoreCode, o.Attempts, o.LastError,
            o.Retryable, o.MessageType, o.MessageBody, o.At, o.At, null, null, null),
        ManualTaskRetried r when state is not null => state with
        {
            Attempts = r.Attempt, LastAttemptAt = r.At, LastError = r.Succeeded ? state.LastError : r.Error ?? state.LastError,
        },
        ManualTaskResolved r when state is not null => state with { Status = ManualTaskStatus.Resolved, Outcome = r.Outcome, Note = r.Note, ResolvedAt = r.At },
        _ => state,
    };
}

/// <summary>
/// The manual-handling queue's rules (VENDING.md §1.11, §2.8): one task per outside call
/// (its idempotency key), open until retried with success or resolved; a resolved task opens again
/// when the same call fails again; only retryable tasks take a retry.
/// </summary>
public static class ManualTaskDecider
{
    public static Decider<ManualTaskCommand, ManualTaskState?, object> Instance { get; } = new(null, ManualTaskState.Evolve, Decide);

    public static class Errors
    {
        public const string NotFound = "NOT_FOUND";
        public const string Resolved = "TASK_RESOLVED";
        public const string NotRetryable = "TASK_NOT_RETRYABLE";
        public const string CommandExpired = "COMMAND_EXPIRED";
        public const string Validation = "VALIDATION";
    }

    public static Decision<object> Decide(ManualTaskCommand command, ManualTaskState? state) => command switch
    {
        OpenManualTask c => state is { Status: ManualTaskStatus.Open }
            ? Decision<object>.Accept() // the same call gave up twice (a redelivered failure): one task
            : Decision<object>.Accept(new ManualTaskOpened(c.TaskId, c.Kind, c.Subject, c.OrderNo, c.DeviceCode, c.StoreCode, c.Attempts, c.LastError,
                c.Retryable, c.MessageType, c.MessageBody, c.Now)),
        RecordManualRetry c => Retried(c, state),
        ResolveManualTask c => Resolve(c, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unhandled manual-task command"),
    };

    /// <summary>Whether an admin may ask for an immediate attempt (checked before the attempt is made).</summary>
    public static DomainError? CanRetry(ManualTaskState? state, string taskId) => state switch
    {
        null => new DomainError(Errors.NotFound, $"no manual task {taskId}", "id"),
        { Status: ManualTaskStatus.Resolved } => new DomainError(Errors.Resolved, $"task {taskId} is resolved", "id"),
        { Kind: ManualTaskKind.VendorOpenDoor } => new DomainError(Errors.CommandExpired, "an open-door command expires with its session: it is never sent again", "id"),
        { Retryable: false } or { MessageType: null } => new DomainError(Errors.NotRetryable, $"task {taskId} has nothing to resend", "id"),
        _ => null,
    };

    private static Decision<object> Retried(RecordManualRetry c, ManualTaskState? state)
    {
        if (CanRetry(state, c.TaskId) is { } error) return error;
        var retried = new ManualTaskRetried(c.TaskId, state!.Attempts + 1, c.Succeeded, c.Error, c.Now);
        return c.Succeeded
            ? Decision<object>.Accept(retried, new ManualTaskResolved(c.TaskId, ManualTaskOutcome.Sent, "resent by an admin", c.Now))
            : Decision<object>.Accept(retried);
    }

    private static Decision<object> Resolve(ResolveManualTask c, ManualTaskState? state)
    {
        if (state is null) return Decision<object>.Reject(Errors.NotFound, $"no manual task {c.TaskId}", "id");
        if (state.Status == ManualTaskStatus.Resolved) return c.Outcome == ManualTaskOutcome.Sent ? Decision<object>.Accept() : Decision<object>.Reject(Errors.Resolved, $"task {c.TaskId} is resolved", "id");
        if (c.Outcome != ManualTaskOutcome.Sent && string.IsNullOrWhiteSpace(c.Note)) return Decision<object>.Reject(Errors.Validation, "a note saying what was done is required", "note");
        return Decision<object>.Accept(new ManualTaskResolved(c.TaskId, c.Outcome, c.Note.Trim(), c.Now));
    }
}
