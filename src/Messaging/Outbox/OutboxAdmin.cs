using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cabinets.Messaging.Outbox;

/// <summary>An outbox row as admins see it: everything but the body, which may hold personal data.</summary>
public sealed record OutboxEntry(
    Guid Id, string MessageType, string Destination, string Status, int Attempts, DateTimeOffset DueAt,
    string? LastError, string IdempotencyKey, string? CorrelationId, int Requeued,
    DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, DateTimeOffset? DeadAt);

/// <summary>Outbox health for metrics: how much waits, how late the oldest due message is, how many are dead.</summary>
public sealed record OutboxStats(long Pending, long Due, long Dead, TimeSpan OldestDueAge);

/// <summary>
/// The manual-handling queue (PRODUCT.md, Vending exceptions): dead letters to list and requeue,
/// and a message's delivery state. The Api exposes these to admins (GraphQL/REST).
/// </summary>
public sealed class OutboxAdmin(NpgsqlDataSource dataSource, TimeProvider time, ILogger<OutboxAdmin>? logger = null)
{
    private const string Columns = """
        id, message_type, destination, status, attempts, due_at, last_error, idempotency_key, correlation_id, requeued,
        created_at, delivered_at, dead_at
        """;

    private readonly ILogger _logger = logger ?? NullLogger<OutboxAdmin>.Instance;

    /// <summary>Dead letters, newest first; optionally of one message type or destination.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ListDeadAsync(string? messageType = null, string? destination = null,
        int limit = 100, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            select {Columns} from msg.outbox
             where status = 'dead' and ($1::text is null or message_type = $1) and ($2::text is null or destination = $2)
             order by dead_at desc, id limit $3
            """);
        cmd.Parameters.Add(new() { Value = (object?)messageType ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)destination ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = limit });
        return await ReadAsync(cmd, ct);
    }

    public async Task<OutboxEntry?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {Columns} from msg.outbox where id = $1");
        cmd.Parameters.Add(new() { Value = id });
        return (await ReadAsync(cmd, ct)).SingleOrDefault();
    }

    /// <summary>Sends a dead letter again now, with its retry policy starting over. False when it is not dead.</summary>
    public async Task<bool> RequeueAsync(Guid id, CancellationToken ct = default) =>
        await RequeueWhereAsync("id = $2", id, ct) == 1;

    /// <summary>Requeues every dead letter of <paramref name="messageType"/> (all types when null); returns how many.</summary>
    public Task<int> RequeueAllDeadAsync(string? messageType = null, CancellationToken ct = default) =>
        RequeueWhereAsync("($2::text is null or message_type = $2)", (object?)messageType ?? DBNull.Value, ct);

    public async Task<OutboxStats> StatsAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            select count(*) filter (where status = 'pending'),
                   count(*) filter (where status = 'pending' and due_at <= $1),
                   count(*) filter (where status = 'dead'),
                   min(due_at) filter (where status = 'pending' and due_at <= $1)
              from msg.outbox where status <> 'delivered'
            """);
        var now = time.GetUtcNow();
        cmd.Parameters.Add(new() { Value = now });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var oldest = r.IsDBNull(3) ? now : r.GetFieldValue<DateTimeOffset>(3);
        return new OutboxStats(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), now - oldest);
    }

    /// <summary>Deletes delivered messages older than <paramref name="age"/> (a retention job; dead letters stay until handled).</summary>
    public async Task<int> PurgeDeliveredAsync(TimeSpan age, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("delete from msg.outbox where status = 'delivered' and delivered_at < $1");
        cmd.Parameters.Add(new() { Value = time.GetUtcNow() - age });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<int> RequeueWhereAsync(string filter, object arg, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"""
            update msg.outbox
               set status = 'pending', attempts = 0, due_at = $1, dead_at = null, requeued = requeued + 1
             where status = 'dead' and {filter}
            """);
        cmd.Parameters.Add(new() { Value = time.GetUtcNow() });
        cmd.Parameters.Add(arg is DBNull ? new NpgsqlParameter { Value = arg, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } : new NpgsqlParameter { Value = arg });
        var count = await cmd.ExecuteNonQueryAsync(ct);
        DispatcherLog.Requeued(_logger, count);
        return count;
    }

    private static async Task<IReadOnlyList<OutboxEntry>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<OutboxEntry>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new OutboxEntry(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4),
                r.GetFieldValue<DateTimeOffset>(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7),
                r.IsDBNull(8) ? null : r.GetString(8), r.GetInt32(9), r.GetFieldValue<DateTimeOffset>(10),
                r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11), r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12)));
        return list;
    }
}
