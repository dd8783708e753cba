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
        return key = await Hosting.ServerKeys.LoadOrCreateAsync(db, "lockers.server_keys", "name", "pickup_code", ct);
    }
}
