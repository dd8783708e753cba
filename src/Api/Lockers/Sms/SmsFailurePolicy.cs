using Cabinets.Domain.Lockers.Notifications;
using JasperFx;
using JasperFx.CodeGeneration;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.ErrorHandling;
using Wolverine.Runtime;
using Wolverine.Runtime.Handlers;

namespace Cabinets.Api.Lockers.Sms;

/// <summary>
/// SendSms's own failure rules (ADR-0024), ahead of the global ones: a refused message goes to the
/// dead-letter queue at once; any other failure is retried on the external schedule
/// (`Wolverine__ExternalRetrySeconds`, ADR-0016), then dead-lettered. Either way, the moment it is
/// moved the log says DEAD_LETTERED, so the console sees what the queue holds.
/// </summary>
internal sealed class SmsFailurePolicy(TimeSpan[] retries) : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.MessageType == typeof(SendSms)))
        {
            chain.OnException<SmsRefusedException>().MoveToErrorQueue().And(RecordDeadLetterAsync, "SMS log: DEAD_LETTERED");
            chain.OnAnyException().RetryWithCooldown(retries).Then.MoveToErrorQueue().And(RecordDeadLetterAsync, "SMS log: DEAD_LETTERED");
        }
    }

    private static async ValueTask RecordDeadLetterAsync(IWolverineRuntime runtime, IEnvelopeLifecycle lifecycle, Exception e)
    {
        if (lifecycle.Envelope?.Message is not SendSms message) return;
        var now = runtime.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await runtime.Services.GetRequiredService<SmsLog>()
            .FailedAsync(message.SmsId, SmsStatus.DeadLettered, recipientMasked: null, SendSmsHandler.ErrorOf(e), now, CancellationToken.None);
    }
}
