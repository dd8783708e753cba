namespace Cabinets.Api.Tests.GraphQL.Connections;

/// <summary><c>doors</c>: Int and enum operators, and paging over a two-column key, over HTTP and PostgreSQL.</summary>
public sealed class DoorListTests(ConnectionsApi api) : IClassFixture<ConnectionsApi>
{
    private Task<string> RowsAsync() => api.OnceAsync("doors", async () =>
    {
        var p = ConnectionsApi.NewPrefix();
        var sizes = "LMS";
        // banks A and B, doors 1-6 each: sizes L M S L M S, even doors insulated, door 3 of B faulted
        await api.InsertAsync(new[] { "A", "B" }.SelectMany(bank => Enumerable.Range(1, 6).Select(n =>
            new ConnectionsApi.Door(p + bank, n, sizes[(n - 1) % 3], n % 2 == 0, !(bank == "B" && n == 3)))).ToArray());
        return p;
    });

    private async Task<string> MatchAsync(string filter, string order = "[]", string paging = "first: 100")
    {
        var p = await RowsAsync();
        var admin = await api.AdminOnceAsync();
        var list = (await admin.PostGraphQLAsync(
            $"{{ doors({paging}, order: {order}, where: {{and: [{{serialNumber: {{startsWith: \"{p}\"}}}}, {filter}]}}) {{ nodes {{ serialNumber number }} }} }}"))
            .List("doors");
        return string.Join(',', list.GetProperty("nodes").EnumerateArray()
            .Select(n => n.GetProperty("serialNumber").GetString()![p.Length..] + n.GetProperty("number").GetInt32()));
    }

    [Theory]
    [InlineData("{number: {eq: 2}}", "A2,B2")]
    [InlineData("{number: {in: [1, 6]}, serialNumber: {endsWith: \"A\"}}", "A1,A6")]
    [InlineData("{number: {nin: [1, 2, 3, 4]}}", "A5,A6,B5,B6")]
    [InlineData("{number: {gt: 4}}", "A5,A6,B5,B6")]
    [InlineData("{number: {gte: 5, lt: 6}}", "A5,B5")]
    [InlineData("{number: {ngt: 1}}", "A1,B1")]
    [InlineData("{number: {ngte: 2}}", "A1,B1")]
    [InlineData("{number: {lte: 1}}", "A1,B1")]
    [InlineData("{number: {nlt: 6}}", "A6,B6")]
    [InlineData("{number: {nlte: 5}, insulated: {eq: true}}", "A6,B6")]
    [InlineData("{number: {neq: 1}, serialNumber: {endsWith: \"B\"}, size: {eq: SMALL}}", "B3,B6")]
    public async Task int_operators(string filter, string expected) => (await MatchAsync(filter)).ShouldBe(expected);

    [Theory]
    [InlineData("{size: {eq: LARGE}}", "A1,A4,B1,B4")]
    [InlineData("{size: {neq: LARGE}, number: {lt: 4}}", "A2,A3,B2,B3")]
    [InlineData("{size: {in: [LARGE, SMALL]}, number: {lt: 4}}", "A1,A3,B1,B3")]
    [InlineData("{size: {nin: [LARGE, SMALL]}}", "A2,A5,B2,B5")]
    [InlineData("{usable: {eq: false}}", "B3")]
    public async Task enum_and_boolean_operators(string filter, string expected) => (await MatchAsync(filter)).ShouldBe(expected);

    [Fact]
    public async Task an_order_by_an_enum_and_a_descending_int_ends_with_the_two_column_key()
    {
        // Ties are broken by the key (serial, number), in the direction of the last given field.
        (await MatchAsync("{}", "[{size: ASC}, {number: DESC}]")).ShouldBe("B4,A4,B1,A1,B5,A5,B2,A2,B6,A6,B3,A3");
        (await MatchAsync("{}", "[{insulated: DESC}, {serialNumber: DESC}]")).ShouldBe("B6,B4,B2,A6,A4,A2,B5,B3,B1,A5,A3,A1");
    }

    [Fact]
    public async Task pages_over_a_two_column_key_meet_without_gaps_or_repeats()
    {
        var p = await RowsAsync();
        var admin = await api.AdminOnceAsync();
        const string query = """
            query($p: String, $after: String) {
              doors(first: 5, after: $after, order: [{size: DESC}], where: {serialNumber: {startsWith: $p}}) {
                nodes { serialNumber number } pageInfo { hasNextPage endCursor } } }
            """;
        var seen = new List<string>();
        string? after = null;
        do
        {
            var list = (await admin.PostGraphQLAsync(query, new { p, after })).List("doors");
            seen.AddRange(list.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("serialNumber").GetString()![p.Length..] + n.GetProperty("number").GetInt32()));
            after = list.Flag("hasNextPage") ? list.Cursor("endCursor") : null;
        }
        while (after is not null);

        seen.ShouldBe(["B6", "B3", "A6", "A3", "B5", "B2", "A5", "A2", "B4", "B1", "A4", "A1"]);
    }
}
