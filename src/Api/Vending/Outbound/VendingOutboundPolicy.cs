using Cabinets.Api.Commands;
using Cabinets.Api.Vending.Ports;
using Cabinets.Domain.Vending;
using JasperFx;
using JasperFx.CodeGeneration;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.ErrorHandling;
using Wolverine.Runtime;
using Wolverine.Runtime.Handlers;

namespace Cabinets.Api.Vending.Outbound;

/// <summary>
/// The failure rules of every <see cref="IVendingOutbound"/> message (VENDING.md §2.1, ADR-0030),
/// ahead of the global ones: a transport failure is retried on the external schedule
/// (`Wolverine__ExternalRetrySeconds`, 15 s, 30 s, 60 s: attempts at t, t+15 s, t+45 s, t+105 s),
/// then the message is moved to the dead-letter queue and its own failure rule runs
/// (<see cref="OutboundGaveUp"/>: the message's `GaveUp` command and, for its kind, a manual task).
/// A rejection that escaped its handler is not retried: it goes the same way at once.
/// </summary>
internal sealed class VendingOutboundPolicy(TimeSpan[] retries) : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => typeof(IVendingOutbound).IsAssignableFrom(c.MessageType)))
        {
            chain.OnException<ExternalRejectedException>().MoveToErrorQueue().And(GiveUpAsync, "vending: failure rule and manual task");
            chain.OnException<ExternalServiceException>().RetryWithCooldown(retries).Then.MoveToErrorQueue().And(GiveUpAsync, "vending: failure rule and manual task");
        }
    }

    private static async ValueTask GiveUpAsync(IWolverineRuntime runtime, IEnvelopeLifecycle lifecycle, Exception e)
    {
        if (lifecycle.Envelope?.Message is not IVendingOutbound message) return;
        var error = e switch
        {
            ExternalServiceException transport => transport.Reason,
            ExternalRejectedException rejected => $"{rejected.Code}: {rejected.Reason}",
            _ => e.GetType().Name,
        };
        await runtime.Services.GetRequiredService<OutboundGaveUp>().ApplyAsync(message, Math.Max(1, lifecycle.Envelope.Attempts), error, CancellationToken.None);
    }
}
