using Cabinets.Api.GraphQL.Connections;
using Cabinets.Api.Lockers.GraphQL;
using Npgsql;

namespace Cabinets.Api.Tests.GraphQL.Connections;

/// <summary>
/// The statements the lists send are answered by the indexes of <c>free_doors.sql</c>: a range scan
/// in the page's order, with no sort. Sequential scans are switched off, so a plan without an index
/// here means the SQL shape or an index is wrong, not that the table is small. (A statement that
/// also answers hasPreviousPage or totalCount sorts its at most 101 page rows once more on top.)
/// </summary>
public sealed class ListIndexTests(ConnectionsApi api) : IClassFixture<ConnectionsApi>
{
    private static Dictionary<string, object?> Ops(string op, object? value) => new() { [op] = value };

    private async Task<string> PlanAsync(ConnectionTable table, IReadOnlyList<SortKey> order, PageArgs page, Dictionary<string, object?>? where)
    {
        var statement = PageStatement.Build(table, page, order, where, withTotal: false);
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("set enable_seqscan = off", connection)) await off.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand("explain " + statement.Sql, connection);
        explain.Parameters.AddRange(statement.Parameters.ToArray());
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return string.Join('\n', lines);
    }

    /// <summary>The plan node right under the page's Limit: how the page's rows are found.</summary>
    private static string PageScan(string plan)
    {
        var lines = plan.Split('\n');
        var limit = Array.FindIndex(lines, l => l.Contains("Limit  (", StringComparison.Ordinal));
        return limit < 0 ? "" : string.Join('\n', lines.Skip(limit + 1).TakeWhile(l => !l.Contains("Limit", StringComparison.Ordinal)));
    }

    private static IReadOnlyList<SortKey> Order(ConnectionTable table, params (string Field, SortEnumType Direction)[] keys) =>
        Ordering.From(table, keys.Select(k => (object?)new Dictionary<string, object?> { [k.Field] = k.Direction }).ToArray());

    [Fact]
    public async Task starts_with_on_the_serial_number_is_a_range_of_the_primary_key()
    {
        var plan = await PlanAsync(CabinetList.Table, Order(CabinetList.Table), new PageArgs(20, false, ["T1"], null),
            new() { ["serialNumber"] = Ops("startsWith", "T") });

        PageScan(plan).TrimStart().ShouldStartWith("->  Index Scan using cabinets_pkey");
        PageScan(plan).ShouldContain("(serial_number >= 'T'::text) AND (serial_number < 'U'::text)");
        PageScan(plan).ShouldNotContain("Sort");
    }

    [Fact]
    public async Task recently_updated_first_after_a_cursor_scans_the_updated_at_index_backwards()
    {
        var plan = await PlanAsync(CabinetList.Table, Order(CabinetList.Table, ("updatedAt", SortEnumType.Desc)),
            new PageArgs(20, false, [ConnectionsApi.T0, "T1"], null), null);

        PageScan(plan).TrimStart().ShouldStartWith("->  Index Scan Backward using cabinets_updated_at");
        PageScan(plan).ShouldNotContain("Sort");
    }

    [Fact]
    public async Task a_city_in_city_order_reads_the_city_index_and_a_province_the_site_index()
    {
        var byCity = await PlanAsync(CabinetList.Table, Order(CabinetList.Table, ("city", SortEnumType.Asc)),
            new PageArgs(20, true, null, null), new() { ["city"] = Ops("eq", "深圳市") });
        var byProvince = await PlanAsync(CabinetList.Table,
            Order(CabinetList.Table, ("province", SortEnumType.Asc), ("city", SortEnumType.Asc), ("area", SortEnumType.Asc), ("street", SortEnumType.Asc), ("place", SortEnumType.Asc)),
            new PageArgs(20, false, null, null), new() { ["province"] = Ops("eq", "广东省") });

        PageScan(byCity).TrimStart().ShouldStartWith("->  Index Scan Backward using cabinets_city");
        PageScan(byCity).ShouldNotContain("Sort");
        PageScan(byProvince).TrimStart().ShouldStartWith("->  Index Scan using cabinets_site");
        PageScan(byProvince).ShouldNotContain("Sort");
    }

    [Fact]
    public async Task faulted_doors_come_from_the_partial_index()
    {
        var plan = await PlanAsync(DoorList.Table, Order(DoorList.Table), new PageArgs(20, false, null, null),
            new() { ["usable"] = Ops("eq", false) });

        PageScan(plan).ShouldContain("doors_unusable");
        PageScan(plan).ShouldNotContain("Sort");
    }
}
