using Microsoft.Extensions.Logging;

namespace Cabinets.Messaging.Outbox;

/// <summary>Outbox log lines: ids, types and counts only, never a body (STYLE.md convention 10).</summary>
internal static partial class DispatcherLog
{
    [LoggerMessage(LogLevel.Debug, "Delivered outbox message {MessageId} ({MessageType}) on attempt {Attempt}")]
    public static partial void Delivered(ILogger logger, Guid messageId, string messageType, int attempt);

    [LoggerMessage(LogLevel.Warning, "Outbox message {MessageId} ({MessageType}) failed attempt {Attempt} with {ErrorType}; retrying in {Delay}")]
    public static partial void RetryScheduled(ILogger logger, Guid messageId, string messageType, int attempt, TimeSpan delay, string errorType);

    [LoggerMessage(LogLevel.Error, "Outbox message {MessageId} ({MessageType}) failed its last attempt {Attempt} with {ErrorType}; moved to dead letters")]
    public static partial void DeadLettered(ILogger logger, Guid messageId, string messageType, int attempt, string errorType);

    [LoggerMessage(LogLevel.Information, "Released {Count} claimed outbox messages on shutdown")]
    public static partial void Released(ILogger logger, int count);

    [LoggerMessage(LogLevel.Error, "The outbox dispatch loop failed; retrying after the poll interval")]
    public static partial void LoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Information, "Requeued {Count} dead outbox messages")]
    public static partial void Requeued(ILogger logger, int count);
}
