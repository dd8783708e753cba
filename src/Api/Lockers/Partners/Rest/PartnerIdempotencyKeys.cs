using Npgsql;

namespace Cabinets.Api.Lockers.Partners.Rest;

/// <summary>What a partner's key holds: the hash of its first request, and that request's answer once there is one.</summary>
internal sealed record PartnerKeptAnswer(string RequestHash, int? Status, string? ContentType, byte[]? Body);

/// <summary>
/// `partners.idempotency_keys`: a key per partner is claimed before its request runs, then holds
/// the first answer (status, content type, bytes) for 24 hours (ADR-0023). The station store
/// (`stations.idempotency_keys`) has the same shape scoped by station, without the content type.
/// </summary>
internal sealed class PartnerIdempotencyKeys(NpgsqlDataSource db, TimeProvider clock)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    /// <summary>Claims the key for this request (true), after forgetting a claim older than 24 hours; false when it is taken.</summary>
    public async Task<bool> ClaimAsync(string partnerId, string key, string hash, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        await using var batch = db.CreateBatch();
        var expire = new NpgsqlBatchCommand("delete from partners.idempotency_keys where partner_id = $1 and key = $2 and created_at < $3");
        expire.Parameters.Add(new NpgsqlParameter { Value = partnerId });
        expire.Parameters.Add(new NpgsqlParameter { Value = key });
        expire.Parameters.Add(new NpgsqlParameter { Value = now - KeptFor });
        var claim = new NpgsqlBatchCommand("""
            insert into partners.idempotency_keys (partner_id, key, request_hash, created_at) values ($1, $2, $3, $4)
            on conflict do nothing returning 1
            """);
        claim.Parameters.Add(new NpgsqlParameter { Value = partnerId });
        claim.Parameters.Add(new NpgsqlParameter { Value = key });
        claim.Parameters.Add(new NpgsqlParameter { Value = hash });
        claim.Parameters.Add(new NpgsqlParameter { Value = now });
        batch.BatchCommands.Add(expire);
        batch.BatchCommands.Add(claim);
        return await batch.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>What the key holds, or null when it was released in the meantime.</summary>
    public async Task<PartnerKeptAnswer?> ReadAsync(string partnerId, string key, CancellationToken ct)
    {
        await using var read = db.CreateCommand("select request_hash, status, content_type, body from partners.idempotency_keys where partner_id = $1 and key = $2");
        read.Parameters.Add(new NpgsqlParameter { Value = partnerId });
        read.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var row = await read.ExecuteReaderAsync(ct);
        if (!await row.ReadAsync(ct)) return null;
        return new PartnerKeptAnswer(row.GetString(0), row.IsDBNull(1) ? null : row.GetInt32(1), row.IsDBNull(2) ? null : row.GetString(2),
            row.IsDBNull(3) ? null : await row.GetFieldValueAsync<byte[]>(3, ct));
    }

    public async Task KeepAsync(string partnerId, string key, int status, string contentType, byte[] body)
    {
        await using var keep = db.CreateCommand("update partners.idempotency_keys set status = $3, content_type = $4, body = $5 where partner_id = $1 and key = $2");
        keep.Parameters.Add(new NpgsqlParameter { Value = partnerId });
        keep.Parameters.Add(new NpgsqlParameter { Value = key });
        keep.Parameters.Add(new NpgsqlParameter { Value = status });
        keep.Parameters.Add(new NpgsqlParameter { Value = contentType });
        keep.Parameters.Add(new NpgsqlParameter { Value = body });
        await keep.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>Frees a claim whose request failed before answering: the key may be used again.</summary>
    public async Task ReleaseAsync(string partnerId, string key)
    {
        await using var cmd = db.CreateCommand("delete from partners.idempotency_keys where partner_id = $1 and key = $2 and status is null");
        cmd.Parameters.Add(new NpgsqlParameter { Value = partnerId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = key });
        await cmd.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
