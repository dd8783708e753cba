using System.Net.Http.Json;
using System.Text.Json;
using Cabinets.Api.Access;
using Cabinets.Api.Commands;
using Cabinets.Api.Tests.GraphQL;
using Cabinets.Domain.Access.AdminUsers;
using Microsoft.Extensions.DependencyInjection;
using static Cabinets.Api.Tests.Stations.StationGraphQL;

namespace Cabinets.Api.Tests.Stations;
/// <summary>The console GraphQL of station orders (TAX.md §4.3): progress, scenario 14, the station as the only scope, server-side lists, reference data and refused creates.</summary>
public sealed class StationOrderGraphQLTests(StationFixture api) : IClassFixture<StationFixture>, IAsyncLifetime
{
    private StationClient station = null!;

    private HttpClient Admin => station.Http;

    public async Task InitializeAsync() => station = await api.ClientAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task progress_moves_forward_only_and_a_step_back_is_an_order_state_error_with_its_path()
    {
        var order = (await OrderAsync(Admin, 266603, 280749, ("D13523696", "C1969177", 1m, 200))).GetProperty("orderId").GetString();
        var forward = await DataAsync(Admin, """
            mutation($id: String!) { setStationOrderProgress(orderId: $id, status: DELIVERING, payStatus: PAID) { status payStatus version } }
            """, new { id = order });
        forward.GetProperty("setStationOrderProgress").GetProperty("status").GetString().ShouldBe("DELIVERING");
        forward.GetProperty("setStationOrderProgress").GetProperty("payStatus").GetString().ShouldBe("PAID");
        forward.GetProperty("setStationOrderProgress").GetProperty("version").GetInt32().ShouldBe(3);

        var back = await Admin.PostGraphQLAsync("mutation($id: String!) { setStationOrderProgress(orderId: $id, status: SORTING) { status } }", new { id = order });
        var error = back.Errors.Single();
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("ORDER_STATE");
        error.GetProperty("path")[0].GetString().ShouldBe("setStationOrderProgress");
        error.GetProperty("locations")[0].GetProperty("line").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task scenario_14_through_graphql_edits_then_a_delivery_sheet_keeps_the_rate_and_freezes_the_order()
    {
        await DataAsync(Admin, """
            mutation { createTaxRule(input: {name: "苹果", merchants: [{addressId: 266603, addressName: "第二家店"}],
                                             spus: [{spuId: "C1969177", spuName: "苹果", taxRate: 2000}]}) { id } }
            """);
        var created = await OrderAsync(Admin, 266603, 280749, ("D13523696", "C1969177", 2m, 1503));
        var id = created.GetProperty("orderId").GetString();
        const string edit = """
            mutation($id: String!, $mode: StationOrderEditMode!, $version: Int) { editStationOrder(input: {orderId: $id, mode: $mode, expectedVersion: $version,
                receiveBeginTime: "2026-12-20T00:00:00Z", receiveEndTime: "2026-12-20T04:00:00Z",
                lines: [{skuId: "D11862266", spuId: "C2473562", quantity: 1, unitPrice: 1000, isPriceTiming: false}]}) { version lines { skuId isTaxSet } } }
            """;
        var appended = (await DataAsync(Admin, edit, new { id, mode = "APPEND", version = 1 })).GetProperty("editStationOrder");
        appended.GetProperty("lines").GetArrayLength().ShouldBe(2);
        appended.GetProperty("version").GetInt32().ShouldBe(2);
        var stale = (await Admin.PostGraphQLAsync(edit, new { id, mode = "APPEND", version = 1 })).Errors.Single();
        stale.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("VERSION_CONFLICT");

        var sheet = (await DataAsync(Admin, """
            mutation($id: String!) { updateDeliverySheet(input: {orderId: $id, lines: [{skuId: "D13523696", realQuantity: 1.5}]}) {
              fromSheet lines { skuId realQuantity realItemPrice taxRate tax realItemPriceWithoutTax } } }
            """, new { id })).GetProperty("updateDeliverySheet");
        sheet.GetProperty("fromSheet").GetBoolean().ShouldBeTrue();
        var apple = sheet.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("skuId").GetString() == "D13523696");
        apple.GetProperty("realQuantity").GetDecimal().ShouldBe(1.5m);
        apple.GetProperty("realItemPrice").GetInt64().ShouldBe(2255); // round(1.5 × 1503), half up
        apple.GetProperty("taxRate").GetInt32().ShouldBe(2000);
        apple.GetProperty("tax").GetInt64().ShouldBe(376);
        apple.GetProperty("realItemPriceWithoutTax").GetInt64().ShouldBe(1879);

        var frozen = (await Admin.PostGraphQLAsync(edit, new { id, mode = "REPLACE", version = (int?)null })).Errors.Single();
        frozen.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("DELIVERY_SHEET_EXISTS");
        frozen.GetProperty("path")[0].GetString().ShouldBe("editStationOrder");

        const string print = """
            mutation($ids: [String!]!) { printDeliverySheets(orderIds: $ids, kind: EDITED) { orderId taxNumber printedAt totalTax realPrice } }
            """;
        var printed = (await DataAsync(Admin, print, new { ids = new[] { id } })).GetProperty("printDeliverySheets")[0];
        var number = printed.GetProperty("taxNumber").GetInt32();
        printed.GetProperty("printedAt").ValueKind.ShouldBe(JsonValueKind.String);
        printed.GetProperty("totalTax").GetInt64().ShouldBe(376); // the appended line has no rule for this merchant
        (await DataAsync(Admin, print, new { ids = new[] { id } })).GetProperty("printDeliverySheets")[0].GetProperty("taxNumber").GetInt32().ShouldBe(number);
        var missing = (await Admin.PostGraphQLAsync(print, new { ids = new[] { id, "PL1" } })).Errors.Single();
        missing.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("NOT_FOUND");
        missing.GetProperty("extensions").GetProperty("missingIds")[0].GetString().ShouldBe("PL1");

        var ordered = (await DataAsync(Admin, """
            query($id: String!) { deliverySheet(orderId: $id, kind: ORDERED) { fromSheet totalTax taxNumber printedAt lines { skuId realItemPrice tax } } }
            """, new { id })).GetProperty("deliverySheet");
        ordered.GetProperty("fromSheet").GetBoolean().ShouldBeFalse();
        ordered.GetProperty("totalTax").GetInt64().ShouldBe(501); // round(3006 × 2000 / 12000)
        ordered.GetProperty("taxNumber").GetInt32().ShouldBe(number);
        ordered.GetProperty("printedAt").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Fact]
    public async Task a_user_of_another_station_sees_none_of_this_stations_orders_and_cannot_change_them()
    {
        var order = (await OrderAsync(Admin, 266603, 280749, ("D13523696", "C1969177", 1m, 200))).GetProperty("orderId").GetString();
        using var other = await SignInAsync(api, "gql-t9999", ["station"], "T9999");

        var seen = await DataAsync(other, """
            query($id: String!) { stationOrders { totalCount } stationOrder(orderId: $id) { orderId } taxRules { totalCount } stationMerchants { totalCount } }
            """, new { id = order });
        seen.GetProperty("stationOrders").GetProperty("totalCount").GetInt32().ShouldBe(0);
        seen.GetProperty("stationOrder").ValueKind.ShouldBe(JsonValueKind.Null);
        seen.GetProperty("taxRules").GetProperty("totalCount").GetInt32().ShouldBe(0);
        seen.GetProperty("stationMerchants").GetProperty("totalCount").GetInt32().ShouldBe(0);
        var own = await DataAsync(Admin, """{ stationOrders { totalCount } }""");
        own.GetProperty("stationOrders").GetProperty("totalCount").GetInt32().ShouldBeGreaterThan(0);

        var change = (await other.PostGraphQLAsync("mutation($id: String!) { setStationOrderProgress(orderId: $id, status: SORTING) { status } }", new { id = order })).Errors.Single();
        change.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("NOT_FOUND");

        using var auditor = await SignInAsync(api, "gql-auditor", ["auditor"], null);
        var denied = (await auditor.PostGraphQLAsync("mutation($id: String!) { setStationOrderProgress(orderId: $id, status: SORTING) { status } }", new { id = order })).Errors.Single();
        denied.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("FORBIDDEN");
        denied.GetProperty("path")[0].GetString().ShouldBe("setStationOrderProgress");
    }

    [Fact]
    public async Task orders_are_filtered_sorted_and_paged_in_the_database_with_the_same_totals_as_their_lines()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        foreach (var (quantity, price) in new[] { (1m, 1503L), (3.33m, 100L), (2m, 999L) })
            await OrderAsync(Admin, 266603, 280749, ("D13523696", "C1969177", quantity, price), "GQL-LIST");
        const string list = """
            query($after: String, $since: DateTime!) { stationOrders(first: 2, after: $after, order: [{totalPrice: DESC}],
                where: {timeConfigId: {eq: "GQL-LIST"}, status: {in: [WAITING_SORTING]}, createdAt: {gte: $since}, addressId: {eq: 266603}}) {
              totalCount pageInfo { hasNextPage endCursor } nodes { orderId totalPrice lines { amount } } } }
            """;
        var first = (await DataAsync(Admin, list, new { since, after = (string?)null })).GetProperty("stationOrders");
        first.GetProperty("totalCount").GetInt32().ShouldBe(3);
        first.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("totalPrice").GetInt64()).ShouldBe([1998L, 1503L]);
        first.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean().ShouldBeTrue();
        var rest = (await DataAsync(Admin, list, new { since, after = first.GetProperty("pageInfo").GetProperty("endCursor").GetString() })).GetProperty("stationOrders");
        var last = rest.GetProperty("nodes").EnumerateArray().Single();
        last.GetProperty("totalPrice").GetInt64().ShouldBe(333); // round(3.33 × 100)
        last.GetProperty("lines")[0].GetProperty("amount").GetInt64().ShouldBe(333);

        var filtered = await DataAsync(Admin, """
            { big: stationOrders(where: {timeConfigId: {eq: "GQL-LIST"}, totalPrice: {gt: 1500}}) { totalCount }
              sheets: stationOrders(where: {timeConfigId: {eq: "GQL-LIST"}, hasDeliverySheet: {eq: true}}) { totalCount }
              paid: stationOrders(where: {timeConfigId: {eq: "GQL-LIST"}, payStatus: {neq: UNPAID}}) { totalCount } }
            """);
        filtered.GetProperty("big").GetProperty("totalCount").GetInt32().ShouldBe(2);
        filtered.GetProperty("sheets").GetProperty("totalCount").GetInt32().ShouldBe(0);
        filtered.GetProperty("paid").GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task reference_data_is_upserted_one_item_at_a_time_and_listed_with_the_phone_masked()
    {
        var merchants = await DataAsync(Admin, """
            mutation { upsertStationMerchants(input: [{addressId: 300001, uid: 400001, resname: "新店", address: "上海", receiverPhone: "13912341234"}]) {
              addressId receiveWay receiverPhoneMasked } }
            """);
        merchants.GetProperty("upsertStationMerchants")[0].GetProperty("receiveWay").GetInt32().ShouldBe(1);
        var listed = await DataAsync(Admin, """{ stationMerchants(where: {addressId: {eq: 300001}}) { nodes { resname receiverPhoneMasked } } }""");
        listed.GetProperty("stationMerchants").GetProperty("nodes")[0].GetProperty("receiverPhoneMasked").GetString().ShouldBe("139****1234");

        var skus = await Admin.PostGraphQLAsync("""
            mutation { upsertStationSkus(input: [
              {skuId: "GQL-SKU-1", spuId: "GQL-SPU-1", spuName: "品", name: "好", saleUnitName: "箱", stdUnitName: "瓶", saleRatio: 12, salePrice: 2400, isWeigh: false, state: true},
              {skuId: "GQL-SKU-2", spuId: "GQL-SPU-2", spuName: "品", name: "坏", saleUnitName: "箱", stdUnitName: "瓶", saleRatio: 0, salePrice: 2400, isWeigh: false, state: true}]) { skuId } }
            """);
        var error = skus.Errors.Single();
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("VALIDATION");
        error.GetProperty("extensions").GetProperty("field").GetString().ShouldBe("input[1].saleRatio");
        var written = await DataAsync(Admin, """{ stationSkus(where: {skuId: {startsWith: "GQL-SKU-"}, state: {eq: true}}) { totalCount nodes { skuId saleRatio } } }""");
        written.GetProperty("stationSkus").GetProperty("totalCount").GetInt32().ShouldBe(1);
        written.GetProperty("stationSkus").GetProperty("nodes")[0].GetProperty("saleRatio").GetDecimal().ShouldBe(12m);
    }

    [Fact]
    public async Task a_create_with_no_valid_line_is_refused_and_a_keyed_create_runs_once()
    {
        var none = (await Admin.PostGraphQLAsync("""
            mutation { createStationOrder(input: {addressId: 217824, uid: 231367, receiveBeginTime: "2027-03-01T00:00:00Z", receiveEndTime: "2027-03-01T04:00:00Z",
              timeConfigId: "GQL", lines: [{skuId: "NO-SUCH-SKU", spuId: "X", quantity: 1, unitPrice: 100, isPriceTiming: false}]}) { newOrderIds } }
            """)).Errors.Single();
        none.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("VALIDATION");
        none.GetProperty("extensions").GetProperty("field").GetString().ShouldBe("lines");
        none.GetProperty("extensions").GetProperty("errorSkus")[0].GetProperty("skuId").GetString().ShouldBe("NO-SUCH-SKU");

        const string keyed = """
            mutation($rate: Int!) { createTaxRule(input: {name: "键", idempotencyKey: "k-1", merchants: [{addressId: 900300, addressName: "店"}],
                                             spus: [{spuId: "SPU-GQL-KEY", spuName: "品", taxRate: $rate}]}) { id } }
            """;
        var first = (await DataAsync(Admin, keyed, new { rate = 500 })).GetProperty("createTaxRule").GetProperty("id").GetInt32();
        (await DataAsync(Admin, keyed, new { rate = 500 })).GetProperty("createTaxRule").GetProperty("id").GetInt32().ShouldBe(first);
        (await DataAsync(Admin, """{ taxRules(where: {spuId: {eq: "SPU-GQL-KEY"}}) { totalCount } }""")).GetProperty("taxRules").GetProperty("totalCount").GetInt32().ShouldBe(1);
        var reused = (await Admin.PostGraphQLAsync(keyed, new { rate = 600 })).Errors.Single();
        reused.GetProperty("extensions").GetProperty("field").GetString().ShouldBe("idempotencyKey");
    }
}
