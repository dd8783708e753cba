namespace Cabinets.Domain.Access;

/// <summary>Permissions that GraphQL fields and admin commands require (PRODUCT.md items 14–15; ADR-0026).</summary>
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
    public const string VendingRead = "vending.read";
    public const string VendingStoresManage = "vending.stores.manage";
    public const string VendingTicketsAdjust = "vending.tickets.adjust";
    public const string VendingOrdersCorrect = "vending.orders.correct";
    public const string VendingOrdersReview = "vending.orders.review";
    public const string VendingManualHandle = "vending.manual.handle";
    public const string VendingComplaintsResolve = "vending.complaints.resolve";
    /// <summary>Mini-program users' phone numbers in clear (each read audited) and look-ups by phone.</summary>
    public const string VendingPiiRead = "vending.pii.read";
    public const string FulfillmentRead = "fulfillment.read";
    /// <summary>Shops, materials and branches.</summary>
    public const string FulfillmentCatalogManage = "fulfillment.catalog.manage";
    /// <summary>Purchase receipts and everything else that moves stock by hand.</summary>
    public const string FulfillmentStockManage = "fulfillment.stock.manage";
    /// <summary>Reviewing orders into deliveries.</summary>
    public const string FulfillmentOrdersReview = "fulfillment.orders.review";
    /// <summary>The warehouse's work on deliveries: express numbers, printing, verifying, consigning.</summary>
    public const string FulfillmentDeliveriesWork = "fulfillment.deliveries.work";

    /// <summary>
    /// What every enabled account holds whatever its roles: `me`, its own password, signing out.
    /// Never granted by a role; a session that must change its password holds only this (ADR-0026).
    /// </summary>
    public const string Self = "account.self";

    public static IReadOnlyList<string> Station { get; } = [StationRead, StationTaxWrite, StationOrdersWrite, StationDeliveryWrite, StationReferenceWrite];

    public static IReadOnlyList<string> Vending { get; } =
        [VendingRead, VendingStoresManage, VendingTicketsAdjust, VendingOrdersCorrect, VendingOrdersReview, VendingManualHandle, VendingComplaintsResolve, VendingPiiRead];

    public static IReadOnlyList<string> Fulfillment { get; } = [FulfillmentRead, FulfillmentCatalogManage, FulfillmentStockManage, FulfillmentOrdersReview, FulfillmentDeliveriesWork];

    /// <summary>Every permission a role may grant.</summary>
    public static IReadOnlyList<string> All { get; } =
        [LockersRead, LockersWrite, PartnersManage, UsersManage, AuditRead, PersonalDataRead, OperationsRead, OperationsManage, .. Station, .. Vending, .. Fulfillment];
}

/// <summary>
/// The built-in roles: defaults kept in code, never stored, never redefinable (ADR-0026). Further
/// roles are `Role` aggregates (`role-{name}`) defined by an admin.
/// </summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Auditor = "auditor";
    /// <summary>A wholesale station's operator: everything of the station module, on the user's own station only.</summary>
    public const string StationOperator = "station";

    public static IReadOnlyList<string> All { get; } = [Admin, Operator, Auditor, StationOperator];

    public static bool IsBuiltIn(string role) => All.Contains(role, StringComparer.Ordinal);

    public static IReadOnlyList<string> BuiltInPermissions(string role) => role switch
    {
        Admin => Permissions.All,
        Operator => [Permissions.LockersRead, Permissions.LockersWrite, Permissions.OperationsRead],
        Auditor => [Permissions.LockersRead, Permissions.AuditRead, Permissions.StationRead, Permissions.VendingRead, Permissions.FulfillmentRead],
        StationOperator => Permissions.Station,
        _ => [],
    };

    /// <summary>The permissions of built-in roles only.</summary>
    public static IReadOnlySet<string> PermissionsOf(IEnumerable<string> roles) => PermissionsOf(roles, _ => null);

    /// <summary>The union of the roles' permissions; <paramref name="defined"/> answers for roles that are not built in (null: no such role).</summary>
    public static IReadOnlySet<string> PermissionsOf(IEnumerable<string> roles, Func<string, IReadOnlyList<string>?> defined) =>
        roles.SelectMany(role => IsBuiltIn(role) ? BuiltInPermissions(role) : defined(role) ?? []).ToHashSet(StringComparer.Ordinal);
}
