using Cabinets.Api.GraphQL.Connections;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Projections.Lockers.FreeDoors;
using Npgsql;

namespace Cabinets.Api.Lockers.GraphQL;

/// <summary>A door in a list across cabinets: the door and the bank it belongs to.</summary>
internal sealed record CabinetDoor(string SerialNumber, DoorView Door);

/// <summary><c>doors(...)</c>: <c>rm.doors</c> as a connection (ADR-0010), e.g. every faulted door, or the large free ones.</summary>
internal static class DoorList
{
    public static ConnectionTable<CabinetDoor> Table { get; } = new(
        "Door", "Doors", $"{FreeDoorTables.LiveSchema}.doors",
        [
            new("serialNumber", "serial_number", ColumnType.String),
            new("number", "door_number", ColumnType.Int),
            new("cabinetIndex", "cabinet_index", ColumnType.Int),
            new("size", "size", ColumnType.Enum) { Enum = new EnumColumn("DoorSize", v => DoorSizeCodes.Of((DoorSize)v), NpgsqlTypes.NpgsqlDbType.Char) },
            new("insulated", "insulated", ColumnType.Boolean),
            new("vertical", "vertical", ColumnType.Boolean),
            new("occupied", "occupied", ColumnType.Boolean),
            new("usable", "usable", ColumnType.Boolean),
        ],
        key: ["serialNumber", "number"],
        Read)
    {
        NodeType = "CabinetDoor",
        Select = ["serial_number", "door_number", "cabinet_index", "size", "insulated", "vertical", "occupied", "usable", "fault"],
    };

    private static CabinetDoor Read(NpgsqlDataReader r) => new(r.GetString(0), new DoorView(
        r.GetInt32(1), r.GetInt32(2), DoorSizeCodes.Parse(r.GetString(3)), r.GetBoolean(4), r.GetBoolean(5), r.GetBoolean(6), r.GetBoolean(7),
        r.IsDBNull(8) ? null : r.GetString(8), r.GetString(0)));
}
