using Cabinets.EventStore.Events;
using Npgsql;

namespace Cabinets.EventStore.Appending;

/// <summary>
/// Work that must commit or roll back with the events, e.g. outbox messages (ADR-0004). Runs after
/// the events are written and inline projections have run, inside the same transaction.
/// </summary>
public interface ITransactionParticipant
{
    Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredEvent> events, CancellationToken ct);
}
