using Cabinets.GraphQL.Types;

namespace Cabinets.Api.Stations.GraphQL;

/// <summary>
/// The station part of the admin schema, TAX.md §4.3: tax rules, reference data, orders and
/// delivery sheets of the caller's station only. Every field needs the permission of §4.1/§4.3;
/// every mutation sends the command the station REST sends, so validation, rules and events are
/// the same. (`stationOrderLines`, the orders-by-SKU rows, comes with its own read model.)
/// </summary>
internal static class StationSchema
{
    public static void Add(SchemaBuilder schema) =>
        StationOrderLineSchema.Add(DeliverySheetSchema.Add(StationOrderSchema.Add(StationReferenceSchema.Add(TaxRuleSchema.Add(StationEnums.Add(schema))))));
}
