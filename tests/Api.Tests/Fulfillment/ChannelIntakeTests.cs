using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cabinets.Api.Tests.Access;
using Cabinets.Api.Tests.GraphQL;

namespace Cabinets.Api.Tests.Fulfillment;

/// <summary>
/// Intake (FULFILLMENT.md §2.1, §4a) over the signed channel endpoint against PostgreSQL: an order is
/// created once by (shop, tid) and freezes its shop's stock; later arrivals are ordered by `modified`;
/// a closed trade releases the freeze; a line whose `bn` is unknown makes a failed order that freezes
/// nothing; bad signatures, replays and bad fields change nothing.
/// </summary>
public sealed class ChannelIntakeTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Token = "shop-token-for-tests";

    private static string Code(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private sealed record Shop(string Code, string Node, string Sku, string Bundle, string M1, string M2)
    {
        public string Branch { get; init; } = "";
    }

    private async Task<Shop> ShopAsync(HttpClient admin, int stock = 20)
    {
        var s = new Shop(Code("S"), Code("node-"), Code("SKU"), Code("BOX"), Code("M"), Code("M")) { Branch = Code("B") };
        (await admin.PostGraphQLAsync("mutation($i: RegisterShopInput!) { registerShop(input: $i) { errors { code } } }",
            new { i = new { shopCode = s.Code, name = "旗舰店", platform = "TAOBAO", nodeId = s.Node, token = Token } })).Ok();
        foreach (var m in new[] { s.M1, s.M2 })
            (await admin.PostGraphQLAsync("mutation($i: RegisterBasicMaterialInput!) { registerBasicMaterial(input: $i) { errors { code } } }", new { i = new { code = m, name = m, barcode = "69" + m } })).Ok();
        const string sales = "mutation($i: RegisterSalesMaterialInput!) { registerSalesMaterial(input: $i) { errors { code } } }";
        (await admin.PostGraphQLAsync(sales, new { i = new { code = s.Sku, name = "保温杯", type = "NORMAL", components = new[] { new { basicMaterialCode = s.M1, quantity = 1 } } } })).Ok();
        (await admin.PostGraphQLAsync(sales, new { i = new { code = s.Bundle, name = "礼盒", type = "BUNDLE",
            components = new[] { new { basicMaterialCode = s.M1, quantity = 2 }, new { basicMaterialCode = s.M2, quantity = 1 } } } })).Ok();
        var branch = s.Branch;
        (await admin.PostGraphQLAsync("mutation($i: RegisterBranchInput!) { registerBranch(input: $i) { errors { code } } }",
            new { i = new { branchCode = branch, name = "仓", wmsType = "OWN", online = true, role = "SHIPPING", linkedShopCodes = new[] { s.Code } } })).Ok();
        var receipt = (await admin.PostGraphQLAsync("mutation($i: CreatePurchaseReceiptInput!) { createPurchaseReceipt(input: $i) { purchaseReceipt { id } } }",
            new { i = new { branchCode = branch, lines = new[] { new { basicMaterialCode = s.M1, quantity = stock }, new { basicMaterialCode = s.M2, quantity = stock } } } }))
            .Ok().GetProperty("createPurchaseReceipt").GetProperty("purchaseReceipt").GetProperty("id").GetString();
        (await admin.PostGraphQLAsync("mutation($i: PurchaseReceiptRefInput!) { approvePurchaseReceipt(input: $i) { errors { code } } }", new { i = new { receiptId = receipt } })).Ok();
        (await admin.PostGraphQLAsync("mutation($i: ReceivePurchaseReceiptInput!) { receivePurchaseReceipt(input: $i) { errors { code } } }", new { i = new { receiptId = receipt } })).Ok();
        return s;
    }

    private static object Order(string tid, string modified, string status = "TRADE_ACTIVE", string ship = "SHIP_NO", params (string Bn, int Quantity)[] lines) => new
    {
        tid, status, pay_status = "PAY_FINISH", ship_status = ship, is_cod = false, created = "2026-12-04 09:00:00", modified, total_trade_fee = 9900, payed_fee = 9900,
        receiver_name = "王小明", receiver_state = "浙江省", receiver_city = "杭州市", receiver_address = "西湖区文三路 1 号", receiver_mobile = "13800138000",
        buyer_uname = "wxm", buyer_memo = "请尽快发货",
        orders = lines.Select((l, i) => new { oid = $"{tid}-{i}", bn = l.Bn, items_num = l.Quantity, title = "商品", price = 3300, total_order_fee = 3300 * l.Quantity }),
    };

    private async Task<HttpResponseMessage> PostAsync(Shop shop, object body, string? node = null, string? nonce = null, string token = Token, string? idempotencyKey = null,
        string? path = null)
    {
        path ??= $"/api/channels/{shop.Code}/orders";
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        nonce ??= Guid.NewGuid().ToString("N");
        var canonical = $"POST\n{path}\n{timestamp}\n{nonce}\n{Convert.ToHexStringLower(SHA256.HashData(bytes))}";
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Node-Id", node ?? shop.Node);
        request.Headers.Add("X-Timestamp", timestamp);
        request.Headers.Add("X-Nonce", nonce);
        request.Headers.Add("X-Signature", Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(canonical))));
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await api.Http().SendAsync(request);
    }

    private async Task<(int Status, JsonElement Body)> SendAsync(Shop shop, object body)
    {
        var response = await PostAsync(shop, body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement);
    }

    private static async Task<JsonElement> OrderAsync(HttpClient admin, Shop shop, string tid) =>
        (await admin.PostGraphQLAsync("query($s: String!, $t: String!) { channelOrderByTid(shopCode: $s, tid: $t) { orderBn processStatus state isFail unmatchedBns payStatus buyerMemo " +
            "objects { salesMaterialCode quantity items { basicMaterialCode quantity } } shopFreezes { basicMaterialCode quantity } } }", new { s = shop.Code, t = tid }))
            .Ok().GetProperty("channelOrderByTid");

    private static async Task<int> SellableAsync(HttpClient admin, Shop shop, string sku) =>
        (await admin.PostGraphQLAsync("query($s: String!, $m: String!) { sellableStock(shopCode: $s, salesMaterialCode: $m) { sellable } }", new { s = shop.Code, m = sku }))
            .Ok().GetProperty("sellableStock").GetProperty("sellable").GetInt32();

    [Fact]
    public async Task an_order_is_created_once_freezes_its_shop_stock_and_later_arrivals_follow_modified()
    {
        var admin = await api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        var tid = Code("T");
        var first = Order(tid, "2026-12-04 09:01:00", lines: [(shop.Sku, 2), (shop.Bundle, 1)]);
        var (status, created) = await SendAsync(shop, first);
        status.ShouldBe(201, created.ToString());
        (created.GetProperty("result").GetString(), created.GetProperty("tid").GetString()).ShouldBe(("created", tid));
        var orderBn = created.GetProperty("orderBn").GetString()!;
        orderBn.Length.ShouldBe(17); // yyyyMMddHHmm + 5 digits
        var order = await OrderAsync(admin, shop, tid);
        order.GetProperty("shopFreezes").EnumerateArray().Select(f => $"{f.GetProperty("basicMaterialCode").GetString()}:{f.GetProperty("quantity").GetInt32()}")
            .ShouldBe([$"{shop.M1}:4", $"{shop.M2}:1"], ignoreOrder: true); // 2 × M1, plus the bundle's 2 × M1 and 1 × M2
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(16);

        var (again, unchanged) = await SendAsync(shop, first);
        (again, unchanged.GetProperty("result").GetString(), unchanged.GetProperty("orderBn").GetString()).ShouldBe((200, "unchanged", orderBn));
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(16);

        var (_, updated) = await SendAsync(shop, Order(tid, "2026-12-04 09:05:00", lines: [(shop.Sku, 3)]));
        updated.GetProperty("result").GetString().ShouldBe("updated");
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(17); // M1 frozen: 4 → 3
        var (_, stale) = await SendAsync(shop, Order(tid, "2026-12-04 09:03:00", lines: [(shop.Sku, 9)]));
        (stale.GetProperty("result").GetString(), stale.GetProperty("reason").GetString()).ShouldBe(("ignored", "stale"));
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(17);

        var (_, closed) = await SendAsync(shop, Order(tid, "2026-12-04 09:10:00", status: "TRADE_CLOSED", lines: [(shop.Sku, 3)]));
        closed.GetProperty("result").GetString().ShouldBe("updated");
        var cancelled = await OrderAsync(admin, shop, tid);
        (cancelled.GetProperty("processStatus").GetString(), cancelled.GetProperty("state").GetString()).ShouldBe(("CANCELLED", "VOID"));
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(20);
        var (_, final) = await SendAsync(shop, Order(tid, "2026-12-04 09:20:00", lines: [(shop.Sku, 5)]));
        (final.GetProperty("result").GetString(), final.GetProperty("reason").GetString()).ShouldBe(("ignored", "final"));
    }

    [Fact]
    public async Task an_unknown_bn_makes_a_failed_order_and_a_closed_or_shipped_first_arrival_freezes_nothing()
    {
        var admin = await api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        var failedTid = Code("T");
        (await SendAsync(shop, Order(failedTid, "2026-12-04 09:01:00", lines: [(shop.Sku, 1), ("NO-SUCH-BN", 2)]))).Status.ShouldBe(201);
        var failed = await OrderAsync(admin, shop, failedTid);
        (failed.GetProperty("isFail").GetBoolean(), failed.GetProperty("shopFreezes").GetArrayLength()).ShouldBe((true, 0));
        failed.GetProperty("unmatchedBns").EnumerateArray().Select(b => b.GetString()).ShouldBe(["NO-SUCH-BN"]);

        var closedTid = Code("T");
        (await SendAsync(shop, Order(closedTid, "2026-12-04 09:01:00", status: "TRADE_CLOSED", lines: [(shop.Sku, 1)]))).Status.ShouldBe(201);
        (await OrderAsync(admin, shop, closedTid)).GetProperty("processStatus").GetString().ShouldBe("CANCELLED");
        var shippedTid = Code("T");
        (await SendAsync(shop, Order(shippedTid, "2026-12-04 09:01:00", ship: "SHIP_FINISH", lines: [(shop.Sku, 1)]))).Status.ShouldBe(201);
        (await OrderAsync(admin, shop, shippedTid)).GetProperty("state").GetString().ShouldBe("FINISHED");
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(20);
    }

    [Fact]
    public async Task bad_signatures_replays_and_bad_fields_are_refused_and_change_nothing()
    {
        var admin = await api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        var other = await ShopAsync(admin);
        var tid = Code("T");
        var body = Order(tid, "2026-12-04 09:01:00", lines: [(shop.Sku, 1)]);
        async Task<(HttpStatusCode, string?)> Problem(HttpResponseMessage r) =>
            (r.StatusCode, JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString());

        (await Problem(await PostAsync(shop, body, token: "not-the-token"))).ShouldBe((HttpStatusCode.Unauthorized, "https://cabinets.example/problems/fulfillment/invalid-signature"));
        (await Problem(await PostAsync(shop, body, node: other.Node))).ShouldBe((HttpStatusCode.Unauthorized, "https://cabinets.example/problems/fulfillment/invalid-signature"));
        var nonce = Guid.NewGuid().ToString("N");
        (await PostAsync(shop, body, nonce: nonce)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Problem(await PostAsync(shop, Order(tid, "2026-12-04 09:02:00", lines: [(shop.Sku, 5)]), nonce: nonce)))
            .ShouldBe((HttpStatusCode.Unauthorized, "https://cabinets.example/problems/fulfillment/replayed-nonce"));

        var invalid = await PostAsync(shop, new { tid = "", status = "TRADE_OPEN", pay_status = "PAY_FINISH", is_cod = false, created = "yesterday", modified = "2026-12-04 09:01:00",
            total_trade_fee = -1, receiver_name = "x", receiver_state = "x", receiver_city = "x", receiver_address = "x", orders = new[] { new { oid = "1", bn = shop.Sku, items_num = 0 } } });
        invalid.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var fields = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()).RootElement.GetProperty("fields").EnumerateArray().Select(f => f.GetString()).ToList();
        fields.ShouldBe(["tid", "status", "created", "total_trade_fee", "receiver_mobile", "orders[0].items_num"], ignoreOrder: true);
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(19); // only the one accepted order froze stock
    }

    [Fact]
    public async Task the_same_new_order_arriving_four_times_at_once_is_one_order_frozen_once_and_its_consignee_is_sealed()
    {
        var admin = await api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        var tid = Code("T");
        var body = Order(tid, "2026-12-04 09:01:00", lines: [(shop.Sku, 2)]);
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(shop, body)));
        var texts = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1, string.Join("\n", texts));
        texts.Select(t => JsonDocument.Parse(t).RootElement.TryGetProperty("orderBn", out var bn) ? bn.GetString() : t).Distinct().Count().ShouldBe(1, string.Join("\n", texts));
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(18);

        await using var db = Npgsql.NpgsqlDataSource.Create(api.ConnectionString);
        var events = (string)(await db.CreateCommand($"select string_agg(data::text, ' ') from public.mt_events where stream_id = 'fulfillment-order-{shop.Code}:{tid}'").ExecuteScalarAsync())!;
        events.ShouldNotContain("13800138000");
        events.ShouldNotContain("文三路");
    }

    private const string Review = "mutation($i: ReviewOrderInput!) { reviewOrder(input: $i) { order { processStatus shopFreezes { quantity } } delivery { id deliveryBn orderId lines { basicMaterialCode number } } errors { code message field } } }";

    [Fact]
    public async Task review_moves_the_orders_shop_freeze_to_the_branch_in_one_delivery_and_is_refused_twice()
    {
        var admin = await api.SharedAdminAsync();
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
        var admin = await api.SharedAdminAsync();
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

    private const string DeliveryFields = "delivery { id logisticsNo printStatus processStatus status batchNo lines { barcode number verifyNum verified } } errors { code message field }";

    [Fact]
    public async Task an_orders_life_from_intake_to_consign_moves_its_stock_once_and_refuses_every_step_out_of_order()
    {
        var admin = await api.SharedAdminAsync();
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
        var admin = await api.SharedAdminAsync();
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

    private const string OrderFields = "order { processStatus state paused isFail shopFreezes { basicMaterialCode quantity } deliveries { status closeReason } } errors { code message field }";

    [Fact]
    public async Task scenarios_10_and_11_cancel_closes_the_delivery_and_releases_everything_and_pause_stops_the_warehouse_until_resumed()
    {
        var admin = await api.SharedAdminAsync();
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
        var admin = await api.SharedAdminAsync();
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
    public async Task a_request_sent_again_under_its_idempotency_key_gets_the_first_answer_and_another_body_is_a_conflict()
    {
        var admin = await api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        var tid = Code("T");
        var key = Guid.NewGuid().ToString();
        var first = await PostAsync(shop, Order(tid, "2026-12-04 09:01:00", lines: [(shop.Sku, 1)]), idempotencyKey: key);
        var again = await PostAsync(shop, Order(tid, "2026-12-04 09:01:00", lines: [(shop.Sku, 1)]), idempotencyKey: key); // without the key: 200 "unchanged"
        (again.StatusCode, await again.Content.ReadAsStringAsync()).ShouldBe((first.StatusCode, await first.Content.ReadAsStringAsync()));
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var other = await PostAsync(shop, Order(tid, "2026-12-04 09:02:00", lines: [(shop.Sku, 4)]), idempotencyKey: key);
        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        JsonDocument.Parse(await other.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString().ShouldBe("https://cabinets.example/problems/fulfillment/idempotency-conflict");
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(19);
    }

    [Fact]
    public async Task channel_payments_are_recorded_once_by_their_id_and_a_failed_one_stops_counting()
    {
        var admin = await api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        var tid = Code("T");
        var unpaid = new Dictionary<string, object?>(JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(Order(tid, "2026-12-04 09:01:00", lines: [(shop.Sku, 1)])))!)
            { ["pay_status"] = "PAY_NO", ["payed_fee"] = 0 };
        (await PostAsync(shop, unpaid)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var payments = $"/api/channels/{shop.Code}/payments";
        async Task<(HttpStatusCode, string)> Pay(string id, long fee) =>
            await Read(await PostAsync(shop, new { tid, payment_id = id, pay_fee = fee, payment_name = "支付宝", pay_time = "2026-12-04 09:05:00" }, path: payments));
        static async Task<(HttpStatusCode, string)> Read(HttpResponseMessage r) => (r.StatusCode, await r.Content.ReadAsStringAsync());
        async Task<(string?, long)> Status()
        {
            var o = (await admin.PostGraphQLAsync("query($s: String!, $t: String!) { channelOrderByTid(shopCode: $s, tid: $t) { payStatus payedFen } }", new { s = shop.Code, t = tid }))
                .Ok().GetProperty("channelOrderByTid");
            return (o.GetProperty("payStatus").GetString(), o.GetProperty("payedFen").GetInt64());
        }

        (await Pay("P1", 5000)).Item1.ShouldBe(HttpStatusCode.Created);
        (await Status()).ShouldBe(("PARTIALLY_PAID", 5000L));
        (await Pay("P1", 5000)).Item1.ShouldBe(HttpStatusCode.Created); // the same payment again changes nothing
        (await Status()).ShouldBe(("PARTIALLY_PAID", 5000L));
        (await Pay("P1", 6000)).Item1.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Pay("P2", 4900)).Item1.ShouldBe(HttpStatusCode.Created);
        (await Status()).ShouldBe(("PAID", 9900L));
        (await Read(await PostAsync(shop, new { status = "failed" }, path: $"{payments}/P1/status"))).Item1.ShouldBe(HttpStatusCode.OK);
        (await Status()).ShouldBe(("PARTIALLY_PAID", 4900L));
        (await Read(await PostAsync(shop, new { status = "failed" }, path: $"{payments}/P9/status"))).Item1.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Read(await PostAsync(shop, new { tid, payment_id = "P3" }, path: payments))).Item2.ShouldContain("pay_fee");
    }

    [Fact]
    public async Task a_channel_refund_pauses_the_order_and_its_delivery_once()
    {
        var admin = await api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        var tid = Code("T");
        var orderId = (await SendAsync(shop, Order(tid, "2026-12-04 09:01:00", lines: [(shop.Sku, 2)]))).Body.GetProperty("orderId").GetString()!;
        (await admin.PostGraphQLAsync(Review, new { i = new { orderId, branchCode = shop.Branch } })).Ok();
        var refunds = $"/api/channels/{shop.Code}/refunds";
        var body = new { tid, refund_id = "R1", refund_fee = 3300, is_full = false, reason = "少发一件" };
        (await PostAsync(shop, body, path: refunds)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await PostAsync(shop, body, path: refunds)).StatusCode.ShouldBe(HttpStatusCode.Created); // once by refund_id
        var order = (await admin.PostGraphQLAsync("query($id: ID!) { channelOrder(id: $id) { paused deliveries { status } } }", new { id = orderId })).Ok().GetProperty("channelOrder");
        (order.GetProperty("paused").GetBoolean(), order.GetProperty("deliveries")[0].GetProperty("status").GetString()).ShouldBe((true, "PAUSED"));
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(18); // nothing moved
        (await PostAsync(shop, new { tid, refund_id = "R2" }, path: refunds)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task scenario_13_a_new_sellers_remark_pauses_a_reviewed_order_with_its_delivery_but_not_an_unreviewed_one()
    {
        var admin = await api.SharedAdminAsync();
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
        var admin = await api.SharedAdminAsync();
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
