using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Cabinets.Api.PersonalData;

/// <summary>
/// Personal data (names, phone numbers) encrypted with a key per person (AES-256-GCM), so that
/// deleting the person's key erases them everywhere — events included — without rewriting history
/// (crypto-shredding, ADR-0020). A person is known by a keyed hash of their phone (HMAC-SHA256 with
/// `PersonalData:HashKey`), never by the clear number. Protected values read `pd1:{subject}:{data}`;
/// values without the prefix are returned as they are.
/// </summary>
public sealed class PersonalDataVault(NpgsqlDataSource db, byte[]? configuredHashKey)
{
    public const string Erased = "erased";
    private const string Prefix = "pd1:";
    private byte[]? hashKey = configuredHashKey;

    /// <summary>The key table, and the hash key's home when `PersonalData:HashKey` is not configured.</summary>
    public static IEnumerable<ISchemaObject> Tables()
    {
        var keys = new Table(new PostgresqlObjectName("personal_data", "keys", SchemaUtils.IdentifierUsage.General)) { PrimaryKeyName = "keys_pkey" };
        keys.AddColumn("subject", "text").AsPrimaryKey();
        keys.AddColumn("key", "bytea").NotNull();
        keys.AddColumn("created_at", "timestamptz").NotNull().DefaultValueByExpression("now()");
        var hash = new Table(new PostgresqlObjectName("personal_data", "hash_key", SchemaUtils.IdentifierUsage.General)) { PrimaryKeyName = "hash_key_pkey" };
        hash.AddColumn("id", "integer").AsPrimaryKey();
        hash.AddColumn("key", "bytea").NotNull();
        return [keys, hash];
    }

    /// <summary>The person's keyed hash: how their data is found without keeping the clear identifier.</summary>
    public async Task<string> SubjectOfAsync(string identifier, CancellationToken ct) =>
        Convert.ToHexString(HMACSHA256.HashData(await HashKeyAsync(ct), Encoding.UTF8.GetBytes(identifier.Trim()))).ToLowerInvariant();

    /// <summary>The configured hash key, else one made once and kept in the database so every node and restart agrees.</summary>
    private async Task<byte[]> HashKeyAsync(CancellationToken ct)
    {
        if (hashKey is { } known) return known;
        return hashKey = await Hosting.ServerKeys.LoadOrCreateAsync(db, "personal_data.hash_key", "id", 1, ct);
    }

    /// <summary>Encrypts <paramref name="value"/> with the key of the person <paramref name="identifier"/> stands for (made on first use).</summary>
    public async Task<string?> ProtectAsync(string identifier, string? value, CancellationToken ct)
    {
        if (value is null) return null;
        var subject = await SubjectOfAsync(identifier, ct);
        var key = await KeyAsync(subject, create: true, ct) ?? throw new InvalidOperationException("a key was just created");
        return Seal(subject, key, value);
    }

    /// <summary>Several values of one person with one key look-up (a booking seals the name and the phone).</summary>
    public async Task<IReadOnlyList<string>> ProtectAllAsync(string identifier, IReadOnlyList<string> values, CancellationToken ct)
    {
        var subject = await SubjectOfAsync(identifier, ct);
        var key = await KeyAsync(subject, create: true, ct) ?? throw new InvalidOperationException("a key was just created");
        return values.Select(v => Seal(subject, key, v)).ToList();
    }

    private static string Seal(string subject, byte[] key, string value)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var plain = Encoding.UTF8.GetBytes(value);
        var sealedBytes = new byte[12 + plain.Length + 16];
        using (var aes = new AesGcm(key, 16))
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length), Encoding.UTF8.GetBytes(subject));
        nonce.CopyTo(sealedBytes, 0);
        return $"{Prefix}{subject}.{KeyIdOf(key)}:{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>
    /// Which of a person's keys sealed a value: the first 8 hex digits of SHA-256 of the key (in SQL
    /// `left(encode(sha256(key), 'hex'), 8)`). A person erased and then seen again gets a new key;
    /// values sealed with the old one name the old id and stay "erased" (ADR-0025).
    /// </summary>
    public static string KeyIdOf(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..8];

    /// <summary>
    /// Encrypts <paramref name="value"/> for a person known only by their <paramref name="subject"/>
    /// (e.g. a reminder to a recipient whose number is kept sealed); null once the person is erased.
    /// </summary>
    public async Task<string?> ProtectForSubjectAsync(string subject, string value, CancellationToken ct) =>
        await KeyAsync(subject, create: false, ct) is { } key ? Seal(subject, key, value) : null;

    /// <summary>True while the person's key exists: look-ups by their hash find nothing once they are erased.</summary>
    public async Task<bool> IsKnownAsync(string subject, CancellationToken ct) => await KeyAsync(subject, create: false, ct) is not null;

    /// <summary>The clear value, or <see cref="Erased"/> once the person's key is gone.</summary>
    public async Task<string?> RevealAsync(string? value, CancellationToken ct)
    {
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal)) return value;
        var parts = value[Prefix.Length..].Split(':', 2);
        // `{subject}.{key id}` since key ids were added; a value without one is read with the person's only key.
        var owner = parts[0].Split('.', 2);
        var subject = owner[0];
        if (await KeyAsync(subject, create: false, ct) is not { } key) return Erased;
        if (owner.Length == 2 && owner[1] != KeyIdOf(key)) return Erased; // sealed with a key erased since
        var sealedBytes = Convert.FromBase64String(parts[1]);
        var plain = new byte[sealedBytes.Length - 28];
        using var aes = new AesGcm(key, 16);
        try
        {
            aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length), plain, Encoding.UTF8.GetBytes(subject));
        }
        catch (AuthenticationTagMismatchException)
        {
            return Erased; // an id-less value of a person erased and seen again: its key is gone
        }
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Deletes the person's key: everything protected with it reads <see cref="Erased"/> from now on, on every node at once (keys are not cached).</summary>
    public async Task<bool> EraseAsync(string identifier, CancellationToken ct)
    {
        var subject = await SubjectOfAsync(identifier, ct);
        await using var cmd = db.CreateCommand("delete from personal_data.keys where subject = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = subject });
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    private async Task<byte[]?> KeyAsync(string subject, bool create, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(create
            ? """
              with made as (insert into personal_data.keys (subject, key) values ($1, $2) on conflict (subject) do nothing returning key)
              select key from made union all select key from personal_data.keys where subject = $1 limit 1
              """
            : "select key from personal_data.keys where subject = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = subject });
        if (create) cmd.Parameters.Add(new NpgsqlParameter { Value = RandomNumberGenerator.GetBytes(32) });
        // A racing first use of a person's key: see HashKeyAsync.
        return (await cmd.ExecuteScalarAsync(ct) ?? (create ? await cmd.ExecuteScalarAsync(ct) : null)) as byte[];
    }
}
