using Cabinets.Domain.Access.AdminUsers;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Domain.Lockers.Parcels;
using Cabinets.Domain.Lockers.Partners;
using Cabinets.Domain.Operations;
using Cabinets.Domain.Stations.Orders;
using Cabinets.Domain.Stations.Reference;
using Cabinets.Domain.Stations.TaxRules;

namespace Cabinets.Api.Hosting;

/// <summary>
/// Every domain event's stored name, `{module}.{event}.v{version}` (ADR-0014): what `mt_events.type`
/// holds, never the CLR name, so classes can move and be renamed without touching history.
/// </summary>
internal static class StoredEventNames
{
    public static IEnumerable<(Type Type, string Name)> All { get; } =
        new[]
        {
            CabinetEventNames.All, ParcelEventNames.All, PartnerEventNames.All, AdminUserEventNames.All, Domain.Access.RoleDefinitions.RoleEventNames.All, OperatorActionEventNames.All,
            TaxRuleEventNames.All, StationOrderEventNames.All, StationReferenceEventNames.All, Domain.Vending.VendingEventNames.All,
            Domain.Fulfillment.FulfillmentEventNames.All,
        }
            .SelectMany(x => x).Select(e => (e.Type, $"{e.Name}.v{e.Version}")).ToList();

    /// <summary>The stored name of one event type, as `mt_events.type` holds it.</summary>
    public static string NameOf(Type type) => All.First(e => e.Type == type).Name;
}
