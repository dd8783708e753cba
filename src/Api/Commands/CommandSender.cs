using JasperFx;
using Wolverine;
using Wolverine.Runtime;

namespace Cabinets.Api.Commands;

/// <summary>
/// Sends a domain command to its Wolverine handler in this process (`InvokeAsync`, inside the
/// handler's Marten transaction and outbox) and turns the two expected failures into outcomes:
/// invalid input (the validation middleware) and a concurrency conflict that outlived the retry
/// policy. Any other exception is a bug or an outage and propagates.
/// </summary>
public sealed class CommandSender(IWolverineRuntime runtime)
{
    public async Task<CommandOutcome> SendAsync(object command, CommandContext context, CancellationToken ct = default)
    {
        try
        {
            return await InvokeAsync<CommandOutcome>(command, context, ct);
        }
        catch (CommandInvalidException e)
        {
            return new CommandOutcome.Invalid(e.Errors);
        }
        catch (ConcurrencyException)
        {
            return new CommandOutcome.Conflict("Too many concurrent changes to the same stream; nothing was changed, try again.");
        }
    }

    /// <summary>Invokes a handler with the context as headers and lets every exception through (for callers with their own fallback).</summary>
    public Task<T> InvokeAsync<T>(object message, CommandContext context, CancellationToken ct = default)
    {
        var options = new DeliveryOptions();
        CommandHeaders.Write(options.Headers, context);
        return new MessageBus(runtime).InvokeAsync<T>(message, options, ct);
    }
}
