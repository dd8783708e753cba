using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Cabinets.Api.Lockers.Partners;

/// <summary>
/// The server key that protects partner credentials at rest (ADR-0023): `Partners:SecretKey`
/// (base64, 32 bytes), else one made once and kept in `partners.secret_key` so every node and
/// restart agrees (as <see cref="PersonalData.PersonalDataVault"/> keeps its hash key). Two keys are
/// derived from it with HKDF: one seals signing secrets with AES-256-GCM (the partner id is the
/// associated data, so a sealed secret cannot be moved to another partner), the other is the
/// HMAC-SHA256 key of authorization-code hashes. Sealed values read `ps1:{base64(nonce|cipher|tag)}`.
/// </summary>
public sealed class PartnerSecrets(NpgsqlDataSource db, byte[]? configuredKey)
{
    private const string Prefix = "ps1:";
    private (byte[] Seal, byte[] Hash)? keys = configuredKey is null ? null : Derive(configuredKey);

    /// <summary>`Partners:SecretKey`, or null when it is not set; a malformed key stops the start instead of the first request.</summary>
    public static byte[]? ConfiguredKey(IConfiguration config)
    {
        if (config["Partners:SecretKey"] is not { Length: > 0 } text) return null;
        var key = new byte[32];
        if (!Convert.TryFromBase64String(text, key, out var length) || length != 32)
            throw new InvalidOperationException("Partners:SecretKey must be 32 bytes, base64-encoded");
        return key;
    }

    public async Task<string> SealAsync(string partnerId, string secret, CancellationToken ct)
    {
        var (seal, _) = await KeysAsync(ct);
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[12 + plain.Length + 16];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, 12));
        using (var aes = new AesGcm(seal, 16))
            aes.Encrypt(sealedBytes.AsSpan(0, 12), plain, sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length), Encoding.UTF8.GetBytes(partnerId));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The clear secret; throws when the value was not sealed for this partner under this server key (tampering or a lost key).</summary>
    public async Task<string> OpenAsync(string partnerId, string sealedValue, CancellationToken ct)
    {
        if (!sealedValue.StartsWith(Prefix, StringComparison.Ordinal)) throw new CryptographicException("not a sealed partner secret");
        var (seal, _) = await KeysAsync(ct);
        var sealedBytes = Convert.FromBase64String(sealedValue[Prefix.Length..]);
        var plain = new byte[sealedBytes.Length - 28];
        using var aes = new AesGcm(seal, 16);
        aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length), plain, Encoding.UTF8.GetBytes(partnerId));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The keyed hash an authorization code is found by; the code itself is never stored.</summary>
    public async Task<string> HashCodeAsync(string code, CancellationToken ct)
    {
        var (_, hash) = await KeysAsync(ct);
        return Convert.ToHexStringLower(HMACSHA256.HashData(hash, Encoding.UTF8.GetBytes(code)));
    }

    private async Task<(byte[] Seal, byte[] Hash)> KeysAsync(CancellationToken ct)
    {
        if (keys is { } known) return known;
        var derived = Derive(await Hosting.ServerKeys.LoadOrCreateAsync(db, "partners.secret_key", "id", 1, ct));
        keys = derived;
        return derived;
    }

    private static (byte[] Seal, byte[] Hash) Derive(byte[] master) => (
        HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: "cabinets partner secret seal v1"u8.ToArray()),
        HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: "cabinets partner auth code hash v1"u8.ToArray()));
}
