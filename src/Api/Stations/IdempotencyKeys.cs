using System.Security.Cryptography;
using Npgsql;

namespace Cabinets.Api.Stations;

/// <summary>What a key stands for: the hash of the request it was first used with, and the kept answer once there is one.</summary>
public sealed record KeptAnswer(string RequestHash, int? Status, byte[]? Body);

/// <summary>
/// `stations.idempotency_keys`: a key per station is claimed before its request runs, then holds the
/// first answer for 24 hours (the station REST's `Idempotency-Key` and the console's
/// `idempotencyKey`, ADR-0019). A null status is a claim whose request is still running.
/// </summary>
public sealed class IdempotencyKeys(NpgsqlDataSource db, TimeProvider clock)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    public static string Hash(params ReadOnlySpan<byte[]> parts)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            sha.AppendData(part);
            sha.AppendData([0]);
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    /// <summary>Claims the key for this request (true), after forgetting a claim older than 24 hours; false when it is taken.</summary>
    public async Task<bool> ClaimAsync(string station, string key, string hash, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var batch = db.CreateBatch();
        var expire = new NpgsqlBatchCommand("delete from stations.idempotency_keys where station_id = $1 and key = $2 and created_at < $3");
        expire.Parameters.Add(new NpgsqlParameter { Value = station });
        expire.Parameters.Add(new NpgsqlParameter { Value = key });
        expire.Parameters.Add(new NpgsqlParameter { Value = now - KeptFor });
        var claim = new NpgsqlBatchCommand("""
            insert into stations.idempotency_keys (station_id, key, request_hash, created_at) values ($1, $2, $3, $4)
            on conflict do nothing returning 1
            """);
        claim.Parameters.Add(new NpgsqlParameter { Value = station });
        claim.Parameters.Add(new NpgsqlParameter { Value = key });
        claim.Parameters.Add(new NpgsqlParameter { Value = hash });
        claim.Parameters.Add(new NpgsqlParameter { Value = now });
        batch.BatchCommands.Add(expire);
        batch.BatchCommands.Add(claim);
        return await batch.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>What the key holds, or null when it was released in the meantime.</summary>
    public async Task<KeptAnswer?> ReadAsync(string station, string key, CancellationToken ct)
    {
        await using var read = db.CreateCommand("select request_hash, status, body from stations.idempotency_keys where station_id = $1 and key = $2");
        read.Parameters.Add(new NpgsqlParameter { Value = station });
        read.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var row = await read.ExecuteReaderAsync(ct);
        if (!await row.ReadAsync(ct)) return null;
        return new KeptAnswer(row.GetString(0), row.IsDBNull(1) ? null : row.GetInt32(1), row.IsDBNull(2) ? null : await row.GetFieldValueAsync<byte[]>(2, ct));
    }

    public async Task KeepAsync(string station, string key, int status, byte[] body)
    {
        await using var keep = db.CreateCommand("update stations.idempotency_keys set status = $3, body = $4 where station_id = $1 and key = $2");
        keep.Parameters.Add(new NpgsqlParameter { Value = station });
        keep.Parameters.Add(new NpgsqlParameter { Value = key });
        keep.Parameters.Add(new NpgsqlParameter { Value = status });
        keep.Parameters.Add(new NpgsqlParameter { Value = body });
        await keep.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>Frees a claim whose request failed before answering: the key may be used again.</summary>
    public async Task ReleaseAsync(string station, string key)
    {
        await using var cmd = db.CreateCommand("delete from stations.idempotency_keys where station_id = $1 and key = $2 and status is null");
        cmd.Parameters.Add(new NpgsqlParameter { Value = station });
        cmd.Parameters.Add(new NpgsqlParameter { Value = key });
        await cmd.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
