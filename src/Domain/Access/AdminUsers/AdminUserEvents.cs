namespace Cabinets.Domain.Access.AdminUsers;

/// <summary>Events of an admin account stream (`admin-user-{username}`). Only password hashes are ever stored.</summary>
public interface IAdminUserEvent
{
    string Username { get; }
}

public sealed record AdminUserCreated(string Username, string PasswordHash, IReadOnlyList<string> Roles, DateTimeOffset At, string? StationId = null) : IAdminUserEvent;

public sealed record AdminPasswordChanged(string Username, string PasswordHash, DateTimeOffset At) : IAdminUserEvent;

public sealed record AdminSignedIn(string Username, DateTimeOffset At) : IAdminUserEvent;

public static class AdminUserEventNames
{
    public static IReadOnlyList<(Type Type, string Name, int Version)> All { get; } =
    [
        (typeof(AdminUserCreated), "access.admin_user_created", 1),
        (typeof(AdminPasswordChanged), "access.admin_password_changed", 1),
        (typeof(AdminSignedIn), "access.admin_signed_in", 1),
    ];

    public static string StreamId(string username) => $"admin-user-{username}";

    public const string StreamType = "admin-user";
}
