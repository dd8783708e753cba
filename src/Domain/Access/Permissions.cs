namespace Cabinets.Domain.Access;

/// <summary>Permissions that GraphQL fields and admin commands require (PRODUCT.md items 14–15).</summary>
public static class Permissions
{
    public const string LockersRead = "lockers.read";
    public const string LockersWrite = "lockers.write";
    public const string PartnersManage = "partners.manage";
    public const string UsersManage = "users.manage";
    public const string AuditRead = "audit.read";
    /// <summary>Clear personal data in audit views (event data, aggregate states); without it they are masked.</summary>
    public const string PersonalDataRead = "personaldata.read";
    public const string OperationsRead = "operations.read";
    public const string OperationsManage = "operations.manage";
    public const string StationRead = "station.read";
    public const string StationTaxWrite = "station.tax.write";
    public const string StationOrdersWrite = "station.orders.write";
    public const string StationDeliveryWrite = "station.delivery.write";
    public const string StationReferenceWrite = "station.reference.write";

    public static IReadOnlyList<string> Station { get; } = [StationRead, StationTaxWrite, StationOrdersWrite, StationDeliveryWrite, StationReferenceWrite];
}

public static class Roles
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Auditor = "auditor";
    /// <summary>A wholesale station's operator: everything of the station module, on the user's own station only.</summary>
    public const string StationOperator = "station";

    public static IReadOnlyList<string> All { get; } = [Admin, Operator, Auditor, StationOperator];

    public static IReadOnlySet<string> PermissionsOf(IEnumerable<string> roles) => roles.SelectMany(role => role switch
    {
        Admin => [Permissions.LockersRead, Permissions.LockersWrite, Permissions.PartnersManage, Permissions.UsersManage, Permissions.AuditRead,
            Permissions.PersonalDataRead,
            Permissions.OperationsRead, Permissions.OperationsManage, .. Permissions.Station],
        Operator => [Permissions.LockersRead, Permissions.LockersWrite, Permissions.OperationsRead],
        Auditor => new[] { Permissions.LockersRead, Permissions.AuditRead, Permissions.StationRead },
        StationOperator => Permissions.Station,
        _ => [],
    }).ToHashSet(StringComparer.Ordinal);
}
