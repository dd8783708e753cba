using Cabinets.Api.Hosting;
using Npgsql;

namespace Cabinets.Api.Access;

/// <summary>
/// <see cref="FailureLockout.MaxFailures"/> failed sign-ins for one username within the window lock
/// it for the duration after the last of them (5, 15 min, 15 min unless `Auth:Lockout:*` says otherwise; AccessModule). Counted
/// per username typed, whether or not such a user exists, so the answer never tells (ADR-0026).
/// Attempts during a lock are not counted; a successful sign-in clears the count.
/// </summary>
internal sealed class LoginLockout(NpgsqlDataSource db, TimeProvider clock) : FailureLockout(db, clock, "access.login_failures", "username")
{
    /// <summary>Usernames are lower case (the validator); what is typed is compared the same way.</summary>
    private static string Key(string username) => username.Trim().ToLowerInvariant();

    public Task<DateTimeOffset?> LockedUntilAsync(string username, CancellationToken ct) => KeyLockedUntilAsync(Key(username), ct);

    public Task RecordFailureAsync(string username, CancellationToken ct) => RecordKeyFailureAsync(Key(username), ct);

    public Task ClearAsync(string username, CancellationToken ct) => ClearKeyAsync(Key(username), ct);
}
