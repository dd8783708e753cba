using Npgsql;
using NpgsqlTypes;

namespace Cabinets.Messaging.Outbox;

/// <summary>A claimed row: what delivery needs, never logged as a whole (the body holds personal data).</summary>
internal sealed record ClaimedMessage(Guid Id, string Type, string Destination, string Body, string IdempotencyKey,
    int Attempt, DateTimeOffset DueAt, string? CorrelationId, string? CausationId);

/// <summary>The dispatcher's SQL. Every time is a parameter from the <see cref="TimeProvider"/>, never <c>now()</c>, so tests drive the clock.</summary>
internal sealed class OutboxStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Claims due messages for a lease in one short transaction. SKIP LOCKED lets several dispatchers
    /// claim disjoint batches without waiting; an expired lease makes a message claimable again (ADR-0004).
    /// </summary>
    public async Task<List<ClaimedMessage>> ClaimAsync(string[] types, int limit, string claimer, Guid token,
        DateTimeOffset now, DateTimeOffset until, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            with due as (
                select id from msg.outbox
                 where status = 'pending' and due_at <= $1
                   and (claimed_until is null or claimed_until <= $1)
                   and message_type = any($2)
                 order by due_at, id
                 limit $3
                   for update skip locked)
            update msg.outbox o
               set attempts = o.attempts + 1, claimed_by = $4, claim_token = $5, claimed_until = $6
              from due
             where o.id = due.id
            returning o.id, o.message_type, o.destination, o.body::text, o.idempotency_key, o.attempts, o.due_at,
                      o.correlation_id, o.causation_id
            """);
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = types });
        cmd.Parameters.Add(new() { Value = limit });
        cmd.Parameters.Add(new() { Value = claimer });
        cmd.Parameters.Add(new() { Value = token });
        cmd.Parameters.Add(new() { Value = until });
        var list = new List<ClaimedMessage>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new ClaimedMessage(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
                r.GetInt32(5), r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8)));
        return list;
    }

    /// <summary>Delivered, whoever holds the claim now: a late mark by an expired claimer is still the truth.</summary>
    public Task DeliveredAsync(Guid id, DateTimeOffset now) => ExecAsync("""
        update msg.outbox set status = 'delivered', delivered_at = $2, claimed_by = null, claim_token = null, claimed_until = null
         where id = $1 and status = 'pending'
        """, id, now);

    /// <summary>Failed: back to pending at <paramref name="retryAt"/>, or dead when null. Only the current claimer may say so.</summary>
    public Task FailedAsync(Guid id, Guid token, string error, DateTimeOffset now, DateTimeOffset? retryAt) => ExecAsync("""
        update msg.outbox
           set status = case when $5::timestamptz is null then 'dead' else 'pending' end,
               due_at = coalesce($5, due_at),
               dead_at = case when $5::timestamptz is null then $4 end,
               last_error = $3, claimed_by = null, claim_token = null, claimed_until = null
         where id = $1 and claim_token = $2 and status = 'pending'
        """, id, token, error, now, new NpgsqlParameter { Value = retryAt is { } at ? at : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });

    /// <summary>On shutdown: hands unfinished claims back at once; those never started get their attempt back.</summary>
    public Task ReleaseAsync(Guid[] started, Guid[] notStarted, Guid token) => ExecAsync("""
        update msg.outbox
           set claimed_by = null, claim_token = null, claimed_until = null,
               attempts = attempts - case when id = any($2) then 1 else 0 end
         where (id = any($1) or id = any($2)) and claim_token = $3 and status = 'pending'
        """, started, notStarted, token);

    private async Task ExecAsync(string sql, params object[] args)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(a as NpgsqlParameter ?? new NpgsqlParameter { Value = a });
        // Marks run to completion even while shutting down: losing one only causes a redelivery.
        await cmd.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
