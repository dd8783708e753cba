using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cabinets.Api.Tests.Access;
using Cabinets.Api.Tests.GraphQL;

namespace Cabinets.Api.Tests.Fulfillment;

/// <summary>
/// What the channel-order tests share: a shop with its node and token, materials with barcodes, a branch holding
/// stock from a received purchase receipt; signed channel requests; the console's reads of an order and of sellable stock.
/// </summary>
public abstract class ChannelOrderScenarios(ApiFixture api)
{
    protected ApiFixture Api => api;

    protected const string Token = "shop-token-for-tests";

    protected static string Code(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    protected sealed record Shop(string Code, string Node, string Sku, string Bundle, string M1, string M2)
    {
        public string Branch { get; init; } = "";
    }

    protected async Task<Shop> ShopAsync(HttpClient admin, int stock = 20)
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

    protected static object Order(string tid, string modified, string status = "TRADE_ACTIVE", string ship = "SHIP_NO", params (string Bn, int Quantity)[] lines) => new
    {
        tid, status, pay_status = "PAY_FINISH", ship_status = ship, is_cod = false, created = "2026-12-04 09:00:00", modified, total_trade_fee = 9900, payed_fee = 9900,
        receiver_name = "王小明", receiver_state = "浙江省", receiver_city = "杭州市", receiver_address = "西湖区文三路 1 号", receiver_mobile = "13800138000",
        buyer_uname = "wxm", buyer_memo = "请尽快发货",
        orders = lines.Select((l, i) => new { oid = $"{tid}-{i}", bn = l.Bn, items_num = l.Quantity, title = "商品", price = 3300, total_order_fee = 3300 * l.Quantity }),
    };

    protected async Task<HttpResponseMessage> PostAsync(Shop shop, object body, string? node = null, string? nonce = null, string token = Token, string? idempotencyKey = null,
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

    protected async Task<(int Status, JsonElement Body)> SendAsync(Shop shop, object body)
    {
        var response = await PostAsync(shop, body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement);
    }

    protected static async Task<JsonElement> OrderAsync(HttpClient admin, Shop shop, string tid) =>
        (await admin.PostGraphQLAsync("query($s: String!, $t: String!) { channelOrderByTid(shopCode: $s, tid: $t) { orderBn processStatus state isFail unmatchedBns payStatus buyerMemo " +
            "objects { salesMaterialCode quantity items { basicMaterialCode quantity } } shopFreezes { basicMaterialCode quantity } } }", new { s = shop.Code, t = tid }))
            .Ok().GetProperty("channelOrderByTid");

    protected static async Task<int> SellableAsync(HttpClient admin, Shop shop, string sku) =>
        (await admin.PostGraphQLAsync("query($s: String!, $m: String!) { sellableStock(shopCode: $s, salesMaterialCode: $m) { sellable } }", new { s = shop.Code, m = sku }))
            .Ok().GetProperty("sellableStock").GetProperty("sellable").GetInt32();

    protected const string Review = "mutation($i: ReviewOrderInput!) { reviewOrder(input: $i) { order { processStatus shopFreezes { quantity } } delivery { id deliveryBn orderId lines { basicMaterialCode number } } errors { code message field } } }";

    protected const string DeliveryFields = "delivery { id logisticsNo printStatus processStatus status batchNo lines { barcode number verifyNum verified } } errors { code message field }";

    protected const string OrderFields = "order { processStatus state paused isFail shopFreezes { basicMaterialCode quantity } deliveries { status closeReason } } errors { code message field }";
}
