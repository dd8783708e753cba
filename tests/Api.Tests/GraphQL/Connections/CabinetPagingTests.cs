using System.Text.Json;

namespace Cabinets.Api.Tests.GraphQL.Connections;

/// <summary>Keyset paging of <c>cabinets</c> over HTTP and PostgreSQL: orders, both directions, cursor stability.</summary>
public sealed class CabinetPagingTests(ConnectionsApi api) : IClassFixture<ConnectionsApi>
{
    private const string Page = """
        query($p: String, $first: Int, $after: String, $last: Int, $before: String, $order: [CabinetSortInput!]) {
          cabinets(first: $first, after: $after, last: $last, before: $before, order: $order, where: {serialNumber: {startsWith: $p}}) {
            edges { cursor node { serialNumber } }
            nodes { serialNumber }
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          }
        }
        """;

    private static readonly string?[] Types = [null, "快递柜", "餐饮柜", "快递柜"];
    private static readonly string[] Cities = ["深圳市", "广州市", "杭州市"];

    private static int Compare(string? a, string? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => 1, // NULL sorts as the largest value, as PostgreSQL's defaults place it
        (_, null) => -1,
        _ => string.CompareOrdinal(a, b),
    };

    [Fact]
    public async Task paging_forward_and_backward_through_a_mixed_order_gives_each_row_once_in_order()
    {
        var p = ConnectionsApi.NewPrefix();
        var rows = Enumerable.Range(0, 23).Select(i => new ConnectionsApi.Cabinet(
            $"{p}{i:00}", Types[i % 4], "省", Cities[i % 3], "地点", true, true, ConnectionsApi.T0.AddHours(i % 5))).ToArray();
        await api.InsertAsync(rows);
        var order = new object[] { new { city = "ASC" }, new { type = "DESC" }, new { updatedAt = "ASC" } };
        var expected = rows.Order(Comparer<ConnectionsApi.Cabinet>.Create((a, b) =>
                string.CompareOrdinal(a.City, b.City) is var c and not 0 ? c
                : -Compare(a.Type, b.Type) is var t and not 0 ? t
                : a.UpdatedAt.CompareTo(b.UpdatedAt) is var u and not 0 ? u
                : string.CompareOrdinal(a.Serial, b.Serial)))
            .Select(r => r.Serial[p.Length..]).ToArray();
        var admin = await api.AdminOnceAsync();

        var all = (await admin.PostGraphQLAsync(Page, new { p, first = 100, order })).List();
        all.Serials(p).ShouldBe(expected);

        var forward = new List<string>();
        string? after = null;
        for (var page = 0; ; page++)
        {
            var list = (await admin.PostGraphQLAsync(Page, new { p, first = 4, after, order })).List();
            list.Serials(p).Length.ShouldBe(list.Flag("hasNextPage") ? 4 : 23 % 4);
            list.Flag("hasPreviousPage").ShouldBe(page > 0);
            list.Cursor("endCursor").ShouldBe(list.GetProperty("edges").EnumerateArray().Last().GetProperty("cursor").GetString());
            forward.AddRange(list.Serials(p));
            if (!list.Flag("hasNextPage")) break;
            after = list.Cursor("endCursor");
        }
        forward.ShouldBe(expected);

        var backward = new List<string>();
        string? before = null;
        for (var page = 0; ; page++)
        {
            var list = (await admin.PostGraphQLAsync(Page, new { p, last = 4, before, order })).List();
            list.Flag("hasNextPage").ShouldBe(page > 0);
            backward.InsertRange(0, list.Serials(p));
            if (!list.Flag("hasPreviousPage")) break;
            before = list.Cursor("startCursor");
        }
        backward.ShouldBe(expected);
    }

    [Fact]
    public async Task a_cursor_stays_put_when_rows_are_inserted_before_it_or_its_own_row_is_deleted()
    {
        var p = ConnectionsApi.NewPrefix();
        await api.InsertAsync(Enumerable.Range(10, 10).Select(i => Row(p, $"{i}")).ToArray());
        var admin = await api.AdminOnceAsync();
        var first = (await admin.PostGraphQLAsync(Page, new { p, first = 3 })).List();
        first.Serials(p).ShouldBe(["10", "11", "12"]);

        await api.InsertAsync(Row(p, "05"), Row(p, "115"), Row(p, "125"));
        await api.ExecuteAsync($"delete from rm.cabinets where serial_number = '{p}12'");
        var next = (await admin.PostGraphQLAsync(Page, new { p, first = 3, after = first.Cursor("endCursor") })).List();
        var previous = (await admin.PostGraphQLAsync(Page, new { p, last = 3, before = first.Cursor("startCursor") })).List();

        next.Serials(p).ShouldBe(["125", "13", "14"]);
        next.Flag("hasPreviousPage").ShouldBeTrue();
        previous.Serials(p).ShouldBe(["05"]);
        previous.Flag("hasPreviousPage").ShouldBeFalse();
        previous.Flag("hasNextPage").ShouldBeTrue();
    }

    [Fact]
    public async Task after_and_before_together_give_the_rows_between_them()
    {
        var p = ConnectionsApi.NewPrefix();
        await api.InsertAsync(Enumerable.Range(10, 8).Select(i => Row(p, $"{i}")).ToArray());
        var admin = await api.AdminOnceAsync();
        var edges = (await admin.PostGraphQLAsync(Page, new { p })).List().GetProperty("edges").EnumerateArray()
            .Select(e => e.GetProperty("cursor").GetString()).ToArray();

        var between = (await admin.PostGraphQLAsync(Page, new { p, after = edges[1], before = edges[6] })).List();
        var lastTwo = (await admin.PostGraphQLAsync(Page, new { p, last = 2, after = edges[1], before = edges[6] })).List();

        between.Serials(p).ShouldBe(["12", "13", "14", "15"]);
        lastTwo.Serials(p).ShouldBe(["14", "15"]);
        lastTwo.Flag("hasPreviousPage").ShouldBeTrue();
        lastTwo.Flag("hasNextPage").ShouldBeTrue();
    }

    [Fact]
    public async Task an_empty_page_after_the_last_row_still_knows_there_are_rows_before_it()
    {
        var p = ConnectionsApi.NewPrefix();
        await api.InsertAsync(Row(p, "1"), Row(p, "2"));
        var admin = await api.AdminOnceAsync();
        var all = (await admin.PostGraphQLAsync(Page, new { p })).List();

        var after = (await admin.PostGraphQLAsync(Page, new { p, after = all.Cursor("endCursor") })).List();
        var none = (await admin.PostGraphQLAsync(Page, new { p, first = 0 })).List();

        after.GetProperty("edges").GetArrayLength().ShouldBe(0);
        after.Cursor("startCursor").ShouldBeNull();
        after.Flag("hasPreviousPage").ShouldBeTrue();
        after.Flag("hasNextPage").ShouldBeFalse();
        none.GetProperty("nodes").GetArrayLength().ShouldBe(0);
        none.Flag("hasNextPage").ShouldBeTrue();
    }

    private static ConnectionsApi.Cabinet Row(string p, string suffix) =>
        new(p + suffix, "快递柜", "省", "市", "地点", true, true, ConnectionsApi.T0);

    internal static JsonElement Error(GraphQLClient.Response response)
    {
        var error = response.Errors.ShouldHaveSingleItem();
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("BAD_USER_INPUT");
        return error;
    }
}
