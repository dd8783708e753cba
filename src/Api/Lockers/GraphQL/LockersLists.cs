using Cabinets.Api.GraphQL.Connections;
using Cabinets.Domain.Access;
using Cabinets.GraphQL.Types;

namespace Cabinets.Api.Lockers.GraphQL;

/// <summary>The locker lists of the admin console: Relay connections with HotChocolate-style where/order (ADR-0010).</summary>
internal static class LockersLists
{
    public static SchemaBuilder Add(SchemaBuilder schema) => schema
        .AddConnection(CabinetList.Table)
        .AddConnection(DoorList.Table)
        .Query(q => q
            .Field("cabinets", CabinetList.Table.ConnectionType() + "!", f => f
                .Description("Cabinet banks, filtered and sorted in the database; pages by opaque keyset cursors.")
                .RequirePermissions(Permissions.LockersRead)
                .UseConnection(CabinetList.Table))
            .Field("doors", DoorList.Table.ConnectionType() + "!", f => f
                .Description("Doors of every bank, e.g. `where: {usable: {eq: false}}` for the faulted ones.")
                .RequirePermissions(Permissions.LockersRead)
                .UseConnection(DoorList.Table)))
        .Object<CabinetDoor>("CabinetDoor", t => t
            .Description("A door in a list across banks, with the serial number of its bank.")
            .Field("serialNumber", "String!", d => d.SerialNumber)
            .Field("number", "Int!", d => d.Door.Number)
            .Field("cabinetIndex", "Int!", d => d.Door.CabinetIndex)
            .Field("size", "DoorSize!", d => d.Door.Size)
            .Field("insulated", "Boolean!", d => d.Door.Insulated)
            .Field("vertical", "Boolean!", d => d.Door.Vertical)
            .Field("occupied", "Boolean!", d => d.Door.Occupied)
            .Field("usable", "Boolean!", d => d.Door.Usable)
            .Field("status", "DoorStatus!", d => LockersSchema.StatusOf(d.Door)));
}
