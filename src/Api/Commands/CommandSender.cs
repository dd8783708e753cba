using Cabinets.Api.Observability;
using JasperFx;
using Wolverine;
using Wolverine.Runtime;

namespace Cabinets.Api.Commands;

/// <summary>
/// Sends a domain command to its Wolverine handler in this process (`InvokeAsync`, inside the
/// handler's Marten transaction and outbox) and turns the two expected failures into outcomes:
/// invalid input (the validation middleware) and a concurrency conflict that outlived the retry
/// policy. Any other exception is a bug or an outage and propagates. Each send is counted by
/// command type and outcome (`cabinets_commands_total`, ADR-0027).
/// </summary>
public sealed class CommandSender(IWolverineRuntime runtime, ApiMetrics metrics)
{
    public async Task<CommandOutcome> SendAsync(object command, CommandContext context, CancellationToken ct = default)
    {
        var outcome = await OutcomeOfAsync(command, context, ct);
        metrics.Command(command, outcome);
        return outcome;
    }

    /// <summary>Invokes a handler with the context as headers and lets every exception through (for callers with their own fallback).</summary>
    public async Task<T> InvokeAsync<T>(object message, CommandContext context, CancellationToken ct = default)
    {
        try
        {
            var answer = await SendCoreAsync<T>(message, context, ct);
            metrics.Command(message, answer is CommandOutcome outcome ? ApiMetrics.OutcomeName(outcome) : "completed");
            return answer;
        }
        catch (Exception)
        {
            metrics.Command(message, "failed");
            throw;
        }
    }

    private async Task<CommandOutcome> OutcomeOfAsync(object command, CommandContext context, CancellationToken ct)
    {
        try
        {
            return await SendCoreAsync<CommandOutcome>(command, context, ct);
        }
        catch (CommandInvalidException e)
        {
            return new CommandOutcome.Invalid(e.Errors);
        }
        catch (ConcurrencyException)
        {
            return new CommandOutcome.Conflict("Too many concurrent changes to the same stream; nothing was changed, try again.");
        }
        catch (Exception)
        {
            metrics.Command(command, "failed");
            throw;
        }
    }

    private Task<T> SendCoreAsync<T>(object message, CommandContext context, CancellationToken ct)
    {
        var options = new DeliveryOptions();
        CommandHeaders.Write(options.Headers, context);
        return new MessageBus(runtime).InvokeAsync<T>(message, options, ct);
    }
}
