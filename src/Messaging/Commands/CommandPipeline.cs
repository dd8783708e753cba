using System.Text.Json;
using Cabinets.EventStore.Appending;
using Cabinets.EventStore.Events;
using Cabinets.Domain.Deciding;
using FluentValidation;

namespace Cabinets.Messaging.Commands;

/// <summary>
/// The one path every command takes: validate → (already ran? first answer) → load state → decide
/// → append events, outbox messages and the command id in one transaction → answer. Lost races
/// are decided again on fresh state, up to <see cref="CommandOptions.MaxAttempts"/> (ADR-0004).
/// </summary>
public sealed class CommandPipeline<TCommand, TAnswer>(
    CommandHandler<TCommand, TAnswer> handler, CommandRuntime runtime, IEnumerable<IValidator<TCommand>>? validators = null)
{
    private readonly IValidator<TCommand>[] _validators = validators?.ToArray() ?? [];

    public string Name => handler.Name;

    public async Task<CommandResult<TAnswer>> ExecuteAsync(TCommand command, CommandContext context, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (await ValidateAsync(command, ct) is { } invalid) return invalid;

        var key = handler.KeyOf(command, context);
        var metadata = new EventMetadata(context.Actor, context.CorrelationId ?? key ?? Guid.CreateVersion7().ToString(),
            context.CausationId ?? key, context.Headers);
        var lostOn = "";
        await using var turn = await runtime.Gates.EnterAsync(handler.PrimaryStream(command), ct);
        for (var attempt = 1; attempt <= runtime.Options.MaxAttempts; attempt++)
        {
            // The cheap check: a repeat neither reads state nor decides. The id recorded in the
            // append transaction below settles the race of two identical commands in flight.
            if (key is not null && await runtime.Store.CommandOutcomeAsync(key, ct) is { } first)
                return Duplicate(first);

            // The first attempt decides on this process's cached state without a read; the append's
            // version check guards every stream it writes, and a stale cache only costs a conflict
            // and a retry. A plan that relied on a cached stream it does not write (a refusal, a
            // no-op) has nothing to check it, so it is decided again on the store's state.
            var plan = await handler.PlanAsync(runtime, command, trustCache: attempt == 1, ct);
            if (plan.Unconfirmed) plan = await handler.PlanAsync(runtime, command, trustCache: false, ct);
            var result = plan.Error is { } error ? await RejectAsync(error, key, metadata, ct) : await CommitAsync(plan, key, metadata, ct);
            if (result is AppendResult.Conflict conflict)
            {
                lostOn = conflict.StreamId;
                CommandLog.Retrying(runtime.Logger, handler.Name, conflict.StreamId, attempt);
                continue;
            }
            if (result is AppendResult.Committed { Events.Count: > 0 } committed) handler.Committed(runtime, command, committed.Events);
            return result switch
            {
                AppendResult.Duplicate d => Duplicate(d.Outcome),
                AppendResult.StreamArchived a => Rejected(new DomainError("stream.archived", $"'{a.StreamId}' is archived and takes no more changes")),
                AppendResult.Committed when plan.Error is { } e => Rejected(e),
                AppendResult.Committed c => new CommandResult<TAnswer>.Accepted(AnswerOf(plan), c.Events),
                _ => throw new InvalidOperationException($"unexpected append result {result}"),
            };
        }
        CommandLog.GaveUp(runtime.Logger, handler.Name, lostOn, runtime.Options.MaxAttempts);
        return new CommandResult<TAnswer>.Conflict(lostOn, runtime.Options.MaxAttempts);
    }

    private async Task<CommandResult<TAnswer>?> ValidateAsync(TCommand command, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        foreach (var validator in _validators)
        {
            var result = await validator.ValidateAsync(command, ct);
            errors.AddRange(result.Errors.Select(e => new FieldError(JsonPath(e.PropertyName), e.ErrorCode, e.ErrorMessage)));
        }
        if (errors.Count == 0) return null;
        CommandLog.Invalid(runtime.Logger, handler.Name, errors.Count);
        return new CommandResult<TAnswer>.Invalid(errors);
    }

    // A rejection is recorded too when the command has an id, so a repeat gets the same refusal.
    private Task<AppendResult> RejectAsync(DomainError error, string? key, EventMetadata metadata, CancellationToken ct) =>
        key is null
            ? Task.FromResult<AppendResult>(new AppendResult.Committed([]))
            : runtime.Store.OpenSession(metadata).RecordCommand(key, RecordedOutcome.Of(error)).SaveChangesAsync(ct);

    private Task<AppendResult> CommitAsync(Plan plan, string? key, EventMetadata metadata, CancellationToken ct)
    {
        var session = runtime.Store.OpenSession(metadata);
        foreach (var write in plan.Writes) session.Append(write.Stream.Id, write.Stream.Type, write.Expected, write.Events);
        if (key is not null) session.RecordCommand(key, RecordedOutcome.Of(AnswerOf(plan)));
        if (plan.Messages.Count > 0) session.Enlist(runtime.Outbox.Participant(plan.Messages, metadata.CorrelationId, metadata.CausationId));
        return session.HasChanges ? session.SaveChangesAsync(ct) : Task.FromResult<AppendResult>(new AppendResult.Committed([]));
    }

    private TAnswer AnswerOf(Plan plan) => plan.Answer switch
    {
        null => default!,
        TAnswer answer => answer,
        var other => throw new InvalidOperationException($"{handler.Name} answered with {other.GetType().Name}, not {typeof(TAnswer).Name}"),
    };

    private CommandResult<TAnswer> Rejected(DomainError error)
    {
        CommandLog.Rejected(runtime.Logger, handler.Name, error.Code);
        return new CommandResult<TAnswer>.Rejected(error);
    }

    private CommandResult<TAnswer> Duplicate(string outcome)
    {
        CommandLog.Duplicate(runtime.Logger, handler.Name);
        return RecordedOutcome.Parse(outcome).ToDuplicate<TAnswer>();
    }

    // FluentValidation names C# properties ("Items[0].Quantity"); clients know the JSON names.
    private static string JsonPath(string property) =>
        string.Join('.', property.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
