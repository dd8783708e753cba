using Cabinets.Api.Tests.Lockers;
using Cabinets.Projections.Lockers.FreeDoors;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cabinets.Api.Tests.GraphQL;

public sealed class LockersGraphQLTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Provision = """
        mutation($serial: String!, $place: String!) {
          provisionCabinet(input: {serialNumber: $serial, site: {province: "广东省", city: "深圳市", area: "南山区",
                                   street: "粤海街道", place: $place, communityName: "阳光小区", addressNote: "东门"}}) {
            serialNumber provisioned site { place communityName }
          }
        }
        """;

    private async Task BankWithDoorsAsync(HttpClient admin, string serial, string place, int doors)
    {
        var provisioned = await admin.PostGraphQLAsync(Provision, new { serial, place });
        provisioned.Errors.ShouldBeEmpty();
        provisioned.Data.GetProperty("provisionCabinet").GetProperty("site").GetProperty("place").GetString().ShouldBe(place);
        var firmware = new IbsClient(api.Http());
        (await firmware.SendAsync("insert_locker_info", new[] { new { type = "快递柜", locker_info = new[] { new { category = "M", create_date = "2026-01-01", series_number = serial } } } })).Code.ShouldBe(0);
        (await firmware.SendAsync("insert_single_info", Enumerable.Range(1, doors).Select(d => new { series_number = serial, single_code = $"0,{d},{(d % 2 == 0 ? 72 : 32)}" }).ToArray())).Code.ShouldBe(0);
        (await firmware.SendAsync("insert_single_status", new[] { new { series_number = serial, single_code = "1,1" } })).Code.ShouldBe(0);
        await api.CaughtUpAsync();
    }

    [Fact]
    public async Task a_provisioned_bank_is_counted_and_listed_with_its_doors()
    {
        using var admin = await api.AdminAsync();
        await BankWithDoorsAsync(admin, "GQL-0001", "一号园", doors: 4);

        var counts = await admin.PostGraphQLAsync("""
            { all: freeDoorCount(place: "一号园") large: freeDoorCount(place: "一号园", size: LARGE, attribute: INSULATED)
              cabinet(serialNumber: "GQL-0001") { serialNumber type doors { number size insulated occupied status } } }
            """);

        counts.Errors.ShouldBeEmpty();
        counts.Data.GetProperty("all").GetInt32().ShouldBe(3);
        counts.Data.GetProperty("large").GetInt32().ShouldBe(2);
        var doors = counts.Data.GetProperty("cabinet").GetProperty("doors").EnumerateArray().ToList();
        doors.Count.ShouldBe(4);
        doors[0].GetProperty("status").GetString().ShouldBe("OCCUPIED");
        doors[1].GetProperty("size").GetString().ShouldBe("LARGE");
    }

    [Fact]
    public async Task an_invalid_provisioning_is_a_bad_user_input_error_naming_the_field_and_writes_nothing()
    {
        using var admin = await api.AdminAsync();
        var response = await admin.PostGraphQLAsync(Provision, new { serial = "bad serial!", place = "x" });

        var error = response.Errors.Single();
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("BAD_USER_INPUT");
        error.GetProperty("path")[0].GetString().ShouldBe("provisionCabinet");
        error.GetProperty("message").GetString()!.ShouldContain("serialNumber");
    }

    [Fact]
    public async Task doors_of_many_cabinets_are_loaded_in_one_statement()
    {
        using var admin = await api.AdminAsync();
        for (var i = 1; i <= 5; i++) await BankWithDoorsAsync(admin, $"GQL-10{i}", "批量园", doors: 2);
        var query = "{ " + string.Join(' ', Enumerable.Range(1, 5).Select(i => $"c{i}: cabinet(serialNumber: \"GQL-10{i}\") {{ doors {{ number }} }}")) + " }";

        var (response, statements) = await api.StatementsAsync(() => admin.PostGraphQLAsync(query));
        response.Errors.ShouldBeEmpty();

        // 5 cabinet lookups + 1 batched doors query (+ the token check, cached after the first request)
        statements.Count(s => s.Contains("from rm.doors", StringComparison.Ordinal)).ShouldBe(1);
        statements.Count(s => s.Contains("from rm.cabinets", StringComparison.Ordinal)).ShouldBe(5);
    }
}
