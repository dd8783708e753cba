using Xunit.Abstractions;
using Cabinets.Api.Tests.Lockers;
using Cabinets.Projections.Lockers.FreeDoors;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests.GraphQL.Connections;

/// <summary>
/// Banks set up the real way (provisionCabinet, then IBS frames, then the projection) and listed
/// with their doors: the number of SQL statements must not grow with the number of banks.
/// </summary>
public sealed class CabinetListStatementTests(ConnectionsApi api, ITestOutputHelper output) : IClassFixture<ConnectionsApi>
{
    private const int Banks = 50;

    private Task<string> BanksAsync() => api.OnceAsync("banks", async () =>
    {
        var p = ConnectionsApi.NewPrefix();
        var admin = await api.AdminOnceAsync();
        var mutation = "mutation { " + string.Join(' ', Enumerable.Range(0, Banks).Select(i => $$$"""
            b{{{i}}}: provisionCabinet(input: {serialNumber: "{{{p}}}{{{i:00}}}", site: {province: "广东省", city: "深圳市", area: "南山区",
                                     street: "粤海街道", place: "园{{{i}}}", communityName: "阳光小区"}}) { serialNumber }
            """)) + " }";
        (await admin.PostGraphQLAsync(mutation)).Errors.ShouldBeEmpty();
        await Task.WhenAll(Enumerable.Range(0, Banks).Select(async i =>
        {
            var serial = $"{p}{i:00}";
            var firmware = new IbsClient(api.Http());
            var bank = new[] { new { type = "快递柜", locker_info = new[] { new { category = "M", create_date = "2026-01-01", series_number = serial } } } };
            (await firmware.SendAsync("insert_locker_info", bank)).Code.ShouldBe(0);
            var doors = new[] { new { series_number = serial, single_code = "0,1,72" }, new { series_number = serial, single_code = "0,2,32" } };
            (await firmware.SendAsync("insert_single_info", doors)).Code.ShouldBe(0);
        }));
        await api.CaughtUpAsync();
        return p;
    });

    [Theory]
    [InlineData("nodes { serialNumber type site { city } doors { number size } }")]
    [InlineData("totalCount pageInfo { hasNextPage endCursor } nodes { serialNumber doors { number } } edges { cursor node { doors { size } } }")]
    public async Task fifty_banks_with_their_doors_cost_two_statements(string selection)
    {
        var p = await BanksAsync();
        var admin = await api.AdminOnceAsync();

        var (response, statements) = await api.StatementsAsync(() =>
            admin.PostGraphQLAsync($"{{ cabinets(first: {Banks}, where: {{serialNumber: {{startsWith: \"{p}\"}}}}) {{ {selection} }} }}"));

        var nodes = response.List().GetProperty("nodes").EnumerateArray().ToList();
        nodes.Count.ShouldBe(Banks);
        nodes.ShouldAllBe(n => n.GetProperty("doors").GetArrayLength() == 2);
        var reads = statements.Where(s => s.Contains(" rm.", StringComparison.Ordinal)).ToList();
        foreach (var s in statements) output.WriteLine(s);
        reads.Count(s => s.Contains("from rm.cabinets", StringComparison.Ordinal)).ShouldBe(1);
        reads.Count(s => s.Contains("from rm.doors", StringComparison.Ordinal)).ShouldBe(1);
        reads.Count.ShouldBe(2);
    }

    [Fact]
    public async Task provisioned_and_registered_banks_are_listed_with_their_site_and_type()
    {
        var p = await BanksAsync();
        var admin = await api.AdminOnceAsync();

        var list = (await admin.PostGraphQLAsync($$$"""
            { cabinets(first: 3, order: [{place: DESC}], where: {serialNumber: {startsWith: "{{{p}}}"}, registered: {eq: true}}) {
                totalCount nodes { serialNumber type provisioned registered site { place } } } }
            """)).List();

        list.GetProperty("totalCount").GetInt32().ShouldBe(Banks);
        var first = list.GetProperty("nodes")[0];
        first.GetProperty("site").GetProperty("place").GetString().ShouldBe("园9"); // "园9" sorts after "园49" byte-wise
        first.GetProperty("type").GetString().ShouldBe("快递柜");
        first.GetProperty("provisioned").GetBoolean().ShouldBeTrue();
    }
}
