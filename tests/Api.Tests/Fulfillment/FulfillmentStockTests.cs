using System.Text.Json;
using Cabinets.Api.Tests.Access;
using Cabinets.Api.Tests.GraphQL;

namespace Cabinets.Api.Tests.Fulfillment;

/// <summary>
/// The fulfillment console's stock part (FULFILLMENT.md §4b, §4b.1, §2.8, §2.15) over real HTTP against
/// PostgreSQL: master data, purchase receipts moving stock in transit then on hand, the ledger that
/// explains on hand, sellable stock with its branches and shops, bundles, and refusals in the payload's
/// `errors` that change nothing.
/// </summary>
public sealed class FulfillmentStockTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static string Code(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private static JsonElement Payload(GraphQLClient.Response response, string field)
    {
        var payload = response.Ok().GetProperty(field);
        payload.GetProperty("errors").GetArrayLength().ShouldBe(0, payload.ToString());
        return payload;
    }

    private static JsonElement Refused(GraphQLClient.Response response, string field)
    {
        var payload = response.Ok().GetProperty(field);
        var first = payload.GetProperty("errors").EnumerateArray().First();
        payload.EnumerateObject().First(p => p.Name != "errors").Value.ValueKind.ShouldBe(JsonValueKind.Null);
        return first;
    }

    private sealed record World(string Shop1, string Shop2, string M1, string M2, string Normal, string Bundle, string Branch1, string Offline, string Stocking);

    /// <summary>Two shops, two materials, a NORMAL and a BUNDLE sales material, an online branch both shops share, an offline one and a stocking one.</summary>
    private static async Task<World> WorldAsync(HttpClient admin)
    {
        var w = new World(Code("S"), Code("S"), Code("M"), Code("M"), Code("SKU"), Code("BOX"), Code("B"), Code("B"), Code("B"));
        foreach (var shop in new[] { w.Shop1, w.Shop2 })
            Payload(await admin.PostGraphQLAsync("mutation($i: RegisterShopInput!) { registerShop(input: $i) { shop { shopCode platform stockWriteBack } errors { code } } }",
                new { i = new { shopCode = shop, name = "天猫旗舰店", platform = "SHOPEX_485", nodeId = "node-" + shop, token = "secret-token" } }), "registerShop")
                .GetProperty("shop").GetProperty("platform").GetString().ShouldBe("SHOPEX_485");
        foreach (var m in new[] { w.M1, w.M2 })
            Payload(await admin.PostGraphQLAsync("mutation($i: RegisterBasicMaterialInput!) { registerBasicMaterial(input: $i) { basicMaterial { code } errors { code } } }",
                new { i = new { code = m, name = "物料" + m, barcode = "69" + m, weightGrams = 120 } }), "registerBasicMaterial");
        const string sales = "mutation($i: RegisterSalesMaterialInput!) { registerSalesMaterial(input: $i) { salesMaterial { code type components { basicMaterialCode quantity } } errors { code field } } }";
        Payload(await admin.PostGraphQLAsync(sales, new { i = new { code = w.Normal, name = "单品", type = "NORMAL", components = new[] { new { basicMaterialCode = w.M1, quantity = 1 } } } }), "registerSalesMaterial");
        Payload(await admin.PostGraphQLAsync(sales, new { i = new { code = w.Bundle, name = "礼盒", type = "BUNDLE",
            components = new[] { new { basicMaterialCode = w.M1, quantity = 2 }, new { basicMaterialCode = w.M2, quantity = 1 } } } }), "registerSalesMaterial");
        const string branch = "mutation($i: RegisterBranchInput!) { registerBranch(input: $i) { branch { code linkedShopCodes } errors { code field } } }";
        Payload(await admin.PostGraphQLAsync(branch, new { i = new { branchCode = w.Branch1, name = "华东仓", wmsType = "OWN", online = true, role = "SHIPPING", linkedShopCodes = new[] { w.Shop1, w.Shop2 } } }), "registerBranch");
        Payload(await admin.PostGraphQLAsync(branch, new { i = new { branchCode = w.Offline, name = "线下仓", wmsType = "OWN", online = false, role = "SHIPPING", linkedShopCodes = new[] { w.Shop1 } } }), "registerBranch");
        Payload(await admin.PostGraphQLAsync(branch, new { i = new { branchCode = w.Stocking, name = "备货仓", wmsType = "THIRD_PARTY", wmsCode = "WMS1", online = true, role = "STOCKING", linkedShopCodes = new[] { w.Shop1 } } }), "registerBranch");
        return w;
    }

    private const string Receipt = "purchaseReceipt { id status lines { basicMatericalCode: basicMaterialCode quantity receivedQuantity } } errors { code message field }";

    private static async Task<string> ReceivedAsync(HttpClient admin, string branch, params (string Material, int Quantity)[] lines)
    {
        var created = Payload(await admin.PostGraphQLAsync($"mutation($i: CreatePurchaseReceiptInput!) {{ createPurchaseReceipt(input: $i) {{ {Receipt} }} }}",
            new { i = new { branchCode = branch, lines = lines.Select(l => new { basicMaterialCode = l.Material, quantity = l.Quantity }) } }), "createPurchaseReceipt");
        var id = created.GetProperty("purchaseReceipt").GetProperty("id").GetString()!;
        Payload(await admin.PostGraphQLAsync($"mutation($i: PurchaseReceiptRefInput!) {{ approvePurchaseReceipt(input: $i) {{ {Receipt} }} }}", new { i = new { receiptId = id } }), "approvePurchaseReceipt");
        Payload(await admin.PostGraphQLAsync($"mutation($i: ReceivePurchaseReceiptInput!) {{ receivePurchaseReceipt(input: $i) {{ {Receipt} }} }}", new { i = new { receiptId = id } }), "receivePurchaseReceipt");
        return id;
    }

    private static async Task<JsonElement> StockAsync(HttpClient admin, string branch, string material) =>
        (await admin.PostGraphQLAsync("query($b: String!, $m: String!) { branchStocks(where: { branchCode: { eq: $b }, basicMaterialCode: { eq: $m } }) { nodes { onHand inTransit branchFreeze available branch { code } } } }",
            new { b = branch, m = material })).Ok().GetProperty("branchStocks").GetProperty("nodes").EnumerateArray().SingleOrDefault();

    [Fact]
    public async Task a_purchase_receipt_puts_units_in_transit_then_on_hand_in_parts_and_the_ledger_explains_them()
    {
        var admin = await api.SharedAdminAsync();
        var w = await WorldAsync(admin);
        var created = Payload(await admin.PostGraphQLAsync($"mutation($i: CreatePurchaseReceiptInput!) {{ createPurchaseReceipt(input: $i) {{ {Receipt} }} }}",
            new { i = new { branchCode = w.Branch1, lines = new[] { new { basicMaterialCode = w.M1, quantity = 10 }, new { basicMaterialCode = w.M2, quantity = 3 } } } }), "createPurchaseReceipt");
        var id = created.GetProperty("purchaseReceipt").GetProperty("id").GetString()!;
        id.ShouldStartWith("PR");
        created.GetProperty("purchaseReceipt").GetProperty("status").GetString().ShouldBe("DRAFT");
        (await StockAsync(admin, w.Branch1, w.M1)).ValueKind.ShouldBe(JsonValueKind.Undefined); // a draft moves nothing

        Payload(await admin.PostGraphQLAsync($"mutation($i: PurchaseReceiptRefInput!) {{ approvePurchaseReceipt(input: $i) {{ {Receipt} }} }}", new { i = new { receiptId = id } }), "approvePurchaseReceipt");
        (await StockAsync(admin, w.Branch1, w.M1)).GetProperty("inTransit").GetInt32().ShouldBe(10);
        var part = Payload(await admin.PostGraphQLAsync($"mutation($i: ReceivePurchaseReceiptInput!) {{ receivePurchaseReceipt(input: $i) {{ {Receipt} }} }}",
            new { i = new { receiptId = id, lines = new[] { new { basicMaterialCode = w.M1, quantity = 6 } } } }), "receivePurchaseReceipt");
        part.GetProperty("purchaseReceipt").GetProperty("status").GetString().ShouldBe("PARTIALLY_RECEIVED");
        var stock = await StockAsync(admin, w.Branch1, w.M1);
        (stock.GetProperty("onHand").GetInt32(), stock.GetProperty("inTransit").GetInt32(), stock.GetProperty("available").GetInt32()).ShouldBe((6, 4, 6));
        stock.GetProperty("branch").GetProperty("code").GetString().ShouldBe(w.Branch1);

        var tooMany = Refused(await admin.PostGraphQLAsync($"mutation($i: ReceivePurchaseReceiptInput!) {{ receivePurchaseReceipt(input: $i) {{ {Receipt} }} }}",
            new { i = new { receiptId = id, lines = new[] { new { basicMaterialCode = w.M1, quantity = 5 } } } }), "receivePurchaseReceipt");
        (tooMany.GetProperty("code").GetString(), tooMany.GetProperty("field").GetString()).ShouldBe(("VALIDATION", "input.lines[0].quantity"));
        (await StockAsync(admin, w.Branch1, w.M1)).GetProperty("onHand").GetInt32().ShouldBe(6);

        var rest = Payload(await admin.PostGraphQLAsync($"mutation($i: ReceivePurchaseReceiptInput!) {{ receivePurchaseReceipt(input: $i) {{ {Receipt} }} }}", new { i = new { receiptId = id } }), "receivePurchaseReceipt");
        rest.GetProperty("purchaseReceipt").GetProperty("status").GetString().ShouldBe("RECEIVED");
        Refused(await admin.PostGraphQLAsync($"mutation($i: PurchaseReceiptRefInput!) {{ cancelPurchaseReceipt(input: $i) {{ {Receipt} }} }}", new { i = new { receiptId = id } }), "cancelPurchaseReceipt")
            .GetProperty("code").GetString().ShouldBe("INVALID_STATE");

        var ledger = (await admin.PostGraphQLAsync("query($b: String!, $m: String!) { stockLedger(where: { branchCode: { eq: $b }, basicMaterialCode: { eq: $m } }) { nodes { type quantity onHandAfter documentId } } }",
            new { b = w.Branch1, m = w.M1 })).Ok().GetProperty("stockLedger").GetProperty("nodes").EnumerateArray()
            .Select(e => (e.GetProperty("type").GetString(), e.GetProperty("quantity").GetInt32(), e.GetProperty("onHandAfter").GetInt32(), e.GetProperty("documentId").GetString())).ToList();
        ledger.ShouldBe([("PURCHASE_IN", 6, 6, id), ("PURCHASE_IN", 4, 10, id)]);
        var listed = (await admin.PostGraphQLAsync("query($b: String!) { purchaseReceipts(where: { branchCode: { eq: $b } }) { nodes { id status } } }", new { b = w.Branch1 }))
            .Ok().GetProperty("purchaseReceipts").GetProperty("nodes").EnumerateArray().ShouldHaveSingleItem();
        (listed.GetProperty("id").GetString(), listed.GetProperty("status").GetString()).ShouldBe((id, "RECEIVED"));
    }

    [Fact]
    public async Task sellable_stock_counts_the_shops_online_shipping_branches_and_a_bundle_sells_whole_sets()
    {
        var admin = await api.SharedAdminAsync();
        var w = await WorldAsync(admin);
        await ReceivedAsync(admin, w.Branch1, (w.M1, 10), (w.M2, 3));
        await ReceivedAsync(admin, w.Offline, (w.M1, 100));   // offline: not sold (§2.8)
        await ReceivedAsync(admin, w.Stocking, (w.M1, 100));  // stocking: never a shipping branch

        const string sellable = "query($s: String!, $m: String!) { sellableStock(shopCode: $s, salesMaterialCode: $m) { sellable onHand globalShopFreeze branchFreeze branches { branch { code } onHand } parts { basicMaterialCode perBundle sellable bundles } } }";
        var normal = (await admin.PostGraphQLAsync(sellable, new { s = w.Shop1, m = w.Normal })).Ok().GetProperty("sellableStock");
        (normal.GetProperty("sellable").GetInt32(), normal.GetProperty("onHand").GetInt32()).ShouldBe((10, 10));
        normal.GetProperty("branches").EnumerateArray().Select(b => b.GetProperty("branch").GetProperty("code").GetString()).ShouldBe([w.Branch1]);
        var bundle = (await admin.PostGraphQLAsync(sellable, new { s = w.Shop2, m = w.Bundle })).Ok().GetProperty("sellableStock");
        bundle.GetProperty("sellable").GetInt32().ShouldBe(3); // M1: 10/2 = 5 sets, M2: 3/1 = 3 sets
        bundle.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("bundles").GetInt32()).ShouldBe([5, 3]);
        (await admin.PostGraphQLAsync(sellable, new { s = w.Shop1, m = "NO-SUCH-SKU" })).Ok().GetProperty("sellableStock").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task refusals_come_back_in_the_payload_with_their_input_field_and_change_nothing()
    {
        var admin = await api.SharedAdminAsync();
        var w = await WorldAsync(admin);
        var unknown = Refused(await admin.PostGraphQLAsync($"mutation($i: CreatePurchaseReceiptInput!) {{ createPurchaseReceipt(input: $i) {{ {Receipt} }} }}",
            new { i = new { branchCode = w.Branch1, lines = new[] { new { basicMaterialCode = "NOPE", quantity = 1 } } } }), "createPurchaseReceipt");
        (unknown.GetProperty("code").GetString(), unknown.GetProperty("field").GetString()).ShouldBe(("NOT_FOUND", "input.lines[0].basicMaterialCode"));
        var taken = Refused(await admin.PostGraphQLAsync("mutation($i: RegisterShopInput!) { registerShop(input: $i) { shop { shopCode } errors { code message field } } }",
            new { i = new { shopCode = w.Shop1, name = "again", platform = "JD", nodeId = "n", token = "t" } }), "registerShop");
        (taken.GetProperty("code").GetString(), taken.GetProperty("field").GetString()).ShouldBe(("CODE_TAKEN", "input.shopCode"));
        var bundleOfOne = Refused(await admin.PostGraphQLAsync("mutation($i: RegisterSalesMaterialInput!) { registerSalesMaterial(input: $i) { salesMaterial { code } errors { code field } } }",
            new { i = new { code = Code("BOX"), name = "x", type = "BUNDLE", components = new[] { new { basicMaterialCode = w.M1, quantity = 2 } } } }), "registerSalesMaterial");
        bundleOfOne.GetProperty("field").GetString().ShouldBe("input.components");
        (await admin.PostGraphQLAsync("{ shops { shopCode name } }")).Ok().GetProperty("shops").EnumerateArray()
            .Single(s => s.GetProperty("shopCode").GetString() == w.Shop1).GetProperty("name").GetString().ShouldBe("天猫旗舰店");
    }

    [Fact]
    public async Task a_formula_is_checked_with_its_canonical_text_or_the_position_of_its_first_error()
    {
        var admin = await api.SharedAdminAsync();
        const string check = "mutation($f: String!) { validateStockFormula(formula: $f) { valid formula errorPosition message } }";
        var valid = (await admin.PostGraphQLAsync(check, new { f = "( {sellable} ) * 0.3" })).Ok().GetProperty("validateStockFormula");
        (valid.GetProperty("valid").GetBoolean(), valid.GetProperty("formula").GetString()).ShouldBe((true, "{可售库存}*0.3"));
        var invalid = (await admin.PostGraphQLAsync(check, new { f = "{可售库存}*" })).Ok().GetProperty("validateStockFormula");
        (invalid.GetProperty("valid").GetBoolean(), invalid.GetProperty("errorPosition").GetInt32()).ShouldBe((false, 7));
        invalid.GetProperty("message").GetString()!.ShouldContain("expected");
    }

    [Fact]
    public async Task two_receipts_of_the_last_outstanding_units_at_once_put_them_on_hand_once()
    {
        var admin = await api.SharedAdminAsync();
        var w = await WorldAsync(admin);
        var created = Payload(await admin.PostGraphQLAsync($"mutation($i: CreatePurchaseReceiptInput!) {{ createPurchaseReceipt(input: $i) {{ {Receipt} }} }}",
            new { i = new { branchCode = w.Branch1, lines = new[] { new { basicMaterialCode = w.M1, quantity = 5 } } } }), "createPurchaseReceipt");
        var id = created.GetProperty("purchaseReceipt").GetProperty("id").GetString()!;
        Payload(await admin.PostGraphQLAsync($"mutation($i: PurchaseReceiptRefInput!) {{ approvePurchaseReceipt(input: $i) {{ {Receipt} }} }}", new { i = new { receiptId = id } }), "approvePurchaseReceipt");
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            admin.PostGraphQLAsync($"mutation($i: ReceivePurchaseReceiptInput!) {{ receivePurchaseReceipt(input: $i) {{ {Receipt} }} }}", new { i = new { receiptId = id } })));
        answers.Count(a => a.Ok().GetProperty("receivePurchaseReceipt").GetProperty("errors").GetArrayLength() == 0).ShouldBe(1);
        var stock = await StockAsync(admin, w.Branch1, w.M1);
        (stock.GetProperty("onHand").GetInt32(), stock.GetProperty("inTransit").GetInt32()).ShouldBe((5, 0));
    }

    [Fact]
    public async Task a_shops_token_is_kept_sealed_and_never_shown()
    {
        var admin = await api.SharedAdminAsync();
        var w = await WorldAsync(admin);
        await using var db = Npgsql.NpgsqlDataSource.Create(api.ConnectionString);
        var data = (string)(await db.CreateCommand($"select data::text from public.mt_events where stream_id = 'fulfillment-shop-{w.Shop1}'").ExecuteScalarAsync())!;
        data.ShouldNotContain("secret-token");
        data.ShouldContain("ps1:");
        (await admin.PostGraphQLAsync("{ __type(name: \"Shop\") { fields { name } } }")).Ok().GetProperty("__type").GetProperty("fields").EnumerateArray()
            .Select(f => f.GetProperty("name").GetString()).ShouldNotContain("token");
        Refused(await admin.PostGraphQLAsync("mutation($i: RegisterShopInput!) { registerShop(input: $i) { shop { shopCode } errors { code field } } }",
            new { i = new { shopCode = Code("S"), name = "x", platform = "JD", nodeId = "n", token = "" } }), "registerShop").GetProperty("field").GetString().ShouldBe("input.token");
    }

    private const string Rule = "stockWriteBackRule { code enabled priority formula conditions { comparator value } shopCodes } errors { code message field }";

    [Fact]
    public async Task a_write_back_rule_decides_the_quantity_a_preview_shows_and_a_bad_formula_is_refused_at_its_position()
    {
        var admin = await api.SharedAdminAsync();
        var w = await WorldAsync(admin);
        await ReceivedAsync(admin, w.Branch1, (w.M1, 10));
        const string preview = "query($s: String!, $m: String!) { stockWriteBackPreview(shopCode: $s, salesMaterialCode: $m) { sellable quantity willSend rule { code } } }";
        var none = (await admin.PostGraphQLAsync(preview, new { s = w.Shop1, m = w.Normal })).Ok().GetProperty("stockWriteBackPreview");
        (none.GetProperty("sellable").GetInt64(), none.GetProperty("quantity").GetInt64(), none.GetProperty("rule").ValueKind).ShouldBe((10L, 10L, JsonValueKind.Null)); // no rule: {可售库存}

        var code = Code("R");
        var bad = Refused(await admin.PostGraphQLAsync($"mutation($i: StockWriteBackRuleInput!) {{ createStockWriteBackRule(input: $i) {{ {Rule} }} }}",
            new { i = new { code, name = "共享", shopCodes = new[] { w.Shop1 }, formula = "{可售库存}*" } }), "createStockWriteBackRule");
        (bad.GetProperty("code").GetString(), bad.GetProperty("field").GetString()).ShouldBe(("INVALID_FORMULA", "input.formula"));

        var created = Payload(await admin.PostGraphQLAsync($"mutation($i: StockWriteBackRuleInput!) {{ createStockWriteBackRule(input: $i) {{ {Rule} }} }}",
            new { i = new { code, name = "共享", shopCodes = new[] { w.Shop1 }, formula = "{sellable} * 0.3", conditions = new[] { new { comparator = "GT", value = 0.0 } } } }),
            "createStockWriteBackRule").GetProperty("stockWriteBackRule");
        (created.GetProperty("formula").GetString(), created.GetProperty("enabled").GetBoolean()).ShouldBe(("{可售库存}*0.3", false));
        (await admin.PostGraphQLAsync(preview, new { s = w.Shop1, m = w.Normal })).Ok().GetProperty("stockWriteBackPreview").GetProperty("quantity").GetInt64().ShouldBe(10); // still off

        Payload(await admin.PostGraphQLAsync($"mutation($c: String!) {{ setStockWriteBackRuleEnabled(code: $c, enabled: true) {{ {Rule} }} }}", new { c = code }), "setStockWriteBackRuleEnabled");
        var applied = (await admin.PostGraphQLAsync(preview, new { s = w.Shop1, m = w.Normal })).Ok().GetProperty("stockWriteBackPreview");
        (applied.GetProperty("quantity").GetInt64(), applied.GetProperty("rule").GetProperty("code").GetString()).ShouldBe((3L, code));
        (await admin.PostGraphQLAsync(preview, new { s = w.Shop2, m = w.Normal })).Ok().GetProperty("stockWriteBackPreview").GetProperty("quantity").GetInt64().ShouldBe(10); // not in its scope

        (await admin.PostGraphQLAsync("query($c: String!) { stockWriteBackRules(where: { code: { eq: $c } }) { nodes { code enabled } } }", new { c = code }))
            .Ok().GetProperty("stockWriteBackRules").GetProperty("nodes").EnumerateArray().ShouldHaveSingleItem().GetProperty("enabled").GetBoolean().ShouldBeTrue();
        Payload(await admin.PostGraphQLAsync("mutation($c: String!) { deleteStockWriteBackRule(code: $c) { deletedCode errors { code } } }", new { c = code }), "deleteStockWriteBackRule");
        (await admin.PostGraphQLAsync("query($c: String!) { stockWriteBackRules(where: { code: { eq: $c } }) { nodes { code } } }", new { c = code }))
            .Ok().GetProperty("stockWriteBackRules").GetProperty("nodes").GetArrayLength().ShouldBe(0);
        Refused(await admin.PostGraphQLAsync("mutation($c: String!) { deleteStockWriteBackRule(code: $c) { deletedCode errors { code field } } }", new { c = code }), "deleteStockWriteBackRule")
            .GetProperty("field").GetString().ShouldBe("code");
    }
}
