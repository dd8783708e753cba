using Cabinets.EventStore;
using Cabinets.Messaging.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cabinets.Messaging.Commands;

public sealed class CommandOptions
{
    /// <summary>
    /// Attempts per command when other writers win the stream first: each reloads the state and
    /// decides again, so only a stream under constant contention ends in a Conflict result.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;
}

/// <summary>What every <see cref="CommandPipeline{TCommand, TAnswer}"/> shares: the store, the outbox writer, options, logging.</summary>
public sealed class CommandRuntime(PostgresEventStore store, OutboxWriter outbox, CommandOptions? options = null, ILoggerFactory? loggers = null)
{
    internal PostgresEventStore Store { get; } = store;
    internal OutboxWriter Outbox { get; } = outbox;
    internal AggregateCache Aggregates { get; } = new();
    internal StreamGates Gates { get; } = new();
    internal CommandOptions Options { get; } = options ?? new CommandOptions();
    internal ILogger Logger { get; } = (loggers ?? NullLoggerFactory.Instance).CreateLogger("Cabinets.Messaging.Commands");
}
