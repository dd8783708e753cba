using System.Security.Cryptography;
using Npgsql;

namespace Cabinets.Api.Hosting;

/// <summary>
/// A server key that is not configured: 32 random bytes made on first use and kept in a one-row
/// table, so every node and restart agrees (the personal-data hash key, the pickup-code key, the
/// partner secret key). The table has a key column `key` and an id column.
/// </summary>
internal static class ServerKeys
{
    public static async Task<byte[]> LoadOrCreateAsync(NpgsqlDataSource db, string table, string idColumn, object id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            with made as (insert into {table} ({idColumn}, key) values ($1, $2) on conflict ({idColumn}) do nothing returning key)
            select key from made union all select key from {table} where {idColumn} = $1 limit 1
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = RandomNumberGenerator.GetBytes(32) });
        // A racing first use: the other insert commits while ours waits, and this statement's snapshot
        // cannot see it; the second run of the statement does.
        return (byte[])(await cmd.ExecuteScalarAsync(ct) ?? await cmd.ExecuteScalarAsync(ct))!;
    }
}
