namespace Cabinets.Api.Lockers.Sms;

/// <summary>
/// Where an SMS stands (ADR-0024), stored as its GraphQL name. SENT and ERASED are final;
/// DEAD_LETTERED waits for `replayDeadLetter`, after which the next attempt moves it on.
/// </summary>
public enum SmsStatus
{
    /// <summary>Taken off the queue; the first attempt is running.</summary>
    Queued,

    /// <summary>An attempt failed in a way worth retrying; Wolverine retries after its cooldown.</summary>
    Retrying,

    /// <summary>The gateway (or the file sink) accepted it.</summary>
    Sent,

    /// <summary>Retries ran out, or the gateway refused it: in the dead-letter queue.</summary>
    DeadLettered,

    /// <summary>The recipient was erased (crypto-shredded) before it went out: never sent.</summary>
    Erased,
}

public static class SmsStatusCodes
{
    public static string Of(SmsStatus status) => status switch
    {
        SmsStatus.Queued => "QUEUED",
        SmsStatus.Retrying => "RETRYING",
        SmsStatus.Sent => "SENT",
        SmsStatus.DeadLettered => "DEAD_LETTERED",
        SmsStatus.Erased => "ERASED",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static SmsStatus Parse(string code) => Enum.GetValues<SmsStatus>().Single(s => Of(s) == code);
}
