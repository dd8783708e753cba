using System.Security.Cryptography;
using Npgsql;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Cabinets.Api.Commands;

/// <summary>What a key stands for: the hash of the request it was first used with, and the kept answer once there is one.</summary>
public sealed record KeptAnswer(string RequestHash, int? Status, byte[]? Body, string? ContentType = null);

/// <summary>
/// An idempotency-key table: a key per owner (a station, a partner) is claimed before its request
/// runs, then holds the first answer for 24 hours. A null status is a claim whose request is still
/// running. The tables have the columns (owner, key, request_hash, created_at, status, body) and,
/// when <paramref name="keepsContentType"/>, content_type.
/// </summary>
public abstract class IdempotencyKeyStore(NpgsqlDataSource db, TimeProvider clock, string table, string ownerColumn, bool keepsContentType)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    /// <summary>The table a store of this kind reads and writes, for the module's `ExtendedSchemaObjects`.</summary>
    public static Table Table(string schema, string name, string ownerColumn, bool keepsContentType, string primaryKeyName)
    {
        var t = new Table(new PostgresqlObjectName(schema, name, SchemaUtils.IdentifierUsage.General))
            { PrimaryKeyName = primaryKeyName };
        t.AddColumn(ownerColumn, "text").AsPrimaryKey();
        t.AddColumn("key", "text").AsPrimaryKey();
        t.AddColumn("request_hash", "text").NotNull();
        t.AddColumn("created_at", "timestamptz").NotNull();
        t.AddColumn("status", "integer");
        if (keepsContentType) t.AddColumn("content_type", "text");
        t.AddColumn("body", "bytea");
        return t;
    }

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
    public async Task<bool> ClaimAsync(string owner, string key, string hash, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        await using var batch = db.CreateBatch();
        var expire = new NpgsqlBatchCommand($"delete from {table} where {ownerColumn} = $1 and key = $2 and created_at < $3");
        expire.Parameters.Add(new NpgsqlParameter { Value = owner });
        expire.Parameters.Add(new NpgsqlParameter { Value = key });
        expire.Parameters.Add(new NpgsqlParameter { Value = now - KeptFor });
        var claim = new NpgsqlBatchCommand($"""
            insert into {table} ({ownerColumn}, key, request_hash, created_at) values ($1, $2, $3, $4)
            on conflict do nothing returning 1
            """);
        claim.Parameters.Add(new NpgsqlParameter { Value = owner });
        claim.Parameters.Add(new NpgsqlParameter { Value = key });
        claim.Parameters.Add(new NpgsqlParameter { Value = hash });
        claim.Parameters.Add(new NpgsqlParameter { Value = now });
        batch.BatchCommands.Add(expire);
        batch.BatchCommands.Add(claim);
        return await batch.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>What the key holds, or null when it was released in the meantime.</summary>
    public async Task<KeptAnswer?> ReadAsync(string owner, string key, CancellationToken ct)
    {
        var contentType = keepsContentType ? "content_type" : "null::text";
        await using var read = db.CreateCommand($"select request_hash, status, body, {contentType} from {table} where {ownerColumn} = $1 and key = $2");
        read.Parameters.Add(new NpgsqlParameter { Value = owner });
        read.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var row = await read.ExecuteReaderAsync(ct);
        if (!await row.ReadAsync(ct)) return null;
        return new KeptAnswer(row.GetString(0), row.IsDBNull(1) ? null : row.GetInt32(1), row.IsDBNull(2) ? null : await row.GetFieldValueAsync<byte[]>(2, ct),
            row.IsDBNull(3) ? null : row.GetString(3));
    }

    public async Task KeepAsync(string owner, string key, int status, byte[] body, string? contentType = null)
    {
        await using var keep = db.CreateCommand(keepsContentType
            ? $"update {table} set status = $3, body = $4, content_type = $5 where {ownerColumn} = $1 and key = $2"
            : $"update {table} set status = $3, body = $4 where {ownerColumn} = $1 and key = $2");
        keep.Parameters.Add(new NpgsqlParameter { Value = owner });
        keep.Parameters.Add(new NpgsqlParameter { Value = key });
        keep.Parameters.Add(new NpgsqlParameter { Value = status });
        keep.Parameters.Add(new NpgsqlParameter { Value = body });
        if (keepsContentType) keep.Parameters.Add(new NpgsqlParameter { Value = (object?)contentType ?? DBNull.Value });
        await keep.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>Frees a claim whose request failed before answering: the key may be used again.</summary>
    public async Task ReleaseAsync(string owner, string key)
    {
        await using var cmd = db.CreateCommand($"delete from {table} where {ownerColumn} = $1 and key = $2 and status is null");
        cmd.Parameters.Add(new NpgsqlParameter { Value = owner });
        cmd.Parameters.Add(new NpgsqlParameter { Value = key });
        await cmd.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
