using System.Security.Cryptography;
using Cabinets.Domain.Access;
using Cabinets.Domain.Access.AdminUsers;
using Cabinets.Domain.Access.RoleDefinitions;
using Cabinets.Projections.Access.AdminUsers;
using Cabinets.Projections.Access.RoleDefinitions;
using Marten;

namespace Cabinets.Api.Access;

/// <summary>A token's holder as of this request: the account's current roles and permissions, not those at sign-in.</summary>
public sealed record SignedInUser(string Username, IReadOnlyList<string> Roles, DateTimeOffset ExpiresAt, string? StationId = null)
{
    public IReadOnlySet<string> Permissions { get; init; } = new HashSet<string>();

    /// <summary>Signed in with a one-time password: only <see cref="Domain.Access.Permissions.Self"/> until it is changed.</summary>
    public bool MustChangePassword { get; init; }
}

/// <summary>A bearer token as stored: only its SHA-256 hash (hex) is kept, never the token.</summary>
public sealed class AdminSession
{
    public string Id { get; set; } = "";

    public string Username { get; set; } = "";

    /// <summary>The roles at sign-in, for the record; a request is judged by the account's roles now.</summary>
    public string[] Roles { get; set; } = [];

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The station a station user is bound to; null for users of no station (TAX.md §6.x).</summary>
    public string? StationId { get; set; }
}

/// <summary>
/// Opaque bearer tokens: 32 random bytes handed out once, stored hashed with an expiry as a Marten
/// document. Every request checks the session and the account as they are now (two primary-key
/// round trips, no cache), so a disabled user, a revoked session or a changed role takes effect on
/// every node at once (ADR-0026).
/// </summary>
public sealed class TokenStore(IDocumentStore store, TimeProvider clock)
{
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(8);

    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(string username, IReadOnlyList<string> roles, string? stationId, CancellationToken ct)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        session.Store(new AdminSession { Id = Hash(token), Username = username, Roles = [.. roles], IssuedAt = now, ExpiresAt = now + Lifetime, StationId = stationId });
        session.DeleteWhere<AdminSession>(s => s.Username == username && s.ExpiresAt <= now); // the user's dead sessions go as a new one comes
        await session.SaveChangesAsync(ct);
        return (token, now + Lifetime);
    }

    public async Task<SignedInUser?> ValidateAsync(string token, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var session = store.QuerySession();
        var stored = await session.LoadAsync<AdminSession>(Hash(token), ct);
        if (stored is null || stored.ExpiresAt <= now) return null;
        var user = await LoadUserAsync(session, stored.Username, ct);
        if (user is null || !user.Accepts(stored.IssuedAt)) return null;
        return await SignedInAsync(session, user, stored.Username, stored.ExpiresAt, ct);
    }

    /// <summary>Ends the session of this token (sign-out); the username it belonged to, null when it was no session.</summary>
    public async Task<string?> RevokeAsync(string token, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var stored = await session.LoadAsync<AdminSession>(Hash(token), ct);
        if (stored is null) return null;
        session.Delete(stored);
        await session.SaveChangesAsync(ct);
        return stored.Username;
    }

    internal static async Task<AdminUserState?> LoadUserAsync(IQuerySession session, string username, CancellationToken ct) =>
        (await session.LoadAsync<AdminUserSnapshot>(AdminUserEventNames.StreamId(username), ct))?.State;

    /// <summary>The account's permissions now: built-in roles from code, defined ones from their snapshots; always <see cref="Permissions.Self"/>.</summary>
    internal static async Task<SignedInUser> SignedInAsync(IQuerySession session, AdminUserState user, string username, DateTimeOffset expiresAt, CancellationToken ct)
    {
        var defined = user.Roles.Where(r => !Roles.IsBuiltIn(r)).Select(RoleEventNames.StreamId).ToArray();
        var snapshots = defined.Length == 0 ? [] : await session.LoadManyAsync<RoleSnapshot>(ct, defined);
        var byName = snapshots.Where(s => s.State.Exists).ToDictionary(s => s.State.Name!, s => s.State.Permissions, StringComparer.Ordinal);
        var permissions = user.MustChangePassword
            ? new HashSet<string>(StringComparer.Ordinal)
            : Roles.PermissionsOf(user.Roles, r => byName.GetValueOrDefault(r)).ToHashSet(StringComparer.Ordinal);
        permissions.Add(Permissions.Self);
        return new SignedInUser(username, user.Roles, expiresAt, user.StationId) { Permissions = permissions, MustChangePassword = user.MustChangePassword };
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
