namespace Cabinets.Domain.Access.RoleDefinitions;

/// <summary>Events of a role stream (`role-{name}`): a role that is not built in, with its permission set (ADR-0026).</summary>
public interface IRoleEvent
{
    string Name { get; }
}

/// <summary>The role's whole permission set from now on (a redefinition replaces it; users holding the role get it at once).</summary>
public sealed record RoleDefined(string Name, IReadOnlyList<string> Permissions, DateTimeOffset At) : IRoleEvent;

public static class RoleEventNames
{
    public static IReadOnlyList<(Type Type, string Name, int Version)> All { get; } =
    [
        (typeof(RoleDefined), "access.role_defined", 1),
    ];

    public static string StreamId(string name) => $"{StreamType}-{name}";

    public const string StreamType = "role";
}
