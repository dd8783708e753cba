using Cabinets.Api.Commands;
using Cabinets.Api.Vending.Outbound;
using Cabinets.Api.Vending.Ports;
using Cabinets.Domain.Deciding;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.ManualTasks;
using Cabinets.Projections.Vending.ManualTasks;
using Marten;
using Wolverine;

namespace Cabinets.Api.Vending.Handlers;

/// <summary>A manual task's stream (`vending-task-{id}`), decided by <see cref="ManualTaskDecider"/>.</summary>
internal static class ManualTaskStream
{
    public static Task<CommandOutcome> DecideAsync(ManualTaskCommand command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<ManualTaskSnapshot, ManualTaskCommand, ManualTaskState?, object>(session, messages,
            VendingEventNames.Task(command.TaskId), ManualTaskDecider.Instance, command, s => s.State, ct);
}

public static class OpenManualTaskHandler
{
    public static Task<CommandOutcome> Handle(OpenManualTask command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        ManualTaskStream.DecideAsync(command, session, messages, ct);
}

public static class ResolveManualTaskHandler
{
    public static Task<CommandOutcome> Handle(ResolveManualTask command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        ManualTaskStream.DecideAsync(command, session, messages, ct);
}

/// <summary>An admin's `retryManualTask`: the task's own id and the time.</summary>
public sealed record RetryManualTask(string TaskId, DateTimeOffset Now);

/// <summary>
/// One immediate attempt of the task's message (VENDING.md §2.8), with the same body and
/// idempotency key, in this command's transaction: a success appends the call's effects and
/// resolves the task `SENT`; a failure keeps it `OPEN` with `attempts` + 1 and the new error.
/// </summary>
public static class RetryManualTaskHandler
{
    public static async Task<CommandOutcome> Handle(RetryManualTask command, IDocumentSession session, IMessageContext messages,
        OutboundAttempts attempts, Wolverine.Runtime.IWolverineRuntime runtime, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ManualTaskSnapshot>(VendingEventNames.Task(command.TaskId), ct);
        var state = stream.Aggregate?.State;
        if (ManualTaskDecider.CanRetry(state, command.TaskId) is { } refused) return new CommandOutcome.Rejected(refused);
        var message = OutboundGaveUp.MessageOf(state!.MessageType, state.MessageBody);
        if (message is null || attempts.For(message.GetType()) is not { } attempt)
            return new CommandOutcome.Rejected(new DomainError(ManualTaskDecider.Errors.NotRetryable, $"task {command.TaskId} has nothing to resend", "id"));

        string? error = null;
        try
        {
            await attempt(message, runtime.Services, session, messages, ct);
        }
        catch (ExternalServiceException e)
        {
            error = e.Reason;
        }
        catch (ExternalRejectedException e)
        {
            error = $"{e.Code}: {e.Reason}";
        }
        var decision = ManualTaskDecider.Decide(new RecordManualRetry(command.TaskId, error is null, error, command.Now), state);
        if (decision.Error is { } rejected) return new CommandOutcome.Rejected(rejected);
        stream.AppendMany(decision.Events.ToArray());
        return new CommandOutcome.Accepted(error, decision.Events.Count);
    }
}
