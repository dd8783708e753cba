using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Access.AdminUsers;

public sealed record AdminUserState(bool Exists, string? PasswordHash, IReadOnlyList<string> Roles, DateTimeOffset? LastSignIn, string? StationId = null)
{
    public static AdminUserState Initial { get; } = new(false, null, [], null);

    public static AdminUserState Evolve(AdminUserState state, IAdminUserEvent @event) => @event switch
    {
        AdminUserCreated e => state with { Exists = true, PasswordHash = e.PasswordHash, Roles = e.Roles, StationId = e.StationId },
        AdminPasswordChanged e => state with { PasswordHash = e.PasswordHash },
        AdminSignedIn e => state with { LastSignIn = e.At },
        _ => state,
    };
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
    }

    public static Decision<IAdminUserEvent> Decide(AdminUserCommand command, AdminUserState state) => command switch
    {
        CreateAdminUser c when state.Exists => Decision<IAdminUserEvent>.Reject(Errors.AlreadyExists, $"user '{c.Username}' already exists", "username"),
        CreateAdminUser c when c.Roles.Any(r => !Roles.All.Contains(r)) =>
            Decision<IAdminUserEvent>.Reject(Errors.UnknownRole, $"roles must be among {string.Join(", ", Roles.All)}", "roles"),
        CreateAdminUser c => Decision<IAdminUserEvent>.Accept(new AdminUserCreated(c.Username, c.PasswordHash, c.Roles, c.Now, c.StationId)),
        RecordSignIn c when !state.Exists => Decision<IAdminUserEvent>.Reject(Errors.Unknown, $"user '{c.Username}' does not exist", "username"),
        RecordSignIn c => Decision<IAdminUserEvent>.Accept(new AdminSignedIn(c.Username, c.Now)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unhandled admin user command"),
    };
}
