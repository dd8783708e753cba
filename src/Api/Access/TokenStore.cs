using System.Collections.Concurrent;
using System.Security.Cryptography;
using Npgsql;

namespace Cabinets.Api.Access;

public sealed record SignedInUser(string Username, IReadOnlyList<string> Roles, DateTimeOffset ExpiresAt);

/// <summary>
/// Opaque bearer tokens: 32 random bytes handed out once, stored as a SHA-256 hash with an expiry.
/// Validated tokens are cached briefly so a busy console does not cost one query per request.
/// </summary>
public sealed class TokenStore(NpgsqlDataSource db, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (SignedInUser User, DateTimeOffset CachedUntil)> _cache = new(StringComparer.Ordinal);

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(8);

    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(string username, IReadOnlyList<string> roles, CancellationToken ct)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        var expires = now + Lifetime;
        await using var cmd = db.CreateCommand(
            "insert into access.sessions (token_hash, username, roles, issued_at, expires_at) values ($1, $2, $3, $4, $5)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = Hash(token) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = username });
        cmd.Parameters.Add(new NpgsqlParameter { Value = roles.ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime });
        cmd.Parameters.Add(new NpgsqlParameter { Value = expires.UtcDateTime });
        await cmd.ExecuteNonQueryAsync(ct);
        return (token, expires);
    }

    public async Task<SignedInUser?> ValidateAsync(string token, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var key = Convert.ToHexString(Hash(token));
        if (_cache.TryGetValue(key, out var hit) && hit.CachedUntil > now && hit.User.ExpiresAt > now) return hit.User;

        await using var cmd = db.CreateCommand("select username, roles, expires_at from access.sessions where token_hash = $1 and expires_at > $2");
        cmd.Parameters.Add(new NpgsqlParameter { Value = Hash(token) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            _cache.TryRemove(key, out _);
            return null;
        }
        var user = new SignedInUser(r.GetString(0), r.GetFieldValue<string[]>(1), new DateTimeOffset(r.GetDateTime(2), TimeSpan.Zero));
        _cache[key] = (user, now + CacheFor);
        return user;
    }

    private static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));
}
