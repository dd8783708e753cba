using Cabinets.Domain.Lockers.Cabinets;

using Npgsql;

namespace Cabinets.Projections.Lockers.FreeDoors;

public enum DoorAttributeFilter
{
    Insulated,
    Vertical,
}

/// <summary>An empty or missing address field matches anything (IBS-PROTOCOL.md section 6).</summary>
public sealed record FreeDoorFilter(
    string? Province = null, string? City = null, string? Area = null, string? Street = null, string? Place = null,
    DoorSize? Size = null, DoorAttributeFilter? Attribute = null);

/// <summary>A door as the model knows it; <see cref="Fault"/> is null in service (<see cref="DoorFaultCodes"/>).</summary>
public sealed record DoorView(int Number, int CabinetIndex, DoorSize Size, bool Insulated, bool Vertical, bool Occupied, bool Usable, string? Fault = null, string SerialNumber = "");

public sealed record CabinetView(string SerialNumber, string? Type, Site? Site, bool Provisioned, bool Registered);

/// <summary>Reads of the free-door model, served to IBS `count_locker_num`, GraphQL and partners.</summary>
public static class FreeDoorQueries
{
    private const string Rm = FreeDoorTables.LiveSchema;

    public static async Task<int> CountAsync(NpgsqlDataSource dataSource, FreeDoorFilter f, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            select coalesce(sum(greatest(free - promised, 0)), 0)::int from {Rm}.free_door_counts
             where ($1 = '' or province = $1) and ($2 = '' or city = $2) and ($3 = '' or area = $3)
               and ($4 = '' or street = $4) and ($5 = '' or place = $5)
               and ($6 = '' or size = $6) and (not $7 or insulated) and (not $8 or vertical)
            """);
        foreach (var v in new[] { f.Province, f.City, f.Area, f.Street, f.Place })
            cmd.Parameters.Add(new NpgsqlParameter { Value = v ?? "" });
        cmd.Parameters.Add(new NpgsqlParameter { Value = f.Size is { } s ? DoorSizeCodes.Of(s) : "" });
        cmd.Parameters.Add(new NpgsqlParameter { Value = f.Attribute == DoorAttributeFilter.Insulated });
        cmd.Parameters.Add(new NpgsqlParameter { Value = f.Attribute == DoorAttributeFilter.Vertical });
        return (int)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The distinct sites of provisioned banks: partner `addresses` and IBS `get_ibs_address`.</summary>
    public static async Task<IReadOnlyList<Site>> SitesAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            select distinct province, city, area, street, place from {Rm}.cabinets
             where provisioned order by province, city, area, street, place
            """);
        var sites = new List<Site>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) sites.Add(new Site(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), "", null));
        return sites;
    }

    public static async Task<CabinetView?> CabinetAsync(NpgsqlDataSource dataSource, string serialNumber, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            select type, province, city, area, street, place, community_name, address_note, provisioned, registered
              from {Rm}.cabinets where serial_number = $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = serialNumber });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var site = r.GetBoolean(8)
            ? new Site(r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7))
            : null;
        return new CabinetView(serialNumber, r.IsDBNull(0) ? null : r.GetString(0), site, r.GetBoolean(8), r.GetBoolean(9));
    }

    /// <summary>Doors of many banks in one statement (the GraphQL DataLoader batches by serial).</summary>
    public static async Task<ILookup<string, DoorView>> DoorsAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<string> serials, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            select serial_number, door_number, cabinet_index, size, insulated, vertical, occupied, usable, fault
              from {Rm}.doors where serial_number = any($1) order by serial_number, door_number
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = serials.ToArray() });
        var rows = new List<(string Serial, DoorView Door)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add((r.GetString(0), new DoorView(r.GetInt32(1), r.GetInt32(2), DoorSizeCodes.Parse(r.GetString(3)), r.GetBoolean(4), r.GetBoolean(5), r.GetBoolean(6), r.GetBoolean(7),
                r.IsDBNull(8) ? null : r.GetString(8), r.GetString(0))));
        return rows.ToLookup(x => x.Serial, x => x.Door, StringComparer.Ordinal);
    }

}
