using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Access.AdminUsers;

/// <param name="SessionsValidAfter">Sessions issued at or before this instant are refused (revocation, reset, disabling; ADR-0026).</param>
public sealed record AdminUserState(bool Exists, string? PasswordHash, IReadOnlyList<string> Roles, DateTimeOffset? LastSignIn, string? StationId = null,
    bool Disabled = false, bool MustChangePassword = false, DateTimeOffset? SessionsValidAfter = null)
{
    public static AdminUserState Initial { get; } = new(false, null, [], null);

    public static AdminUserState Evolve(AdminUserState state, IAdminUserEvent @event) => @event switch
    {
        AdminUserCreated e => state with { Exists = true, PasswordHash = e.PasswordHash, Roles = e.Roles, StationId = e.StationId },
        AdminPasswordChanged e => state with { PasswordHash = e.PasswordHash, MustChangePassword = false },
        AdminSignedIn e => state with { LastSignIn = e.At },
        AdminUserDisabled e => state with { Disabled = true, SessionsValidAfter = e.At },
        AdminPasswordReset e => state with { PasswordHash = e.PasswordHash, MustChangePassword = true, SessionsValidAfter = e.At },
        AdminRolesAssigned e => state with { Roles = e.Roles },
        AdminSessionsRevoked e => state with { SessionsValidAfter = e.At },
        _ => state,
    };

    /// <summary>Whether a session issued at <paramref name="issuedAt"/> still stands.</summary>
    public bool Accepts(DateTimeOffset issuedAt) => Exists && !Disabled && (SessionsValidAfter is not { } after || issuedAt > after);
}

public static class AdminUserDecider
{
    public static Decider<AdminUserCommand, AdminUserState, IAdminUserEvent> Instance { get; } =
        new(AdminUserState.Initial, AdminUserState.Evolve, Decide);

    public static class Errors
    {
        public const string AlreadyExists = "admin_user.already_exists";
        public const string Unknown = "admin_user.unknown";
        public const string UnknownRole = "admin_user.unknown_role";
        public const string NoRoles = "admin_user.no_roles";
        public const string Disabled = "admin_user.disabled";
        public const string StalePassword = "admin_user.stale_password";
    }

    public static Decision<IAdminUserEvent> Decide(AdminUserCommand command, AdminUserState state) => command switch
    {
        CreateAdminUser c when state.Exists => Decision<IAdminUserEvent>.Reject(Errors.AlreadyExists, $"user '{c.Username}' already exists", "username"),
        CreateAdminUser c => CheckRoles(c.Roles, c.DefinedRoles)
            ?? Decision<IAdminUserEvent>.Accept(new AdminUserCreated(c.Username, c.PasswordHash, c.Roles, c.Now, c.StationId)),
        _ when !state.Exists => Decision<IAdminUserEvent>.Reject(Errors.Unknown, $"user '{command.Username}' does not exist", "username"),
        RevokeAdminSessions c => Decision<IAdminUserEvent>.Accept(new AdminSessionsRevoked(c.Username, c.Now)),
        RecordSignOut c => Decision<IAdminUserEvent>.Accept(new AdminSignedOut(c.Username, c.Now)),
        DisableAdminUser when state.Disabled => Decision<IAdminUserEvent>.Accept(),
        DisableAdminUser c => Decision<IAdminUserEvent>.Accept(new AdminUserDisabled(c.Username, c.Now)),
        _ when state.Disabled => Decision<IAdminUserEvent>.Reject(Errors.Disabled, $"user '{command.Username}' is disabled", "username"),
        RecordSignIn c => Decision<IAdminUserEvent>.Accept(new AdminSignedIn(c.Username, c.Now)),
        ResetAdminPassword c => Decision<IAdminUserEvent>.Accept(new AdminPasswordReset(c.Username, c.PasswordHash, c.Now)),
        ChangeAdminPassword c when c.VerifiedHash != state.PasswordHash =>
            Decision<IAdminUserEvent>.Reject(Errors.StalePassword, "the password changed meanwhile; sign in again", "oldPassword"),
        ChangeAdminPassword c => Decision<IAdminUserEvent>.Accept(new AdminPasswordChanged(c.Username, c.NewPasswordHash, c.Now)),
        AssignAdminRoles c when c.Roles.Order(StringComparer.Ordinal).SequenceEqual(state.Roles.Order(StringComparer.Ordinal), StringComparer.Ordinal)
            => Decision<IAdminUserEvent>.Accept(),
        AssignAdminRoles c => CheckRoles(c.Roles, c.DefinedRoles)
            ?? Decision<IAdminUserEvent>.Accept(new AdminRolesAssigned(c.Username, c.Roles.Distinct(StringComparer.Ordinal).ToList(), c.Now)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unhandled admin user command"),
    };

    private static Decision<IAdminUserEvent>? CheckRoles(IReadOnlyList<string> roles, IReadOnlySet<string> defined)
    {
        if (roles.Count == 0) return Decision<IAdminUserEvent>.Reject(Errors.NoRoles, "a user holds at least one role", "roles");
        return roles.FirstOrDefault(r => !Roles.IsBuiltIn(r) && !defined.Contains(r)) is { } unknown
            ? Decision<IAdminUserEvent>.Reject(Errors.UnknownRole,
                $"'{unknown}' is not a role; roles are {string.Join(", ", Roles.All.Concat(defined.Order(StringComparer.Ordinal)))}", "roles")
            : null;
    }
}
