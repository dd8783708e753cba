using Wolverine;

namespace Cabinets.Api.Observability;

/// <summary>
/// Wolverine middleware on every handler (ADR-0027): log lines written while a message is handled —
/// the SMS sender, parcel timers, anything the outbox delivers after its request ended — carry the
/// correlation id of the request that caused them, as the request's own lines do. The generated
/// handler disposes the scope it returns (`using var`) when the handler ends.
/// </summary>
public static class CorrelationLogScope
{
    public static IDisposable? Before(Envelope envelope, ILoggerFactory loggers) =>
        Correlation.Begin(loggers.CreateLogger(typeof(CorrelationLogScope).FullName!),
            envelope.Headers.GetValueOrDefault(Commands.CommandHeaders.Correlation) ?? envelope.CorrelationId ?? envelope.Id.ToString());
}
