using Cabinets.Api.Commands;
using Cabinets.Api.PersonalData;
using Cabinets.Domain.Lockers.Notifications;

namespace Cabinets.Api.Lockers.Sms;

/// <summary>
/// Sends one <see cref="SendSms"/> from the outbox (ADR-0024). Idempotent per SMS id: a redelivered
/// message whose id is already SENT (or ERASED) sends nothing. The sealed number and text are
/// revealed only here, for the send; a recipient erased since is never texted. A failed attempt is
/// written to the log and rethrown, so Wolverine's policy for SendSms (<see cref="SmsFailurePolicy"/>)
/// retries it or moves it to the dead-letter queue.
/// </summary>
public static class SendSmsHandler
{
    public static async Task Handle(SendSms message, SmsLog log, PersonalDataVault vault, ISmsGateway gateway, TimeProvider clock, CancellationToken ct)
    {
        if (!await log.BeginAttemptAsync(message, clock.GetUtcNow(), ct)) return;

        var phone = await vault.RevealAsync(message.SealedPhone, ct);
        var text = await vault.RevealAsync(message.SealedText, ct);
        if (IsErased(phone) || IsErased(text))
        {
            await log.ErasedAsync(message.SmsId, clock.GetUtcNow(), ct);
            return;
        }

        var masked = PhoneMask.Masked(phone);
        try
        {
            await gateway.SendAsync(new OutgoingSms(message.SmsId, phone!, text!), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await log.FailedAsync(message.SmsId, SmsStatus.Retrying, masked, ErrorOf(e), clock.GetUtcNow(), ct);
            throw;
        }
        await log.SentAsync(message.SmsId, masked, clock.GetUtcNow(), ct);
    }

    private static bool IsErased(string? value) => value is null || value == PersonalDataVault.Erased;

    /// <summary>What the log keeps of a failure: our adapters' messages (which name no person), else only the exception's type.</summary>
    public static string ErrorOf(Exception e) => e is ExternalServiceException or SmsRefusedException ? e.Message : e.GetType().Name;
}
