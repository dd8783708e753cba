using Cabinets.Api.GraphQL;
using Cabinets.Domain.Access;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.GraphQL.Types;
using Cabinets.Projections.Lockers.FreeDoors;
using Npgsql;

namespace Cabinets.Api.Lockers.GraphQL;

/// <summary>The locker part of the admin schema, with the names of API-CONTRACT.md (GraphQL).</summary>
internal static class LockersSchema
{
    public enum DoorStatus
    {
        Free,
        Occupied,
        Faulted,
        AwaitingRepairConfirmation,
    }

    public static DoorStatus StatusOf(DoorView d) => d.Fault switch
    {
        DoorFaultCodes.AwaitingRepairConfirmation => DoorStatus.AwaitingRepairConfirmation,
        not null => DoorStatus.Faulted,
        _ when !d.Usable => DoorStatus.Faulted,
        _ => d.Occupied ? DoorStatus.Occupied : DoorStatus.Free,
    };

    public static void Add(SchemaBuilder schema) => LockersLists.Add(ParcelsSchema.Add(schema)
        .Enum<DoorSize>("DoorSize")
        .Enum<DoorAttributeFilter>("DoorAttribute")
        .Enum<DoorStatus>("DoorStatus")
        .Query(q => q
            .Field("freeDoorCount", "Int!", f => f
                .Description("Free, usable doors matching every given part of the site (empty = any), size and attribute.")
                .Argument("province", "String").Argument("city", "String").Argument("area", "String")
                .Argument("street", "String").Argument("place", "String")
                .Argument("size", "DoorSize").Argument("attribute", "DoorAttribute")
                .RequirePermissions(Permissions.LockersRead)
                .ResolveAsync(ctx => FreeDoorQueries.CountAsync(GraphQLRequestContext.Of(ctx.Untyped).Service<NpgsqlDataSource>(), new FreeDoorFilter(
                    ctx.ArgumentOrDefault<string>("province"), ctx.ArgumentOrDefault<string>("city"), ctx.ArgumentOrDefault<string>("area"),
                    ctx.ArgumentOrDefault<string>("street"), ctx.ArgumentOrDefault<string>("place"),
                    ctx.HasArgument("size") ? ctx.Arguments["size"] as DoorSize? : null,
                    ctx.HasArgument("attribute") ? ctx.Arguments["attribute"] as DoorAttributeFilter? : null), ctx.CancellationToken)))
            .Field("cabinet", "Cabinet", f => f
                .Argument("serialNumber", "String!")
                .RequirePermissions(Permissions.LockersRead)
                .ResolveAsync(ctx => FreeDoorQueries.CabinetAsync(GraphQLRequestContext.Of(ctx.Untyped).Service<NpgsqlDataSource>(),
                    ctx.Argument<string>("serialNumber"), ctx.CancellationToken))))
        .Object<CabinetView>("Cabinet", t => t
            .Description("A cabinet bank: one main cabinet with its serial and up to 8 sub cabinets.")
            .Field("serialNumber", "String!", c => c.SerialNumber)
            .Field("type", "String", c => c.Type)
            .Field("provisioned", "Boolean!", c => c.Provisioned)
            .Field("registered", "Boolean!", c => c.Registered)
            .Field("site", "Site", c => c.Site)
            .Field("doors", "[Door!]!", f => f
                .Cost(1, "doors")
                .ResolveAsync(ctx => ctx.DataLoader<string, DoorView[]>("doorsBySerial", async (serials, ct) =>
                {
                    var doors = await FreeDoorQueries.DoorsAsync(GraphQLRequestContext.Of(ctx.Untyped).Service<NpgsqlDataSource>(), serials, ct);
                    return serials.ToDictionary(s => s, s => doors[s].ToArray());
                }).LoadAsync(ctx.Source.SerialNumber))))
        .Object<Site>("Site", t => t
            .Field("province", "String!", s => s.Province)
            .Field("city", "String!", s => s.City)
            .Field("area", "String!", s => s.Area)
            .Field("street", "String!", s => s.Street)
            .Field("place", "String!", s => s.Place)
            .Field("communityName", "String!", s => s.CommunityName)
            .Field("addressNote", "String", s => s.AddressNote))
        .Object<DoorView>("Door", t => t
            .Field("number", "Int!", d => d.Number)
            .Field("cabinetIndex", "Int!", d => d.CabinetIndex)
            .Field("size", "DoorSize!", d => d.Size)
            .Field("insulated", "Boolean!", d => d.Insulated)
            .Field("vertical", "Boolean!", d => d.Vertical)
            .Field("occupied", "Boolean!", d => d.Occupied)
            .Field("usable", "Boolean!", d => d.Usable)
            .Field("status", "DoorStatus!", d => StatusOf(d))
            .Field("parcel", "Parcel", f => f
                .Description("The parcel behind this door (stored or overdue), if any.")
                .ResolveAsync(async ctx => (object?)await ParcelsSchema.ParcelBehindAsync(ctx))))
        .InputObject("SiteInput", i => i
            .Field("province", "String!").Field("city", "String!").Field("area", "String!").Field("street", "String!")
            .Field("place", "String!").Field("communityName", "String!").Field("addressNote", "String"))
        .InputObject("ProvisionCabinetInput", i => i.Field("serialNumber", "String!").Field("site", "SiteInput!"))
        .Mutation(m => m
            .Field("provisionCabinet", "Cabinet!", f => f
                .Description("Allows a serial to register over IBS and sets (or moves) its site.")
                .Argument("input", "ProvisionCabinetInput!")
                .RequirePermissions(Permissions.LockersWrite)
                .ResolveAsync(ctx => LockersMutations.ProvisionCabinetAsync(ctx.Untyped)))));
}
