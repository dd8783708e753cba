using Cabinets.Domain.Lockers.Notifications;
using Npgsql;

namespace Cabinets.Api.Lockers.Sms;

/// <summary>One row of the SMS log, as the console and the tests read it.</summary>
public sealed record SmsLogEntry(
    string SmsId, string? RecordNumber, string Template, string? Recipient, SmsStatus Status, int Attempts,
    string? LastError, DateTimeOffset QueuedAt, DateTimeOffset? SentAt, DateTimeOffset UpdatedAt);

/// <summary>
/// Writes `lockers.sms_messages` (<see cref="SmsLogTable"/>), one statement per change and outside
/// any transaction: the handler holds no transaction open across a call to the gateway (a long
/// transaction would hold every async projection at its gap, ADR-0015).
/// </summary>
public sealed class SmsLog(NpgsqlDataSource db, ILogger<SmsLog> logger)
{
    private static readonly string Sent = SmsStatusCodes.Of(SmsStatus.Sent);
    private static readonly string Erased = SmsStatusCodes.Of(SmsStatus.Erased);

    /// <summary>Counts an attempt; false when the SMS is already SENT or ERASED (a redelivery: nothing to do).</summary>
    public async Task<bool> BeginAttemptAsync(SendSms message, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            insert into {SmsLogTable.Name} as s (sms_id, record_number, template, status, attempts, queued_at, updated_at)
            values ($1, $2, $3, $4, 1, $5, $6)
            on conflict (sms_id) do update set attempts = s.attempts + 1, updated_at = excluded.updated_at
            where s.status not in ($7, $8)
            returning sms_id
            """);
        Add(cmd, message.SmsId, message.RecordNumber, message.Template, SmsStatusCodes.Of(SmsStatus.Queued),
            message.QueuedAt.ToUniversalTime(), now.ToUniversalTime(), Sent, Erased);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    public Task SentAsync(string smsId, string? recipientMasked, DateTimeOffset now, CancellationToken ct) =>
        SetAsync(smsId, SmsStatus.Sent, recipientMasked, lastError: null, now, sentAt: now, ct);

    public Task ErasedAsync(string smsId, DateTimeOffset now, CancellationToken ct) =>
        SetAsync(smsId, SmsStatus.Erased, recipientMasked: null, lastError: null, now, sentAt: null, ct);

    /// <summary>A failed attempt. <paramref name="error"/> must name no person: adapters' messages never do.</summary>
    public Task FailedAsync(string smsId, SmsStatus status, string? recipientMasked, string error, DateTimeOffset now, CancellationToken ct)
    {
        if (status == SmsStatus.DeadLettered) SmsLogMessages.DeadLettered(logger, smsId, error);
        else SmsLogMessages.Retrying(logger, smsId, error);
        return SetAsync(smsId, status, recipientMasked, error, now, sentAt: null, ct);
    }

    public async Task<SmsLogEntry?> FindAsync(string smsId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            select sms_id, record_number, template, recipient_masked, status, attempts, last_error, queued_at, sent_at, updated_at
            from {SmsLogTable.Name} where sms_id = $1
            """);
        Add(cmd, smsId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public static SmsLogEntry Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
        SmsStatusCodes.Parse(r.GetString(4)), r.GetInt32(5), r.IsDBNull(6) ? null : r.GetString(6),
        r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8), r.GetFieldValue<DateTimeOffset>(9));

    // A SENT or ERASED row is final: a late failure report (a dead-letter action racing a replay) never undoes it.
    private async Task SetAsync(string smsId, SmsStatus status, string? recipientMasked, string? lastError, DateTimeOffset now, DateTimeOffset? sentAt, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            update {SmsLogTable.Name}
            set status = $2, recipient_masked = coalesce($3, recipient_masked), last_error = $4, updated_at = $5, sent_at = coalesce($6, sent_at)
            where sms_id = $1 and status not in ($7, $8)
            """);
        Add(cmd, smsId, SmsStatusCodes.Of(status), recipientMasked, lastError, now.ToUniversalTime(), sentAt?.ToUniversalTime(), Sent, Erased);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void Add(NpgsqlCommand cmd, params object?[] values)
    {
        foreach (var value in values) cmd.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
    }
}
