using System.Collections.Concurrent;
using System.Security.Cryptography;
using Marten;

namespace Cabinets.Api.Access;

public sealed record SignedInUser(string Username, IReadOnlyList<string> Roles, DateTimeOffset ExpiresAt, string? StationId = null);

/// <summary>A bearer token as stored: only its SHA-256 hash (hex) is kept, never the token.</summary>
public sealed class AdminSession
{
    public string Id { get; set; } = "";

    public string Username { get; set; } = "";

    public string[] Roles { get; set; } = [];

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The station a station user is bound to; null for users of no station (TAX.md §6.x).</summary>
    public string? StationId { get; set; }
}

/// <summary>
/// Opaque bearer tokens: 32 random bytes handed out once, stored hashed with an expiry as a
/// Marten document. Validated tokens are cached briefly so a busy console does not cost one
/// query per request.
/// </summary>
public sealed class TokenStore(IDocumentStore store, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (SignedInUser User, DateTimeOffset CachedUntil)> _cache = new(StringComparer.Ordinal);

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(8);

    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(string username, IReadOnlyList<string> roles, string? stationId, CancellationToken ct)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        session.Store(new AdminSession { Id = Hash(token), Username = username, Roles = [.. roles], IssuedAt = now, ExpiresAt = now + Lifetime, StationId = stationId });
        await session.SaveChangesAsync(ct);
        return (token, now + Lifetime);
    }

    public async Task<SignedInUser?> ValidateAsync(string token, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var key = Hash(token);
        if (_cache.TryGetValue(key, out var hit) && hit.CachedUntil > now && hit.User.ExpiresAt > now) return hit.User;

        await using var session = store.QuerySession();
        var stored = await session.LoadAsync<AdminSession>(key, ct);
        if (stored is null || stored.ExpiresAt <= now)
        {
            _cache.TryRemove(key, out _);
            return null;
        }
        var user = new SignedInUser(stored.Username, stored.Roles, stored.ExpiresAt, stored.StationId);
        _cache[key] = (user, now + CacheFor);
        return user;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
