namespace Cabinets.Domain.Access.AdminUsers;

public abstract record AdminUserCommand(string Username, DateTimeOffset Now);

/// <summary>
/// Creates an account; the password arrives already hashed. <paramref name="StationId"/> binds a station user to one station (TAX.md §6.x).
/// <see cref="DefinedRoles"/> are the roles defined beside the built-in ones, looked up by the Api.
/// </summary>
public sealed record CreateAdminUser(string Username, string PasswordHash, IReadOnlyList<string> Roles, DateTimeOffset Now, string? StationId = null)
    : AdminUserCommand(Username, Now)
{
    public IReadOnlySet<string> DefinedRoles { get; init; } = new HashSet<string>();
}

/// <summary>Records a successful sign-in (the Api verified the password against the state first).</summary>
public sealed record RecordSignIn(string Username, DateTimeOffset Now) : AdminUserCommand(Username, Now);

/// <summary>Records that the user ended one of their sessions (`POST /api/auth/logout`).</summary>
public sealed record RecordSignOut(string Username, DateTimeOffset Now) : AdminUserCommand(Username, Now);

/// <summary>Disables the account for good: no sign-in, and every token it holds stops working.</summary>
public sealed record DisableAdminUser(string Username, DateTimeOffset Now) : AdminUserCommand(Username, Now);

/// <summary>An admin sets a one-time password (hashed): the user's sessions end and the next one may only change it.</summary>
public sealed record ResetAdminPassword(string Username, string PasswordHash, DateTimeOffset Now) : AdminUserCommand(Username, Now);

/// <summary>
/// The user changes their own password. The Api verified the old password against
/// <paramref name="VerifiedHash"/>; if the stored hash moved on meanwhile the change is refused.
/// </summary>
public sealed record ChangeAdminPassword(string Username, string VerifiedHash, string NewPasswordHash, DateTimeOffset Now) : AdminUserCommand(Username, Now);

/// <summary>Replaces the user's roles.</summary>
public sealed record AssignAdminRoles(string Username, IReadOnlyList<string> Roles, DateTimeOffset Now) : AdminUserCommand(Username, Now)
{
    public IReadOnlySet<string> DefinedRoles { get; init; } = new HashSet<string>();
}

/// <summary>Ends every session the user holds now (their tokens are refused from the next request on).</summary>
public sealed record RevokeAdminSessions(string Username, DateTimeOffset Now) : AdminUserCommand(Username, Now);
