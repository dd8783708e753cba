using System.Text;

namespace Cabinets.Api.Tests.GraphQL.Connections;

/// <summary>Page sizes, totalCount and what happens to bad arguments, over HTTP and PostgreSQL.</summary>
public sealed class CabinetLimitsTests(ConnectionsApi api) : IClassFixture<ConnectionsApi>
{
    private Task<string> RowsAsync() => api.OnceAsync("25", async () =>
    {
        var p = ConnectionsApi.NewPrefix();
        await api.InsertAsync(Enumerable.Range(0, 25).Select(i =>
            new ConnectionsApi.Cabinet($"{p}{i:00}", null, "省", i < 10 ? "深圳市" : "杭州市", "地点", true, true, ConnectionsApi.T0)).ToArray());
        return p;
    });

    private async Task<GraphQLClient.Response> QueryAsync(string arguments, string selection = "nodes { serialNumber }", object? variables = null)
    {
        var p = await RowsAsync();
        var admin = await api.AdminOnceAsync();
        var declaration = arguments.Contains("$after", StringComparison.Ordinal) ? "($after: String)" : "";
        return await admin.PostGraphQLAsync($"query{declaration} {{ cabinets({arguments}, where: {{serialNumber: {{startsWith: \"{p}\"}}}}) {{ {selection} }} }}", variables);
    }

    [Fact]
    public async Task without_first_or_last_a_page_has_twenty_rows_and_first_may_ask_for_a_hundred()
    {
        var defaulted = (await QueryAsync("order: null", "nodes { serialNumber } pageInfo { hasNextPage }")).List();
        var hundred = (await QueryAsync("first: 100")).List();

        defaulted.GetProperty("nodes").GetArrayLength().ShouldBe(20);
        defaulted.Flag("hasNextPage").ShouldBeTrue();
        hundred.GetProperty("nodes").GetArrayLength().ShouldBe(25);
    }

    [Theory]
    [InlineData("first: 101", "first")]
    [InlineData("last: 101", "last")]
    [InlineData("first: -1", "first")]
    [InlineData("first: 1, last: 1", "last")]
    public async Task a_page_size_out_of_range_is_bad_user_input_naming_the_argument(string arguments, string argument)
    {
        var response = await QueryAsync(arguments);

        var error = CabinetPagingTests.Error(response);
        error.GetProperty("path")[0].GetString().ShouldBe("cabinets");
        error.GetProperty("extensions").GetProperty("argumentPath")[0].GetString().ShouldBe(argument);
        response.Data.ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task the_cost_counts_the_node_fields_once_per_requested_row()
    {
        var light = await QueryAsync("first: 100", "totalCount pageInfo { hasNextPage endCursor } edges { cursor node { serialNumber } } nodes { serialNumber }");
        var heavy = await QueryAsync("first: 100",
            "nodes { serialNumber type provisioned registered site { province city area street place communityName } doors { number size } }");

        light.List().GetProperty("totalCount").GetInt32().ShouldBe(25); // 1 + 100 × 2
        heavy.Errors.ShouldHaveSingleItem().GetProperty("extensions").GetProperty("code").GetString().ShouldBe("MAX_COST_EXCEEDED"); // 1 + 100 × 14
    }

    [Fact]
    public async Task a_list_without_first_or_last_is_costed_as_its_default_page_of_twenty()
    {
        var p = await RowsAsync();
        var admin = await api.AdminOnceAsync();
        const string heavy = "nodes { serialNumber type provisioned registered site { province city area street place communityName } doors { number size } }";
        string Four(string page) => "{ " + string.Join(' ', Enumerable.Range(0, 4).Select(i =>
            $"l{i}: cabinets({page}where: {{serialNumber: {{startsWith: \"{p}\"}}}}) {{ {heavy} }}")) + " }";

        var unbounded = await admin.PostGraphQLAsync(Four(""));
        var bounded = await admin.PostGraphQLAsync(Four("first: 5, "));

        var error = unbounded.Errors.ShouldHaveSingleItem().GetProperty("extensions");
        error.GetProperty("code").GetString().ShouldBe("MAX_COST_EXCEEDED");
        error.GetProperty("cost").GetInt64().ShouldBe(4 * (1 + 20 * 14));
        bounded.Data.GetProperty("l3").GetProperty("nodes").GetArrayLength().ShouldBe(5); // 4 × (1 + 5 × 14)
    }

    [Theory]
    [InlineData("not a cursor", "is not a cursor of this list")]
    [InlineData("""["Doors:+serialNumber,+number","x",1]""", "made for another list or order")]
    [InlineData("""["Cabinets:+city,+serialNumber","x","y"]""", "made for another list or order")]
    [InlineData("""["Cabinets:+serialNumber",42]""", "is not a cursor of this list")]
    public async Task a_bad_cursor_is_bad_user_input_with_the_argument_path(string cursor, string message)
    {
        var after = cursor.StartsWith('[') ? Base64Url(cursor) : cursor;

        var error = CabinetPagingTests.Error(await QueryAsync("after: $after", variables: new { after }));

        error.GetProperty("message").GetString()!.ShouldContain(message);
        error.GetProperty("path")[0].GetString().ShouldBe("cabinets");
        error.GetProperty("extensions").GetProperty("argumentPath")[0].GetString().ShouldBe("after");
    }

    [Fact]
    public async Task a_forged_cursor_holding_sql_is_only_a_value()
    {
        var after = Base64Url("""["Cabinets:+serialNumber","' or 1=1; drop table rm.cabinets; --"]""");

        var page = (await QueryAsync("first: 3, after: $after", variables: new { after })).List();

        page.GetProperty("nodes").GetArrayLength().ShouldBe(3); // every serial sorts after the quote
        (await QueryAsync("first: 100")).List().GetProperty("nodes").GetArrayLength().ShouldBe(25);
    }

    [Fact]
    public async Task total_count_counts_the_filtered_rows_whatever_the_page_in_the_same_statement()
    {
        var p = await RowsAsync();
        var admin = await api.AdminOnceAsync();
        var query = $$$"""{ cabinets(first: 2, where: {serialNumber: {startsWith: "{{{p}}}"}, city: {eq: "深圳市"}}) { totalCount nodes { serialNumber } pageInfo { endCursor } } }""";

        var (first, statements) = await api.StatementsAsync(() => admin.PostGraphQLAsync(query));
        var later = (await QueryAsync("first: 2, after: $after", "totalCount", new { after = first.List().Cursor("endCursor") })).List();

        first.List().GetProperty("totalCount").GetInt32().ShouldBe(10);
        first.List().GetProperty("nodes").GetArrayLength().ShouldBe(2);
        statements.Count(s => s.Contains("rm.cabinets", StringComparison.Ordinal)).ShouldBe(1);
        later.GetProperty("totalCount").GetInt32().ShouldBe(25);
    }

    [Fact]
    public async Task total_count_behind_a_named_fragment_is_counted_by_a_statement_of_its_own()
    {
        var p = await RowsAsync();
        var admin = await api.AdminOnceAsync();
        var query = $$$"""
            { cabinets(first: 2, where: {serialNumber: {startsWith: "{{{p}}}"}}) { ...Count nodes { serialNumber } } }
            fragment Count on CabinetsConnection { totalCount }
            """;
        var (response, statements) = await api.StatementsAsync(() => admin.PostGraphQLAsync(query));

        response.List().GetProperty("totalCount").GetInt32().ShouldBe(25);
        statements.Count(s => s.Contains("rm.cabinets", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task without_lockers_read_the_list_is_forbidden()
    {
        var response = await api.Http().PostGraphQLAsync("{ cabinets { totalCount } }");

        response.Errors.ShouldNotBeEmpty();
        response.Errors[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("FORBIDDEN");
    }

    private static string Base64Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
