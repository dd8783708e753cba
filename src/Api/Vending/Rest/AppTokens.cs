using System.Security.Cryptography;
using System.Text;
using Marten;

namespace Cabinets.Api.Vending.Rest;

/// <summary>A mini-program user's sign-in: only the token's SHA-256 is stored (the token itself is never kept).</summary>
public sealed class AppSession
{
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>User tokens of the mini-program (VENDING.md §2.2: 30 days).</summary>
public sealed class AppTokens(IDocumentStore store, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(string userId, CancellationToken ct)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = clock.GetUtcNow() + Lifetime;
        await using var session = store.LightweightSession();
        session.Store(new AppSession { Id = Hash(token), UserId = userId, ExpiresAt = expires });
        await session.SaveChangesAsync(ct);
        return (token, expires);
    }

    /// <summary>The user of a bearer token still valid, else null.</summary>
    public async Task<string?> UserOfAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal)) return null;
        await using var session = store.QuerySession();
        var stored = await session.LoadAsync<AppSession>(Hash(header["Bearer ".Length..].Trim()), http.RequestAborted);
        return stored is not null && stored.ExpiresAt > clock.GetUtcNow() ? stored.UserId : null;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
