namespace Cabinets.Domain.Access.AdminUsers;

public abstract record AdminUserCommand(string Username, DateTimeOffset Now);

/// <summary>Creates an account; the password arrives already hashed. <paramref name="StationId"/> binds a station user to one station (TAX.md §6.x).</summary>
public sealed record CreateAdminUser(string Username, string PasswordHash, IReadOnlyList<string> Roles, DateTimeOffset Now, string? StationId = null)
    : AdminUserCommand(Username, Now);

/// <summary>Records a successful sign-in (the Api verified the password against the state first).</summary>
public sealed record RecordSignIn(string Username, DateTimeOffset Now) : AdminUserCommand(Username, Now);
