namespace Cabinets.Domain.Lockers.Notifications;

/// <summary>The texts the locker module sends (API-CONTRACT.md: the SMS sink).</summary>
public static class SmsTemplates
{
    /// <summary>After a deposit: the pickup code, community name, address note and device number.</summary>
    public const string PickupCode = "lockers.pickup_code";

    /// <summary>72 hours after a deposit, once: the parcel is still waiting.</summary>
    public const string PickupReminder = "lockers.pickup_reminder";
}

/// <summary>
/// One text message, sent through the outbox (ADR-0021). The phone number and the text are
/// personal data sealed with the recipient's key (`pd1:` values of the personal-data vault): the
/// message store never holds a pickup code or a number in clear, and a message still queued when
/// the person is erased can no longer be read or sent. <paramref name="SmsId"/> is what the
/// gateway de-duplicates on; <paramref name="RecordNumber"/> ties it to its parcel.
/// </summary>
public sealed record SendSms(
    string SmsId, string Template, string RecipientSubject, string SealedPhone, string SealedText, string? RecordNumber, DateTimeOffset QueuedAt)
{
    public override string ToString() => $"SendSms {{ SmsId = {SmsId}, Template = {Template}, RecordNumber = {RecordNumber} }}";
}
