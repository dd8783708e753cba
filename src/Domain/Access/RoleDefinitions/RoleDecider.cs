using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Access.RoleDefinitions;

/// <summary>Defines (or redefines) a role with the permissions it grants.</summary>
public sealed record DefineRole(string Name, IReadOnlyList<string> Permissions, DateTimeOffset Now);

public sealed record RoleState(bool Exists, string? Name, IReadOnlyList<string> Permissions, DateTimeOffset? DefinedAt)
{
    public static RoleState Initial { get; } = new(false, null, [], null);

    public static RoleState Evolve(RoleState state, IRoleEvent @event) => @event switch
    {
        RoleDefined e => new RoleState(true, e.Name, e.Permissions, e.At),
        _ => state,
    };
}

public static class RoleDecider
{
    public static Decider<DefineRole, RoleState, IRoleEvent> Instance { get; } = new(RoleState.Initial, RoleState.Evolve, Decide);

    public static class Errors
    {
        public const string BuiltIn = "role.built_in";
        public const string UnknownPermission = "role.unknown_permission";
        public const string NoPermissions = "role.no_permissions";
    }

    public static Decision<IRoleEvent> Decide(DefineRole command, RoleState state)
    {
        if (Roles.IsBuiltIn(command.Name))
            return Decision<IRoleEvent>.Reject(Errors.BuiltIn, $"'{command.Name}' is a built-in role and cannot be redefined", "name");
        var permissions = command.Permissions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (permissions.Count == 0)
            return Decision<IRoleEvent>.Reject(Errors.NoPermissions, "a role grants at least one permission", "permissions");
        if (permissions.FirstOrDefault(p => !Access.Permissions.All.Contains(p, StringComparer.Ordinal)) is { } unknown)
            return Decision<IRoleEvent>.Reject(Errors.UnknownPermission,
                $"'{unknown}' is not a permission; permissions are {string.Join(", ", Access.Permissions.All)}", "permissions");
        if (state.Exists && state.Permissions.SequenceEqual(permissions, StringComparer.Ordinal)) return Decision<IRoleEvent>.Accept();
        return Decision<IRoleEvent>.Accept(new RoleDefined(command.Name, permissions, command.Now));
    }
}
