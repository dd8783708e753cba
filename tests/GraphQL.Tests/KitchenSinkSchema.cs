using Cabinets.GraphQL.Types;

namespace Cabinets.GraphQL.Tests;

/// <summary>A schema that uses every feature the SDL printer and introspection must render.</summary>
public static class KitchenSinkSchema
{
    public static Schema Build() => new SchemaBuilder()
        .Query(q => q
            .Description("The root of all reads.\nSecond line with \"quotes\".")
            .Field("cabinet", "Cabinet", f => f
                .Description("Finds a cabinet.")
                .Argument("serialNumber", "ID!", a => a.Description("The cabinet's serial number."))
                .Argument("region", "Region", a => a.DefaultValue("NORTH").Deprecated("Regions are inferred."))
                .Resolve(_ => null))
            .Field("cabinets", "[Cabinet!]!", f => f
                .Argument("first", "Int", a => a.DefaultValue(10))
                .Argument("filter", "CabinetFilter", a => a.DefaultLiteral("{city: \"Shanghai\", states: [OPEN, CLOSED]}"))
                .Argument("ratio", "Float", a => a.DefaultValue(0.5))
                .Argument("since", "DateTime")
                .Cost(1, "first")
                .Resolve(_ => Array.Empty<object>()))
            .Field("lookup", "Node", f => f.Argument("by", "NodeLookup!").Resolve(_ => null))
            .Field("legacy", "String", f => f.Deprecated())
            .Field("old", "String", f => f.Deprecated("Use `cabinet`.")))
        .Mutation(m => m
            .Field("rename", "Cabinet", f => f
                .Argument("serialNumber", "ID!")
                .Argument("name", "String", a => a.DefaultValue("say \"hi\"\n"))
                .Resolve(_ => null)))
        .Interface("Node", i => i.Description("An object with an ID.").Field("id", "ID!"))
        .Interface("Device", i => i.Implements("Node").Field("id", "ID!").Field("installedAt", "DateTime"))
        .Object("Cabinet", t => t
            .Implements("Node", "Device")
            .Field("id", "ID!")
            .Field("installedAt", "DateTime")
            .Field("revenue", "Long!", f => f.Description("Revenue in fen.").RequirePermissions("finance:read"))
            .Field("price", "Decimal")
            .Field("tags", "[String]")
            .Field("region", "Region!"))
        .Object("Site", t => t.Field("name", "String!"))
        .Union("Installation", u => u.Description("Where things are.").Types("Cabinet", "Site"))
        .Enum("Region", e => e
            .Description("Sales regions.")
            .Value("NORTH", description: "North of the river.")
            .Value("SOUTH")
            .Value("WEST", deprecationReason: "Merged into SOUTH."))
        .Enum("DoorState", e => e.Value("OPEN").Value("CLOSED"))
        .InputObject("CabinetFilter", i => i
            .Field("city", "String")
            .Field("states", "[DoorState!]")
            .Field("minRevenue", "Long", f => f.DefaultValue(0L).Deprecated()))
        .InputObject("NodeLookup", i => i
            .Description("Exactly one way to find a node.")
            .OneOf()
            .Field("id", "ID")
            .Field("serialNumber", "String", f => f.Description("Printed on the door.")))
        .Directive("audit", d => d
            .Description("Records access.")
            .Repeatable()
            .Argument("category", "String!", a => a.Description("Audit category."))
            .Argument("level", "Int", a => a.DefaultValue(1))
            .Locations(DirectiveLocation.FieldDefinition, DirectiveLocation.Object))
        .Directive("internal", d => d.Locations(DirectiveLocation.Field))
        .Build();
}
