using Microsoft.Extensions.Logging;

namespace Cabinets.Messaging.Commands;

/// <summary>Command log lines: handler names, codes and stream ids only, never a command's fields (they hold phone numbers).</summary>
internal static partial class CommandLog
{
    [LoggerMessage(LogLevel.Information, "Command {Command} is invalid ({Count} field errors)")]
    public static partial void Invalid(ILogger logger, string command, int count);

    [LoggerMessage(LogLevel.Information, "Command {Command} was rejected: {Code}")]
    public static partial void Rejected(ILogger logger, string command, string code);

    [LoggerMessage(LogLevel.Information, "Command {Command} repeats an earlier command id; returning its first outcome")]
    public static partial void Duplicate(ILogger logger, string command);

    [LoggerMessage(LogLevel.Debug, "Command {Command} lost stream {StreamId} to another writer on attempt {Attempt}; deciding again")]
    public static partial void Retrying(ILogger logger, string command, string streamId, int attempt);

    [LoggerMessage(LogLevel.Warning, "Command {Command} gave up on stream {StreamId} after {Attempts} attempts")]
    public static partial void GaveUp(ILogger logger, string command, string streamId, int attempts);
}
