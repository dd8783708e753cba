using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Cabinets.Api.Lockers.Parcels;

/// <summary>
/// Pickup codes are never kept (ADR-0022): a parcel holds HMAC-SHA256(key, code), which finds the
/// parcel of a typed code without the code being readable from the store. A 6-digit code has a
/// million values, so an unkeyed or per-row-salted hash would fall to a brute force over every row;
/// the key (`Lockers:PickupCodeKey`, base64, else one made once and kept in `lockers.server_keys`)
/// lives outside the events.
/// </summary>
public sealed class PickupCodes(NpgsqlDataSource db, byte[]? configuredKey)
{
    private byte[]? key = configuredKey;

    public async Task<string> HashAsync(string code, CancellationToken ct) =>
        Convert.ToHexString(HMACSHA256.HashData(await KeyAsync(ct), Encoding.UTF8.GetBytes(code))).ToLowerInvariant();

    private async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        if (key is { } known) return known;
        await using var cmd = db.CreateCommand("""
            with made as (insert into lockers.server_keys (name, key) values ('pickup_code', $1) on conflict (name) do nothing returning key)
            select key from made union all select key from lockers.server_keys where name = 'pickup_code' limit 1
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = RandomNumberGenerator.GetBytes(32) });
        // A racing first use: the other insert commits while ours waits, and this statement's snapshot
        // cannot see it; the second run of the statement does.
        return key = (byte[])(await cmd.ExecuteScalarAsync(ct) ?? await cmd.ExecuteScalarAsync(ct))!;
    }
}
