namespace Cabinets.Domain.Access.AdminUsers;

public abstract record AdminUserCommand(string Username, DateTimeOffset Now);

/// <summary>Creates an account; the password arrives already hashed (hashing needs a random salt, which the domain does not draw).</summary>
public sealed record CreateAdminUser(string Username, string PasswordHash, IReadOnlyList<string> Roles, DateTimeOffset Now)
    : AdminUserCommand(Username, Now);

/// <summary>Records a successful sign-in (the Api verified the password against the state first).</summary>
public sealed record RecordSignIn(string Username, DateTimeOffset Now) : AdminUserCommand(Username, Now);
