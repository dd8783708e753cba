using System.Net.Http.Json;
using System.Text.Json;
using Cabinets.Api.Access;
using Cabinets.Api.Commands;
using Cabinets.Api.Tests.GraphQL;
using Cabinets.Domain.Access.AdminUsers;
using Microsoft.Extensions.DependencyInjection;
using static Cabinets.Api.Tests.Stations.StationGraphQL;

namespace Cabinets.Api.Tests.Stations;
/// <summary>The console GraphQL of tax rules (TAX.md §4.3): scenarios 1, 6, 9 and 10, and a refused rate as a validation error with its path.</summary>
public sealed class TaxRuleGraphQLTests(StationFixture api) : IClassFixture<StationFixture>, IAsyncLifetime
{
    private StationClient station = null!;

    private HttpClient Admin => station.Http;

    public async Task InitializeAsync() => station = await api.ClientAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task scenarios_1_and_9_a_rule_reads_back_in_basis_points_and_an_invalid_rule_is_not_captured_by_new_orders()
    {
        var rule = await station.RuleAsync(217824, "C2473562", "45");
        var read = await DataAsync(Admin, "query($id: Int!) { taxRule(id: $id) { id stationId status spus { spuId taxRate taxRatePercent } merchants { addressId } } }", new { id = rule });
        var taxRule = read.GetProperty("taxRule");
        taxRule.GetProperty("status").GetString().ShouldBe("VALID");
        taxRule.GetProperty("stationId").GetString().ShouldBe(StationFixture.Station);
        taxRule.GetProperty("spus")[0].GetProperty("taxRate").GetInt32().ShouldBe(4500);
        taxRule.GetProperty("spus")[0].GetProperty("taxRatePercent").GetString().ShouldBe("45");

        var before = await OrderAsync(Admin, 217824, 231367, ("D11862266", "C2473562", 1m, 1184));
        var line = before.GetProperty("lines")[0];
        line.GetProperty("taxRate").GetInt32().ShouldBe(4500);
        line.GetProperty("isTaxSet").GetBoolean().ShouldBeTrue();
        line.GetProperty("tax").GetInt64().ShouldBe(367); // the seed's example: 3.67
        line.GetProperty("unitPriceWithoutTax").GetInt64().ShouldBe(817);
        line.GetProperty("taxRule").GetProperty("id").GetInt32().ShouldBe(rule);
        before.GetProperty("totalPrice").GetInt64().ShouldBe(1184);
        before.GetProperty("totalTax").GetInt64().ShouldBe(367);

        var invalid = await DataAsync(Admin, "mutation($id: Int!) { setTaxRuleStatus(id: $id, status: INVALID) { status version } }", new { id = rule });
        invalid.GetProperty("setTaxRuleStatus").GetProperty("status").GetString().ShouldBe("INVALID");
        var after = (await OrderAsync(Admin, 217824, 231367, ("D11862266", "C2473562", 1m, 1184))).GetProperty("lines")[0];
        after.GetProperty("isTaxSet").GetBoolean().ShouldBeFalse();
        after.GetProperty("taxRate").ValueKind.ShouldBe(JsonValueKind.Null);
        after.GetProperty("tax").GetInt64().ShouldBe(0);
        var kept = await DataAsync(Admin, $"query($id: String!) {{ stationOrder(orderId: $id) {{ {OrderFields} }} }}", new { id = before.GetProperty("orderId").GetString() });
        kept.GetProperty("stationOrder").GetProperty("lines")[0].GetProperty("taxRate").GetInt32().ShouldBe(4500);
    }

    [Fact]
    public async Task scenario_6_a_zero_rule_is_rate_0_and_set_while_no_rule_is_null_and_not_set()
    {
        var created = await DataAsync(Admin, """
            mutation { createTaxRule(input: {name: "零税", merchants: [{addressId: 266603, addressName: "第二家店"}],
                                             spus: [{spuId: "C2723984", spuName: "兰花豆", taxRate: 0}]}) { id status spus { taxRate taxRatePercent } } }
            """);
        var rule = created.GetProperty("createTaxRule");
        rule.GetProperty("status").GetString().ShouldBe("VALID");
        rule.GetProperty("spus")[0].GetProperty("taxRatePercent").GetString().ShouldBe("0");

        var zero = (await OrderAsync(Admin, 266603, 280749, ("D13415925", "C2723984", 1m, 100))).GetProperty("lines")[0];
        zero.GetProperty("taxRate").GetInt32().ShouldBe(0);
        zero.GetProperty("isTaxSet").GetBoolean().ShouldBeTrue();
        var unset = (await OrderAsync(Admin, 217824, 231367, ("D13415925", "C2723984", 1m, 100))).GetProperty("lines")[0];
        unset.GetProperty("taxRate").ValueKind.ShouldBe(JsonValueKind.Null);
        unset.GetProperty("isTaxSet").GetBoolean().ShouldBeFalse();
        zero.GetProperty("tax").GetInt64().ShouldBe(0);
        unset.GetProperty("tax").GetInt64().ShouldBe(0);

        var preview = await DataAsync(Admin, """
            { set: taxRateFor(addressId: 266603, spuId: "C2723984") { isTaxSet taxRate rule { id } }
              unset: taxRateFor(addressId: 217824, spuId: "C2723984") { isTaxSet taxRate rule { id } } }
            """);
        preview.GetProperty("set").GetProperty("taxRate").GetInt32().ShouldBe(0);
        preview.GetProperty("set").GetProperty("rule").GetProperty("id").GetInt32().ShouldBe(rule.GetProperty("id").GetInt32());
        preview.GetProperty("unset").GetProperty("isTaxSet").GetBoolean().ShouldBeFalse();
        preview.GetProperty("unset").GetProperty("taxRate").ValueKind.ShouldBe(JsonValueKind.Null);
        preview.GetProperty("unset").GetProperty("rule").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task scenario_10_an_overlap_is_refused_with_the_conflicting_pairs_and_the_list_filters_by_covered_pairs()
    {
        const string create = """
            mutation($status: TaxRuleStatus) { createTaxRule(input: {name: "重叠", status: $status,
              merchants: [{addressId: 900100, addressName: "店"}], spus: [{spuId: "SPU-GQL-OVERLAP", spuName: "品", taxRate: 1000}]}) { id } }
            """;
        var first = (await DataAsync(Admin, create)).GetProperty("createTaxRule").GetProperty("id").GetInt32();

        var error = (await Admin.PostGraphQLAsync(create)).Errors.Single();
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("TAX_RULE_OVERLAP");
        error.GetProperty("path")[0].GetString().ShouldBe("createTaxRule");
        var conflict = error.GetProperty("extensions").GetProperty("conflicts")[0];
        conflict.GetProperty("addressId").GetInt32().ShouldBe(900100);
        conflict.GetProperty("spuId").GetString().ShouldBe("SPU-GQL-OVERLAP");
        conflict.GetProperty("taxRuleId").GetInt32().ShouldBe(first);

        var second = (await DataAsync(Admin, create, new { status = "INVALID" })).GetProperty("createTaxRule").GetProperty("id").GetInt32();
        var revalidate = (await Admin.PostGraphQLAsync("""
            mutation($id: Int!) { editTaxRule(input: {id: $id, status: VALID, merchants: [{addressId: 900100, addressName: "店"}],
              spus: [{spuId: "SPU-GQL-OVERLAP", spuName: "品", taxRate: 2000}]}) { id } }
            """, new { id = second })).Errors.Single();
        revalidate.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("TAX_RULE_OVERLAP");

        var lists = await DataAsync(Admin, """
            { covering: taxRules(where: {addressId: {eq: 900100}}, order: [{id: DESC}]) { totalCount nodes { id status } }
              invalid: taxRules(where: {spuId: {in: ["SPU-GQL-OVERLAP"]}, status: {eq: INVALID}}) { nodes { id } }
              byStatus: taxRules(where: {addressId: {eq: 900100}}, order: [{status: ASC}]) { nodes { status } }
              paged: taxRules(first: 1, where: {spuId: {startsWith: "SPU-GQL-"}}) { pageInfo { hasNextPage endCursor } nodes { id } } }
            """);
        lists.GetProperty("covering").GetProperty("totalCount").GetInt32().ShouldBe(2);
        lists.GetProperty("covering").GetProperty("nodes")[0].GetProperty("id").GetInt32().ShouldBe(second);
        lists.GetProperty("invalid").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetInt32()).ShouldBe([second]);
        lists.GetProperty("byStatus").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("status").GetString()).ShouldBe(["INVALID", "VALID"]);
        var paged = lists.GetProperty("paged");
        paged.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean().ShouldBeTrue();
        var next = await DataAsync(Admin, """
            query($after: String) { taxRules(first: 1, after: $after, where: {spuId: {startsWith: "SPU-GQL-"}}) { pageInfo { hasPreviousPage } nodes { id } } }
            """, new { after = paged.GetProperty("pageInfo").GetProperty("endCursor").GetString() });
        next.GetProperty("taxRules").GetProperty("nodes")[0].GetProperty("id").GetInt32().ShouldBe(second);
        next.GetProperty("taxRules").GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task a_refused_rate_is_a_validation_error_naming_the_input_field_with_its_path_and_nothing_is_stored()
    {
        var response = await Admin.PostGraphQLAsync("""
            mutation { createTaxRule(input: {name: "坏", merchants: [{addressId: 900200, addressName: "店"}],
                                             spus: [{spuId: "SPU-GQL-BAD", spuName: "品", taxRate: 10000}]}) { id } }
            """);
        var error = response.Errors.Single();
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("VALIDATION");
        error.GetProperty("extensions").GetProperty("field").GetString().ShouldBe("spus[0].taxRate");
        error.GetProperty("path").EnumerateArray().Select(p => p.GetString()).ShouldBe(["createTaxRule"]);
        response.Data.ValueKind.ShouldBe(JsonValueKind.Null);

        var stored = await DataAsync(Admin, """{ taxRules(where: {spuId: {eq: "SPU-GQL-BAD"}}) { totalCount } }""");
        stored.GetProperty("taxRules").GetProperty("totalCount").GetInt32().ShouldBe(0);
    }
}
