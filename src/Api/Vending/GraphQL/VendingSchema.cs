using Cabinets.GraphQL.Types;

namespace Cabinets.Api.Vending.GraphQL;

/// <summary>The vending part of the admin schema (VENDING.md §4.6); each part adds its types and fields.</summary>
internal static class VendingSchema
{
    public static void Add(SchemaBuilder schema)
    {
        CatalogSchema.Add(schema);
        UserSchema.Add(schema);
        OrderSchema.Add(schema);
        OrderMutations.Add(schema);
        ComplaintSchema.Add(schema);
        ManualTaskSchema.Add(schema);
        Statistics.VendingStatisticsSchema.Add(schema);
    }
}
