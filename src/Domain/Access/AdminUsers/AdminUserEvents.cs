namespace Cabinets.Domain.Access.AdminUsers;

/// <summary>Events of an admin account stream (`admin-user-{username}`). Only password hashes are ever stored.</summary>
public interface IAdminUserEvent
{
    string Username { get; }
}

public sealed record AdminUserCreated(string Username, string PasswordHash, IReadOnlyList<string> Roles, DateTimeOffset At, string? StationId = null) : IAdminUserEvent;

/// <summary>The user changed their own password (with the old one).</summary>
public sealed record AdminPasswordChanged(string Username, string PasswordHash, DateTimeOffset At) : IAdminUserEvent;

public sealed record AdminSignedIn(string Username, DateTimeOffset At) : IAdminUserEvent;

public sealed record AdminSignedOut(string Username, DateTimeOffset At) : IAdminUserEvent;

/// <summary>Final: sign-in is refused and every session ended.</summary>
public sealed record AdminUserDisabled(string Username, DateTimeOffset At) : IAdminUserEvent;

/// <summary>An admin set a one-time password: every session issued before ends; the user must change it.</summary>
public sealed record AdminPasswordReset(string Username, string PasswordHash, DateTimeOffset At) : IAdminUserEvent;

public sealed record AdminRolesAssigned(string Username, IReadOnlyList<string> Roles, DateTimeOffset At) : IAdminUserEvent;

/// <summary>Every session issued up to <see cref="At"/> is refused from now on.</summary>
public sealed record AdminSessionsRevoked(string Username, DateTimeOffset At) : IAdminUserEvent;

public static class AdminUserEventNames
{
    public static IReadOnlyList<(Type Type, string Name, int Version)> All { get; } =
    [
        (typeof(AdminUserCreated), "access.admin_user_created", 1),
        (typeof(AdminPasswordChanged), "access.admin_password_changed", 1),
        (typeof(AdminSignedIn), "access.admin_signed_in", 1),
        (typeof(AdminSignedOut), "access.admin_signed_out", 1),
        (typeof(AdminUserDisabled), "access.admin_user_disabled", 1),
        (typeof(AdminPasswordReset), "access.admin_password_reset", 1),
        (typeof(AdminRolesAssigned), "access.admin_roles_assigned", 1),
        (typeof(AdminSessionsRevoked), "access.admin_sessions_revoked", 1),
    ];

    public static string StreamId(string username) => $"admin-user-{username}";

    public const string StreamType = "admin-user";
}
