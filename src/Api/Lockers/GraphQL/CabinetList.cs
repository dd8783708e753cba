using Cabinets.Api.GraphQL.Connections;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Projections.Lockers.FreeDoors;
using Npgsql;

namespace Cabinets.Api.Lockers.GraphQL;

/// <summary>
/// <c>cabinets(...)</c>: the free-door model's <c>rm.cabinets</c> as a connection (ADR-0010). The
/// indexes behind its usual filters and orders are in <c>free_doors.sql</c>.
/// </summary>
internal static class CabinetList
{
    public static ConnectionTable<CabinetView> Table { get; } = new(
        "Cabinet", "Cabinets", $"{FreeDoorTables.LiveSchema}.cabinets",
        [
            new("serialNumber", "serial_number", ColumnType.String),
            new("type", "type", ColumnType.String) { Nullable = true },
            new("province", "province", ColumnType.String),
            new("city", "city", ColumnType.String),
            new("area", "area", ColumnType.String),
            new("street", "street", ColumnType.String),
            new("place", "place", ColumnType.String),
            new("communityName", "community_name", ColumnType.String),
            new("provisioned", "provisioned", ColumnType.Boolean),
            new("registered", "registered", ColumnType.Boolean),
            new("updatedAt", "updated_at", ColumnType.DateTime),
        ],
        key: ["serialNumber"],
        Read)
    {
        NodeType = "Cabinet",
        Select = ["serial_number", "type", "province", "city", "area", "street", "place", "community_name", "address_note", "provisioned", "registered"],
    };

    // Same shape as FreeDoorQueries.CabinetAsync: a bank registered over IBS before it was provisioned has no site yet.
    private static CabinetView Read(NpgsqlDataReader r)
    {
        var provisioned = r.GetBoolean(9);
        var site = provisioned
            ? new Site(r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8))
            : null;
        return new CabinetView(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), site, provisioned, r.GetBoolean(10));
    }
}
