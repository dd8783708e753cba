using System.Text.Json;
using Cabinets.EventStore.Appending;
using Cabinets.EventStore.Events;
using Cabinets.Domain.Deciding;
using Cabinets.Messaging.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Cabinets.Messaging.Outbox;

/// <summary>
/// Writes outbox rows inside a caller's transaction (ADR-0004): as an <see cref="ITransactionParticipant"/>
/// of an <see cref="EventSession"/>, the messages exist if and only if the events committed.
/// </summary>
public sealed class OutboxWriter(NpgsqlDataSource dataSource, MessageRegistry registry, TimeProvider time)
{
    /// <summary>A participant that inserts <paramref name="messages"/> in the session's transaction. Ids are fixed now.</summary>
    public ITransactionParticipant Participant(IEnumerable<OutgoingMessage> messages, string? correlationId = null, string? causationId = null) =>
        new Rows(Prepare(messages), correlationId, causationId, time.GetUtcNow());

    /// <summary>Enqueues messages in a transaction of their own, for senders outside the command pipeline; returns their ids.</summary>
    public async Task<IReadOnlyList<Guid>> EnqueueAsync(IEnumerable<OutgoingMessage> messages, string? correlationId = null,
        string? causationId = null, CancellationToken ct = default)
    {
        var rows = new Rows(Prepare(messages), correlationId, causationId, time.GetUtcNow());
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await rows.ExecuteAsync(conn, tx, [], ct);
        await tx.CommitAsync(ct);
        return rows.Messages.Select(m => m.Id).ToList();
    }

    private List<Prepared> Prepare(IEnumerable<OutgoingMessage> messages)
    {
        var now = time.GetUtcNow();
        return messages.Select(m =>
        {
            var route = registry.RouteOf(m.Body.GetType());
            var id = Guid.CreateVersion7(now);
            return new Prepared(id, route.Name, route.Destination,
                JsonSerializer.Serialize(m.Body, m.Body.GetType(), EventTypeRegistry.JsonOptions),
                m.IdempotencyKey ?? id.ToString(), (m.DeliverAt ?? now).ToUniversalTime());
        }).ToList();
    }

    private sealed record Prepared(Guid Id, string Type, string Destination, string Body, string Key, DateTimeOffset DueAt);

    private sealed class Rows(List<Prepared> messages, string? correlationId, string? causationId, DateTimeOffset now) : ITransactionParticipant
    {
        public List<Prepared> Messages => messages;

        public async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredEvent> events, CancellationToken ct)
        {
            if (messages.Count == 0) return;
            await using var batch = new NpgsqlBatch(connection, transaction);
            var insert = new NpgsqlBatchCommand("""
                insert into msg.outbox (id, message_type, destination, body, idempotency_key, due_at, correlation_id, causation_id, created_at)
                select u.id, u.type, u.destination, u.body::jsonb, u.key, u.due_at, $7, $8, $9
                  from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
                       as u (id, type, destination, body, key, due_at)
                """);
            insert.Parameters.Add(new() { Value = messages.Select(m => m.Id).ToArray() });
            insert.Parameters.Add(new() { Value = messages.Select(m => m.Type).ToArray() });
            insert.Parameters.Add(new() { Value = messages.Select(m => m.Destination).ToArray() });
            insert.Parameters.Add(new() { Value = messages.Select(m => m.Body).ToArray() });
            insert.Parameters.Add(new() { Value = messages.Select(m => m.Key).ToArray() });
            insert.Parameters.Add(new() { Value = messages.Select(m => m.DueAt).ToArray() });
            insert.Parameters.Add(new() { Value = (object?)correlationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new() { Value = (object?)causationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new() { Value = now.ToUniversalTime() });
            batch.BatchCommands.Add(insert);
            // Delivered only on commit, so dispatchers wake exactly when there is something to send.
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"select pg_notify('{MessagingSchema.NotifyChannel}', '')"));
            await batch.ExecuteNonQueryAsync(ct);
        }
    }
}
