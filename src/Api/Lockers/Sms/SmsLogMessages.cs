namespace Cabinets.Api.Lockers.Sms;

/// <summary>
/// What the SMS path writes to the log: the SMS id and our own error text, never a number or a
/// text. Wolverine's own lines for SendSms fall under `Cabinets.Domain`, which the host turns down.
/// </summary>
internal static partial class SmsLogMessages
{
    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "SMS {SmsId} failed and will be retried: {Error}")]
    public static partial void Retrying(ILogger logger, string smsId, string error);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Error, Message = "SMS {SmsId} moved to the dead-letter queue: {Error}")]
    public static partial void DeadLettered(ILogger logger, string smsId, string error);
}
