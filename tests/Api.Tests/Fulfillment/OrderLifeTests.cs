using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cabinets.Api.Tests.Access;
using Cabinets.Api.Tests.GraphQL;

namespace Cabinets.Api.Tests.Fulfillment;

/// <summary>
/// An order after intake (FULFILLMENT.md §2.7, §2.11-2.14) over HTTP against PostgreSQL: review into a delivery,
/// the warehouse's steps to consignment, cancel, pause, revoke, repair and the remark-sync pause, the lists;
/// every quantity checked against sellable stock and the branch's figures.
/// </summary>
public sealed class OrderLifeTests(ApiFixture fixture) : ChannelOrderScenarios(fixture), IClassFixture<ApiFixture>
{
    [Fact]
    public async Task review_moves_the_orders_shop_freeze_to_the_branch_in_one_delivery_and_is_refused_twice()
    {
        var admin = await Api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        var tid = Code("T");
        var (_, created) = await SendAsync(shop, Order(tid, "2026-12-04 09:01:00", lines: [(shop.Sku, 2)]));
        var orderId = created.GetProperty("orderId").GetString()!;
        var reviewed = (await admin.PostGraphQLAsync(Review, new { i = new { orderId, branchCode = shop.Branch } })).Ok().GetProperty("reviewOrder");
        reviewed.GetProperty("errors").GetArrayLength().ShouldBe(0, reviewed.ToString());
        (reviewed.GetProperty("order").GetProperty("processStatus").GetString(), reviewed.GetProperty("order").GetProperty("shopFreezes").GetArrayLength()).ShouldBe(("SPLIT", 0));
        var delivery = reviewed.GetProperty("delivery");
        delivery.GetProperty("orderId").GetString().ShouldBe(orderId);
        delivery.GetProperty("lines").EnumerateArray().ShouldHaveSingleItem().GetProperty("number").GetInt32().ShouldBe(2);
        var stock = (await admin.PostGraphQLAsync("query($b: String!, $m: String!) { branchStocks(where: { branchCode: { eq: $b }, basicMaterialCode: { eq: $m } }) { nodes { onHand branchFreeze available } } }",
            new { b = shop.Branch, m = shop.M1 })).Ok().GetProperty("branchStocks").GetProperty("nodes")[0];
        (stock.GetProperty("onHand").GetInt32(), stock.GetProperty("branchFreeze").GetInt32(), stock.GetProperty("available").GetInt32()).ShouldBe((20, 2, 18));
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(18); // the freeze moved, it did not double

        var again = (await admin.PostGraphQLAsync(Review, new { i = new { orderId, branchCode = shop.Branch } })).Ok().GetProperty("reviewOrder");
        (again.GetProperty("errors")[0].GetProperty("code").GetString(), again.GetProperty("delivery").ValueKind).ShouldBe(("INVALID_STATE", JsonValueKind.Null));
    }

    [Fact]
    public async Task two_orders_reviewed_at_once_for_the_last_unit_give_it_to_exactly_one()
    {
        var admin = await Api.SharedAdminAsync();
        var shop = await ShopAsync(admin, stock: 1);
        var orders = new List<string>();
        foreach (var tid in new[] { Code("T"), Code("T") })
            orders.Add((await SendAsync(shop, Order(tid, "2026-12-04 09:01:00", lines: [(shop.Sku, 1)]))).Body.GetProperty("orderId").GetString()!);
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(-1); // oversold: both froze the one unit

        var answers = await Task.WhenAll(orders.Select(orderId => admin.PostGraphQLAsync(Review, new { i = new { orderId, branchCode = shop.Branch } })));
        var results = answers.Select(a => a.Ok().GetProperty("reviewOrder")).ToList();
        results.Count(r => r.GetProperty("errors").GetArrayLength() == 0).ShouldBe(1);
        results.Single(r => r.GetProperty("errors").GetArrayLength() > 0).GetProperty("errors")[0].GetProperty("code").GetString().ShouldBe("INSUFFICIENT_STOCK");
        var stock = (await admin.PostGraphQLAsync("query($b: String!, $m: String!) { branchStocks(where: { branchCode: { eq: $b }, basicMaterialCode: { eq: $m } }) { nodes { branchFreeze available } } }",
            new { b = shop.Branch, m = shop.M1 })).Ok().GetProperty("branchStocks").GetProperty("nodes")[0];
        (stock.GetProperty("branchFreeze").GetInt32(), stock.GetProperty("available").GetInt32()).ShouldBe((1, 0));
    }

    [Fact]
    public async Task an_orders_life_from_intake_to_consign_moves_its_stock_once_and_refuses_every_step_out_of_order()
    {
        var admin = await Api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        var tid = Code("T");
        var orderId = (await SendAsync(shop, Order(tid, "2026-12-04 09:01:00", lines: [(shop.Sku, 2)]))).Body.GetProperty("orderId").GetString()!;
        var deliveryId = (await admin.PostGraphQLAsync(Review, new { i = new { orderId, branchCode = shop.Branch } })).Ok()
            .GetProperty("reviewOrder").GetProperty("delivery").GetProperty("id").GetString()!;
        async Task<JsonElement> Run(string mutation, string field, object input) =>
            (await admin.PostGraphQLAsync($"mutation($i: {mutation}) {{ {field}(input: $i) {{ {DeliveryFields} }} }}", new { i = input })).Ok().GetProperty(field);
        static string? ErrorCode(JsonElement payload) => payload.GetProperty("errors").GetArrayLength() == 0 ? null : payload.GetProperty("errors")[0].GetProperty("code").GetString();
        var express = Code("SF");

        ErrorCode(await Run("ConsignDeliveryInput!", "consignDelivery", new { logisticsNo = express })).ShouldBe("NOT_FOUND"); // no express number yet
        ErrorCode(await Run("SetLogisticsNoInput!", "setLogisticsNo", new { deliveryId, logisticsNo = express })).ShouldBeNull();
        ErrorCode(await Run("VerifyDeliveryItemInput!", "verifyDeliveryItem", new { logisticsNo = express, barcode = "69" + shop.M1 })).ShouldBe("DELIVERY_NOT_PRINTED");

        const string print = "mutation($i: PrintDeliveriesInput!) { printDeliveries(input: $i) { batchNo deliveries { printStatus processStatus batchNo } errors { code field } } }";
        var first = (await admin.PostGraphQLAsync(print, new { i = new { deliveryIds = new[] { deliveryId }, documents = new[] { "STOCK_LIST" } } })).Ok().GetProperty("printDeliveries");
        (first.GetProperty("deliveries")[0].GetProperty("printStatus").GetInt32(), first.GetProperty("deliveries")[0].GetProperty("processStatus").GetString()).ShouldBe((1, "NONE"));
        var rest = (await admin.PostGraphQLAsync(print, new { i = new { deliveryIds = new[] { deliveryId }, documents = new[] { "DELIVERY_NOTE", "EXPRESS_LABEL" } } })).Ok().GetProperty("printDeliveries");
        var printed = rest.GetProperty("deliveries")[0];
        (printed.GetProperty("printStatus").GetInt32(), printed.GetProperty("processStatus").GetString()).ShouldBe((7, "PRINTED"));
        printed.GetProperty("batchNo").GetString()!.ShouldMatch(@"^admin-\d{5}-\d{4}_01$");
        var unknown = (await admin.PostGraphQLAsync(print, new { i = new { deliveryIds = new[] { deliveryId, "D-none" }, documents = new[] { "STOCK_LIST" } } })).Ok().GetProperty("printDeliveries");
        (unknown.GetProperty("errors")[0].GetProperty("code").GetString(), unknown.GetProperty("errors")[0].GetProperty("field").GetString()).ShouldBe(("NOT_FOUND", "input.deliveryIds[1]"));

        ErrorCode(await Run("ConsignDeliveryInput!", "consignDelivery", new { logisticsNo = express })).ShouldBe("DELIVERY_NOT_VERIFIED");
        ErrorCode(await Run("VerifyDeliveryItemInput!", "verifyDeliveryItem", new { logisticsNo = express, barcode = "690000" })).ShouldBe("BARCODE_NOT_IN_DELIVERY");
        var once = await Run("VerifyDeliveryItemInput!", "verifyDeliveryItem", new { logisticsNo = express, barcode = "69" + shop.M1 });
        once.GetProperty("delivery").GetProperty("lines")[0].GetProperty("verifyNum").GetInt32().ShouldBe(1);
        var twice = await Run("VerifyDeliveryItemInput!", "verifyDeliveryItem", new { logisticsNo = express, barcode = "69" + shop.M1 });
        twice.GetProperty("delivery").GetProperty("processStatus").GetString().ShouldBe("VERIFIED");
        ErrorCode(await Run("VerifyDeliveryItemInput!", "verifyDeliveryItem", new { logisticsNo = express, barcode = "69" + shop.M1 })).ShouldBe("INVALID_STATE");

        var consigned = await Run("ConsignDeliveryInput!", "consignDelivery", new { logisticsNo = express, weightGrams = 480 });
        (consigned.GetProperty("delivery").GetProperty("status").GetString(), consigned.GetProperty("delivery").GetProperty("processStatus").GetString()).ShouldBe(("SHIPPED", "CONSIGNED"));
        ErrorCode(await Run("ConsignDeliveryInput!", "consignDelivery", new { logisticsNo = express })).ShouldBe("ALREADY_SHIPPED");
        var order = (await admin.PostGraphQLAsync("query($id: ID!) { channelOrder(id: $id) { shipStatus state deliveries { id } } }", new { id = orderId })).Ok().GetProperty("channelOrder");
        (order.GetProperty("shipStatus").GetString(), order.GetProperty("state").GetString()).ShouldBe(("SHIPPED", "FINISHED"));
        var stock = (await admin.PostGraphQLAsync("query($b: String!, $m: String!) { branchStocks(where: { branchCode: { eq: $b }, basicMaterialCode: { eq: $m } }) { nodes { onHand branchFreeze } } stockLedger(where: { branchCode: { eq: $b }, basicMaterialCode: { eq: $m }, documentId: { eq: \"" + deliveryId + "\" } }) { nodes { type quantity onHandAfter } } }",
            new { b = shop.Branch, m = shop.M1 })).Ok();
        var level = stock.GetProperty("branchStocks").GetProperty("nodes")[0];
        (level.GetProperty("onHand").GetInt32(), level.GetProperty("branchFreeze").GetInt32()).ShouldBe((18, 0));
        var sale = stock.GetProperty("stockLedger").GetProperty("nodes").EnumerateArray().ShouldHaveSingleItem();
        (sale.GetProperty("type").GetString(), sale.GetProperty("quantity").GetInt32(), sale.GetProperty("onHandAfter").GetInt32()).ShouldBe(("SALES_OUT", -2, 18));
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(18);
    }

    [Fact]
    public async Task orders_and_deliveries_are_listed_filtered_and_sorted_on_the_server()
    {
        var admin = await Api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        var tids = new[] { Code("T"), Code("T"), Code("T") };
        (await SendAsync(shop, Order(tids[0], "2026-12-04 09:01:00", lines: [(shop.Sku, 1)]))).Status.ShouldBe(201);
        (await SendAsync(shop, Order(tids[1], "2026-12-04 09:01:00", status: "TRADE_CLOSED", lines: [(shop.Sku, 1)]))).Status.ShouldBe(201);
        var third = (await SendAsync(shop, Order(tids[2], "2026-12-04 09:01:00", lines: [(shop.Sku, 1)]))).Body.GetProperty("orderId").GetString();
        (await admin.PostGraphQLAsync(Review, new { i = new { orderId = third, branchCode = shop.Branch } })).Ok();

        const string list = "query($s: String!, $w: ChannelOrderFilterInput!) { channelOrders(where: { and: [{ shopCode: { eq: $s } }, $w] }, order: [{ orderBn: DESC }]) { totalCount nodes { tid processStatus } } }";
        var all = (await admin.PostGraphQLAsync(list, new { s = shop.Code, w = new { } })).Ok().GetProperty("channelOrders");
        all.GetProperty("totalCount").GetInt32().ShouldBe(3);
        all.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("tid").GetString()).ShouldBe(tids.Reverse()); // orderBn descending: the newest first
        var unconfirmed = (await admin.PostGraphQLAsync(list, new { s = shop.Code, w = new { processStatus = new { eq = "UNCONFIRMED" } } })).Ok().GetProperty("channelOrders");
        unconfirmed.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("tid").GetString()).ShouldBe([tids[0]]);

        var deliveries = (await admin.PostGraphQLAsync("query($b: String!) { deliveries(where: { branchCode: { eq: $b }, status: { eq: NORMAL } }) { nodes { orderId status } } }",
            new { b = shop.Branch })).Ok().GetProperty("deliveries").GetProperty("nodes").EnumerateArray().ShouldHaveSingleItem();
        deliveries.GetProperty("orderId").GetString().ShouldBe(third);
    }

    [Fact]
    public async Task scenarios_10_and_11_cancel_closes_the_delivery_and_releases_everything_and_pause_stops_the_warehouse_until_resumed()
    {
        var admin = await Api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        async Task<string> ReviewedAsync()
        {
            var id = (await SendAsync(shop, Order(Code("T"), "2026-12-04 09:01:00", lines: [(shop.Sku, 3)]))).Body.GetProperty("orderId").GetString()!;
            (await admin.PostGraphQLAsync(Review, new { i = new { orderId = id, branchCode = shop.Branch } })).Ok().GetProperty("reviewOrder").GetProperty("errors").GetArrayLength().ShouldBe(0);
            return id;
        }
        async Task<JsonElement> Change(string mutation, string input, object value) =>
            (await admin.PostGraphQLAsync($"mutation($i: {input}) {{ {mutation}(input: $i) {{ {OrderFields} }} }}", new { i = value })).Ok().GetProperty(mutation);

        var cancelled = await Change("cancelOrder", "CancelOrderInput!", new { orderId = await ReviewedAsync(), reason = "买家取消" });
        cancelled.GetProperty("errors").GetArrayLength().ShouldBe(0, cancelled.ToString());
        var order = cancelled.GetProperty("order");
        (order.GetProperty("processStatus").GetString(), order.GetProperty("shopFreezes").GetArrayLength()).ShouldBe(("CANCELLED", 0));
        var closed = order.GetProperty("deliveries")[0];
        (closed.GetProperty("status").GetString(), closed.GetProperty("closeReason").GetString()).ShouldBe(("CANCELLED", "CANCELLED"));
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(20); // branch freeze back to the shop, then released

        var paused = await ReviewedAsync();
        (await Change("pauseOrder", "PauseOrderInput!", new { orderId = paused })).GetProperty("order").GetProperty("deliveries")[0].GetProperty("status").GetString().ShouldBe("PAUSED");
        var print = (await admin.PostGraphQLAsync("query($id: ID!) { channelOrder(id: $id) { deliveries { id } } }", new { id = paused })).Ok()
            .GetProperty("channelOrder").GetProperty("deliveries")[0].GetProperty("id").GetString();
        (await admin.PostGraphQLAsync("mutation($i: PrintDeliveriesInput!) { printDeliveries(input: $i) { errors { code } } }", new { i = new { deliveryIds = new[] { print }, documents = new[] { "STOCK_LIST" } } }))
            .Ok().GetProperty("printDeliveries").GetProperty("errors")[0].GetProperty("code").GetString().ShouldBe("DELIVERY_PAUSED");
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(17); // pausing moves nothing
        var resumed = await Change("resumeOrder", "OrderRefInput!", new { orderId = paused });
        (resumed.GetProperty("order").GetProperty("paused").GetBoolean(), resumed.GetProperty("order").GetProperty("deliveries")[0].GetProperty("status").GetString()).ShouldBe((false, "NORMAL"));
    }

    [Fact]
    public async Task scenario_18_a_failed_order_repaired_with_a_mapping_freezes_its_stock()
    {
        var admin = await Api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        var orderId = (await SendAsync(shop, Order(Code("T"), "2026-12-04 09:01:00", lines: [("X-404", 2)]))).Body.GetProperty("orderId").GetString()!;
        const string repair = "mutation($i: RepairFailedOrderInput!) { repairFailedOrder(input: $i) { " + OrderFields + " } }";
        (await admin.PostGraphQLAsync(repair, new { i = new { orderId, mappings = new[] { new { bn = "X-404", salesMaterialCode = "NOPE" } } } })).Ok()
            .GetProperty("repairFailedOrder").GetProperty("errors")[0].GetProperty("field").GetString().ShouldBe("input.mappings[0].salesMaterialCode");
        var repaired = (await admin.PostGraphQLAsync(repair, new { i = new { orderId, mappings = new[] { new { bn = "X-404", salesMaterialCode = shop.Sku } } } })).Ok()
            .GetProperty("repairFailedOrder").GetProperty("order");
        (repaired.GetProperty("isFail").GetBoolean(), repaired.GetProperty("shopFreezes")[0].GetProperty("quantity").GetInt32()).ShouldBe((false, 2));
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(18);
    }

    [Fact]
    public async Task scenario_13_a_new_sellers_remark_pauses_a_reviewed_order_with_its_delivery_but_not_an_unreviewed_one()
    {
        var admin = await Api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        async Task<(string Tid, string OrderId)> OrderAsync_()
        {
            var tid = Code("T");
            return (tid, (await SendAsync(shop, Order(tid, "2026-12-04 09:01:00", lines: [(shop.Sku, 2)]))).Body.GetProperty("orderId").GetString()!);
        }
        object WithMemo(string tid) => new Dictionary<string, object?>(JsonSerializer.Deserialize<Dictionary<string, object?>>(
            JsonSerializer.Serialize(Order(tid, "2026-12-04 09:30:00", lines: [(shop.Sku, 2)])))!) { ["trade_memo"] = "call first" };
        async Task<JsonElement> Read(string orderId) =>
            (await admin.PostGraphQLAsync("query($id: ID!) { channelOrder(id: $id) { paused tradeMemo deliveries { status } } }", new { id = orderId })).Ok().GetProperty("channelOrder");

        var (reviewedTid, reviewed) = await OrderAsync_();
        (await admin.PostGraphQLAsync(Review, new { i = new { orderId = reviewed, branchCode = shop.Branch } })).Ok();
        var (status, answer) = await SendAsync(shop, WithMemo(reviewedTid));
        (status, answer.GetProperty("result").GetString()).ShouldBe((200, "updated"));
        var order = await Read(reviewed);
        (order.GetProperty("paused").GetBoolean(), order.GetProperty("tradeMemo").GetString(), order.GetProperty("deliveries")[0].GetProperty("status").GetString())
            .ShouldBe((true, "call first", "PAUSED"));

        var (freshTid, fresh) = await OrderAsync_();
        (await SendAsync(shop, WithMemo(freshTid))).Body.GetProperty("result").GetString().ShouldBe("updated");
        var unreviewed = await Read(fresh);
        (unreviewed.GetProperty("paused").GetBoolean(), unreviewed.GetProperty("tradeMemo").GetString()).ShouldBe((false, "call first"));
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(16); // remarks and pauses move nothing
    }

    [Fact]
    public async Task a_revoked_delivery_gives_its_units_back_to_the_shop_and_the_order_is_reviewed_again()
    {
        var admin = await Api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        var orderId = (await SendAsync(shop, Order(Code("T"), "2026-12-04 09:01:00", lines: [(shop.Sku, 2)]))).Body.GetProperty("orderId").GetString()!;
        var deliveryId = (await admin.PostGraphQLAsync(Review, new { i = new { orderId, branchCode = shop.Branch } })).Ok()
            .GetProperty("reviewOrder").GetProperty("delivery").GetProperty("id").GetString()!;
        const string revoke = "mutation($i: CloseDeliveryInput!) { revokeDelivery(input: $i) { " + OrderFields + " } }";
        var revoked = (await admin.PostGraphQLAsync(revoke, new { i = new { deliveryId, reason = "地址有误" } })).Ok().GetProperty("revokeDelivery");
        revoked.GetProperty("errors").GetArrayLength().ShouldBe(0, revoked.ToString());
        var order = revoked.GetProperty("order");
        (order.GetProperty("processStatus").GetString(), order.GetProperty("shopFreezes")[0].GetProperty("quantity").GetInt32()).ShouldBe(("UNCONFIRMED", 2));
        (order.GetProperty("deliveries")[0].GetProperty("status").GetString(), order.GetProperty("deliveries")[0].GetProperty("closeReason").GetString()).ShouldBe(("CANCELLED", "REVOKED"));
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(18);
        (await admin.PostGraphQLAsync(revoke, new { i = new { deliveryId } })).Ok().GetProperty("revokeDelivery").GetProperty("errors")[0].GetProperty("code").GetString()
            .ShouldBe("DELIVERY_CLOSED");
        (await admin.PostGraphQLAsync(Review, new { i = new { orderId, branchCode = shop.Branch } })).Ok().GetProperty("reviewOrder").GetProperty("errors").GetArrayLength().ShouldBe(0);
    }
}
