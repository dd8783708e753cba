namespace Cabinets.Domain.Access;

/// <summary>Permissions that GraphQL fields and admin commands require (PRODUCT.md items 14–15).</summary>
public static class Permissions
{
    public const string LockersRead = "lockers.read";
    public const string LockersWrite = "lockers.write";
    public const string PartnersManage = "partners.manage";
    public const string UsersManage = "users.manage";
    public const string AuditRead = "audit.read";
    public const string OperationsRead = "operations.read";
    public const string OperationsManage = "operations.manage";
}

public static class Roles
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Auditor = "auditor";

    public static IReadOnlyList<string> All { get; } = [Admin, Operator, Auditor];

    public static IReadOnlySet<string> PermissionsOf(IEnumerable<string> roles) => roles.SelectMany(role => role switch
    {
        Admin => [Permissions.LockersRead, Permissions.LockersWrite, Permissions.PartnersManage, Permissions.UsersManage, Permissions.AuditRead,
            Permissions.OperationsRead, Permissions.OperationsManage],
        Operator => [Permissions.LockersRead, Permissions.LockersWrite, Permissions.OperationsRead],
        Auditor => new[] { Permissions.LockersRead, Permissions.AuditRead },
        _ => [],
    }).ToHashSet(StringComparer.Ordinal);
}
