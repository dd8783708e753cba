namespace Cabinets.Api.Tests.GraphQL.Connections;

/// <summary>Every operator of <c>CabinetFilterInput</c>, over HTTP and PostgreSQL, against six known rows.</summary>
public sealed class CabinetFilterTests(ConnectionsApi api) : IClassFixture<ConnectionsApi>
{
    private static readonly DateTime T0 = ConnectionsApi.T0;

    private Task<string> RowsAsync() => api.OnceAsync("cabinets", async () =>
    {
        var p = ConnectionsApi.NewPrefix();
        await api.InsertAsync(
            new ConnectionsApi.Cabinet(p + "01", "快递柜", "广东省", "深圳市", "科技园", true, true, T0.AddHours(1)),
            new ConnectionsApi.Cabinet(p + "02", "餐饮柜", "广东省", "深圳市", @"50%_off\店", true, true, T0.AddHours(2)),
            new ConnectionsApi.Cabinet(p + "03", null, "广东省", "广州市", "天河城", false, true, T0.AddHours(3)),
            new ConnectionsApi.Cabinet(p + "04", "快递柜", "浙江省", "杭州市", "50 percent off", true, true, T0.AddHours(4).AddTicks(1_234_560)),
            new ConnectionsApi.Cabinet(p + "05", "餐饮柜", "", "", "", true, false, T0.AddHours(5)),
            new ConnectionsApi.Cabinet(p + "06", null, "浙江省", "杭州市", "星光大道", false, true, T0.AddHours(6)));
        return p;
    });

    private async Task<string> MatchAsync(string filter)
    {
        var p = await RowsAsync();
        var admin = await api.AdminOnceAsync();
        var response = await admin.PostGraphQLAsync(
            $"{{ cabinets(first: 100, where: {{and: [{{serialNumber: {{startsWith: \"{p}\"}}}}, {filter}]}}) {{ nodes {{ serialNumber }} }} }}");
        return string.Join(',', response.List().Serials(p));
    }

    [Theory]
    [InlineData("{city: {eq: \"深圳市\"}}", "01,02")]
    [InlineData("{city: {neq: \"深圳市\"}}", "03,04,05,06")]
    [InlineData("{city: {in: [\"深圳市\", \"广州市\"]}}", "01,02,03")]
    [InlineData("{city: {nin: [\"深圳市\", \"广州市\"]}}", "04,05,06")]
    [InlineData("{city: {contains: \"州\"}}", "03,04,06")]
    [InlineData("{city: {ncontains: \"州\"}}", "01,02,05")]
    [InlineData("{city: {startsWith: \"杭\"}}", "04,06")]
    [InlineData("{city: {nstartsWith: \"杭\"}}", "01,02,03,05")]
    [InlineData("{city: {endsWith: \"圳市\"}}", "01,02")]
    [InlineData("{city: {nendsWith: \"圳市\"}}", "03,04,05,06")]
    [InlineData("{city: {eq: \"深圳市\", neq: \"广州市\"}, province: {startsWith: \"广\"}}", "01,02")]
    public async Task string_operators(string filter, string expected) => (await MatchAsync(filter)).ShouldBe(expected);

    [Theory]
    [InlineData("{type: {eq: null}}", "03,06")]
    [InlineData("{type: {neq: null}}", "01,02,04,05")]
    [InlineData("{type: {neq: \"快递柜\"}}", "02,03,05,06")]
    [InlineData("{type: {in: [\"快递柜\", null]}}", "01,03,04,06")]
    [InlineData("{type: {nin: [\"快递柜\", null]}}", "02,05")]
    [InlineData("{type: {ncontains: \"快\"}}", "02,03,05,06")]
    [InlineData("{type: {nendsWith: \"柜\"}}", "03,06")]
    public async Task a_null_value_is_matched_by_eq_null_and_by_every_negation(string filter, string expected) =>
        (await MatchAsync(filter)).ShouldBe(expected);

    [Theory]
    [InlineData("{place: {contains: \"%_\"}}", "02")]
    [InlineData("{place: {contains: \"_\"}}", "02")]
    [InlineData("{place: {startsWith: \"50%\"}}", "02")]
    [InlineData(@"{place: {contains: ""\\""}}", "02")]
    [InlineData(@"{place: {endsWith: ""off\\店""}}", "02")]
    [InlineData("{place: {startsWith: \"50\"}}", "02,04")]
    public async Task like_wildcards_in_a_value_are_plain_characters(string filter, string expected) => (await MatchAsync(filter)).ShouldBe(expected);

    [Theory]
    [InlineData("{registered: {eq: false}}", "03,06")]
    [InlineData("{registered: {neq: true}}", "03,06")]
    [InlineData("{provisioned: {eq: false}}", "05")]
    public async Task boolean_operators(string filter, string expected) => (await MatchAsync(filter)).ShouldBe(expected);

    [Theory]
    [InlineData("{updatedAt: {eq: \"2026-01-01T02:00:00Z\"}}", "02")]
    [InlineData("{updatedAt: {neq: \"2026-01-01T10:00:00+08:00\"}}", "01,03,04,05,06")]
    [InlineData("{updatedAt: {in: [\"2026-01-01T01:00:00Z\", \"2026-01-01T03:00:00Z\"]}}", "01,03")]
    [InlineData("{updatedAt: {nin: [\"2026-01-01T01:00:00Z\", \"2026-01-01T03:00:00Z\"]}}", "02,04,05,06")]
    [InlineData("{updatedAt: {gt: \"2026-01-01T04:00:00Z\"}}", "04,05,06")]
    [InlineData("{updatedAt: {gt: \"2026-01-01T04:00:00.123456Z\"}}", "05,06")]
    [InlineData("{updatedAt: {gte: \"2026-01-01T04:00:00.123456Z\"}}", "04,05,06")]
    [InlineData("{updatedAt: {ngt: \"2026-01-01T02:00:00Z\"}}", "01,02")]
    [InlineData("{updatedAt: {ngte: \"2026-01-01T03:00:00Z\"}}", "01,02")]
    [InlineData("{updatedAt: {lt: \"2026-01-01T02:00:00Z\"}}", "01")]
    [InlineData("{updatedAt: {lte: \"2026-01-01T02:00:00Z\"}}", "01,02")]
    [InlineData("{updatedAt: {nlt: \"2026-01-01T05:00:00Z\"}}", "05,06")]
    [InlineData("{updatedAt: {nlte: \"2026-01-01T05:00:00Z\"}}", "06")]
    public async Task date_time_operators_compare_to_the_microsecond(string filter, string expected) => (await MatchAsync(filter)).ShouldBe(expected);

    [Theory]
    [InlineData("{or: [{city: {eq: \"深圳市\"}}, {and: [{province: {eq: \"浙江省\"}}, {registered: {eq: false}}]}]}", "01,02,06")]
    [InlineData("{and: [{or: [{type: {eq: null}}, {type: {eq: \"餐饮柜\"}}]}, {or: [{provisioned: {eq: false}}, {city: {eq: \"杭州市\"}}]}]}", "05,06")]
    [InlineData("{or: [{city: {eq: \"深圳市\"}}], city: {endsWith: \"市\"}, and: [{type: {neq: \"快递柜\"}}]}", "02")]
    [InlineData("{or: [], and: [], city: {}}", "01,02,03,04,05,06")]
    public async Task and_or_nest_like_hot_chocolate(string filter, string expected) => (await MatchAsync(filter)).ShouldBe(expected);

    [Fact]
    public async Task an_sql_injection_attempt_in_a_value_is_only_a_value()
    {
        var p = await RowsAsync();
        var admin = await api.AdminOnceAsync();

        var attack = await admin.PostGraphQLAsync(
            "query($x: String) { cabinets(where: {place: {eq: $x}}) { totalCount nodes { serialNumber } } }",
            new { x = "x'; drop table rm.cabinets; --" });
        var contains = await admin.PostGraphQLAsync(
            "query($x: String) { cabinets(where: {place: {contains: $x}}) { totalCount } }", new { x = "' or '1'='1" });

        attack.List().GetProperty("totalCount").GetInt32().ShouldBe(0);
        contains.List().GetProperty("totalCount").GetInt32().ShouldBe(0);
        (await MatchAsync("{}")).ShouldBe("01,02,03,04,05,06");
        p.ShouldNotBeEmpty();
    }
}
