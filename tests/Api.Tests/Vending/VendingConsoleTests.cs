using System.Text.Json;
using Cabinets.Api.Tests.Access;
using Cabinets.Api.Tests.GraphQL;
using static Cabinets.Api.Tests.Vending.VendingScenarioTests;

namespace Cabinets.Api.Tests.Vending;

/// <summary>
/// The console's vending GraphQL (VENDING.md §4.6) over real HTTP against PostgreSQL: master data
/// with connections, `where` and `order`; review, corrections and complaints as the §5 scenarios
/// play them from the console; refusals with their `extensions.code` and `field`, changing nothing.
/// </summary>
public sealed class VendingConsoleTests(VendingFixture api) : IClassFixture<VendingFixture>
{
    private static string Code(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private static JsonElement Error(GraphQLClient.Response response, string code)
    {
        var error = response.Errors.ShouldHaveSingleItem();
        error.Code().ShouldBe(code, error.ToString());
        return error;
    }

    private static string? Field(JsonElement error) =>
        error.GetProperty("extensions").TryGetProperty("field", out var f) ? f.GetString() : null;

    private const string RegisterStore = """
        mutation($input: RegisterStoreInput!) { registerStore(input: $input) { storeCode storeName storeType storeProperty amountLimit enabled } }
        """;

    [Fact]
    public async Task stores_and_devices_are_registered_listed_filtered_and_sorted_from_the_console()
    {
        var admin = await api.AdminAsync();
        var store = Code("S");
        var created = (await admin.PostGraphQLAsync(RegisterStore, new { input = new { storeCode = store, storeName = "小麦电玩城", storeType = "ARCADE", storeProperty = "FRANCHISE", address = "杭州", phone = "0571-1" } }))
            .Ok().GetProperty("registerStore");
        (created.GetProperty("storeType").GetString(), created.GetProperty("amountLimit").GetInt64(), created.GetProperty("enabled").GetBoolean()).ShouldBe(("ARCADE", 20_000L, true));

        Error(await admin.PostGraphQLAsync(RegisterStore, new { input = new { storeCode = store, storeName = "again", storeType = "KIDS", storeProperty = "DIRECT", address = "x", phone = "1" } }), "DUPLICATE_CODE");
        Field(Error(await admin.PostGraphQLAsync(RegisterStore, new { input = new { storeCode = Code("S"), storeName = "x", storeType = "KIDS", storeProperty = "DIRECT", address = "x", phone = "1", amountLimit = 0 } }), "VALIDATION"))
            .ShouldBe("input.amountLimit");

        var device = Code("D");
        var registered = (await admin.PostGraphQLAsync("mutation($input: RegisterDeviceInput!) { registerDevice(input: $input) { deviceCode bindStatus qrCode store { storeCode } } }",
            new { input = new { deviceCode = device, storeCode = store } })).Ok().GetProperty("registerDevice");
        registered.GetProperty("store").GetProperty("storeCode").GetString().ShouldBe(store);
        registered.GetProperty("bindStatus").GetString().ShouldBeOneOf("BINDING", "BOUND"); // the development vendor may answer at once
        Field(Error(await admin.PostGraphQLAsync("mutation($input: RegisterDeviceInput!) { registerDevice(input: $input) { deviceCode } }",
            new { input = new { deviceCode = Code("D"), storeCode = "S-none" } }), "NOT_FOUND")).ShouldBe("input.storeCode");

        var arcades = (await admin.PostGraphQLAsync("""
            query($store: String!) {
              stores(where: { storeType: { eq: ARCADE }, storeCode: { eq: $store } }) { totalCount nodes { storeCode devices { totalCount nodes { deviceCode } } } }
              kids: stores(where: { storeType: { eq: KIDS } }, order: [{ storeCode: ASC }]) { nodes { storeCode storeType } }
            }
            """, new { store })).Ok();
        var found = arcades.GetProperty("stores").GetProperty("nodes").EnumerateArray().ShouldHaveSingleItem();
        found.GetProperty("devices").GetProperty("nodes").EnumerateArray().Select(d => d.GetProperty("deviceCode").GetString()).ShouldBe([device]);
        var kids = arcades.GetProperty("kids").GetProperty("nodes").EnumerateArray().ToList();
        kids.ShouldAllBe(s => s.GetProperty("storeType").GetString() == "KIDS");
        kids.Select(s => s.GetProperty("storeCode").GetString()).ShouldContain("S001");

        var products = (await admin.PostGraphQLAsync("{ products(where: { price: { gte: 600 } }, order: [{ price: DESC }]) { nodes { productCode price status } } }"))
            .Ok().GetProperty("products").GetProperty("nodes").EnumerateArray().Select(p => p.GetProperty("productCode").GetString()).ToList();
        products.ShouldBe(["P100", "P200"]);

        var online = (await admin.PostGraphQLAsync("{ devices(where: { storeCode: { eq: \"S001\" }, onlineStatus: { eq: ONLINE } }) { nodes { deviceCode onlineStatus } } }"))
            .Ok().GetProperty("devices").GetProperty("nodes").EnumerateArray().Select(d => d.GetProperty("deviceCode").GetString()).ToList();
        online.ShouldBe(["D001", "D002"]);
    }

    private const string OrderFields = "orderNo paymentStatus reviewStatus exceptionKind ticketsPaid";

    [Fact]
    public async Task scenario_6_an_intercepted_order_waits_in_exception_orders_and_its_approval_charges_it_once()
    {
        var admin = await api.AdminAsync();
        var user = await api.UserAsync(200_000);
        var session = await user.OpenDoorAsync("vending:device:D001", "TICKETS");
        var orderNo = await api.PushOrderAsync(Push(Wheat(), session, "D001", 21_250, ("P100", "牛奶", 17, 1250)), "INTERCEPTED");

        var pending = (await admin.PostGraphQLAsync($$"""
            query($no: String!) { exceptionOrders(where: { orderNo: { eq: $no }, reviewStatus: { eq: PENDING } }) { nodes { {{OrderFields}} store { amountLimit } } } }
            """, new { no = orderNo })).Ok().GetProperty("exceptionOrders").GetProperty("nodes").EnumerateArray().ShouldHaveSingleItem();
        (pending.GetProperty("paymentStatus").GetString(), pending.GetProperty("exceptionKind").GetString()).ShouldBe(("AWAITING_REVIEW", "AMOUNT_OVER_LIMIT"));

        const string approve = $$"""mutation($input: ApproveExceptionOrderInput!) { approveExceptionOrder(input: $input) { {{OrderFields}} } }""";
        var approved = (await admin.PostGraphQLAsync(approve, new { input = new { orderNo, note = "店长确认" } })).Ok().GetProperty("approveExceptionOrder");
        (approved.GetProperty("paymentStatus").GetString(), approved.GetProperty("reviewStatus").GetString(), approved.GetProperty("ticketsPaid").GetInt64())
            .ShouldBe(("PAID", "APPROVED", 106_250L));
        Error(await admin.PostGraphQLAsync(approve, new { input = new { orderNo } }), "ALREADY_REVIEWED");
        (await user.GetAsync("/api/app/me")).GetProperty("ticketBalance").GetInt64().ShouldBe(93_750);
    }

    [Fact]
    public async Task scenario_13_a_voided_exception_order_charges_nothing_and_no_longer_blocks_the_user()
    {
        var admin = await api.AdminAsync();
        var user = await api.UserAsync(200_000);
        var session = await user.OpenDoorAsync("vending:device:D001", "TICKETS");
        var orderNo = await api.PushOrderAsync(Push(Wheat(), session, "D001", 25_000, ("P100", "牛奶", 20, 1250)), "INTERCEPTED");

        Field(Error(await admin.PostGraphQLAsync("mutation($input: VoidExceptionOrderInput!) { voidExceptionOrder(input: $input) { orderNo } }",
            new { input = new { orderNo = "VO-none", reason = "x" } }), "NOT_FOUND")).ShouldBe("input.orderNo");
        var voided = (await admin.PostGraphQLAsync($$"""mutation($input: VoidExceptionOrderInput!) { voidExceptionOrder(input: $input) { {{OrderFields}} } }""",
            new { input = new { orderNo, reason = "设备误报" } })).Ok().GetProperty("voidExceptionOrder");
        (voided.GetProperty("paymentStatus").GetString(), voided.GetProperty("reviewStatus").GetString()).ShouldBe(("VOIDED", "VOIDED"));
        (await user.GetAsync("/api/app/me")).GetProperty("ticketBalance").GetInt64().ShouldBe(200_000);
        (await user.GetAsync("/api/app/scan?qrCode=vending:device:D001")).GetProperty("blockedReason").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    private const string CorrectOrder = """
        mutation($input: CorrectOrderInput!) {
          correctOrder(input: $input) { correctionId settlement delta newTotal actor lines { productCode amountDelta } supplementaryOrder { orderNo paymentStatus ticketsPaid } }
        }
        """;

    [Fact]
    public async Task scenario_7_a_console_correction_charges_a_supplementary_order_once_per_idempotency_key()
    {
        var admin = await api.AdminAsync();
        var user = await api.UserAsync(20_000);
        var session = await user.OpenDoorAsync("vending:device:D001", "TICKETS");
        var orderNo = await api.PushOrderAsync(Push(Wheat(), session, "D001", 2500, ("P100", "牛奶", 2, 1250)), "RECORDED");

        Field(Error(await admin.PostGraphQLAsync(CorrectOrder, new { input = new { orderNo, reason = "x", items = new[] { new { productCode = "P100", quantity = -1 } } } }), "NEGATIVE_QUANTITY"))
            .ShouldBe("input.items[0].quantity");
        var input = new { orderNo, reason = "客服修正", idempotencyKey = Guid.NewGuid().ToString(), items = new[] { new { productCode = "P100", quantity = 3 } } };
        var first = (await admin.PostGraphQLAsync(CorrectOrder, new { input })).Ok().GetProperty("correctOrder");
        (first.GetProperty("settlement").GetString(), first.GetProperty("delta").GetInt64(), first.GetProperty("actor").GetString()).ShouldBe(("SUPPLEMENTARY_CHARGE", 1250L, "admin"));
        first.GetProperty("supplementaryOrder").GetProperty("paymentStatus").GetString().ShouldBe("PAID");
        var again = (await admin.PostGraphQLAsync(CorrectOrder, new { input })).Ok().GetProperty("correctOrder");
        again.GetProperty("correctionId").GetString().ShouldBe(first.GetProperty("correctionId").GetString());
        (await user.GetAsync("/api/app/me")).GetProperty("ticketBalance").GetInt64().ShouldBe(1_250); // 12,500 + 6,250 once
        Field(Error(await admin.PostGraphQLAsync(CorrectOrder, new { input = input with { reason = "another" } }), "VALIDATION")).ShouldBe("idempotencyKey");
        Error(await admin.PostGraphQLAsync(CorrectOrder, new { input = new { orderNo, reason = "x", items = new[] { new { productCode = "P100", quantity = 3 } } } }), "NO_CHANGE");

        var corrections = (await admin.PostGraphQLAsync("query($no: String!) { vendingOrder(orderNo: $no) { orderType corrections { correctionId } supplementaryOrders { relatedOrderNo } } }", new { no = orderNo }))
            .Ok().GetProperty("vendingOrder");
        corrections.GetProperty("orderType").GetString().ShouldBe("CORRECTED");
        corrections.GetProperty("corrections").GetArrayLength().ShouldBe(1);
        corrections.GetProperty("supplementaryOrders").EnumerateArray().ShouldHaveSingleItem().GetProperty("relatedOrderNo").GetString().ShouldBe(orderNo);
    }

    private const string ResolveComplaint = """
        mutation($input: ResolveComplaintInput!) {
          resolveComplaint(input: $input) { complaintId status resolution reply resolvedBy correction { settlement delta refunds { tickets status } } order { refundedTickets } }
        }
        """;

    [Fact]
    public async Task scenario_16_a_complaint_filed_in_the_app_is_resolved_by_a_correction_that_refunds_in_the_same_commit()
    {
        var admin = await api.AdminAsync();
        var user = await api.UserAsync(20_000);
        var session = await user.OpenDoorAsync("vending:device:D001", "TICKETS");
        var orderNo = await api.PushOrderAsync(Push(Wheat(), session, "D001", 2500, ("P100", "牛奶", 2, 1250)), "RECORDED");

        var (status, filed) = await user.PostAsync($"/api/app/orders/{orderNo}/complaints", new { category = "WRONG_CHARGE", content = "只拿了一瓶", imageUrls = Array.Empty<string>() });
        status.ShouldBe(201, filed.ToString());
        var complaintId = filed.GetProperty("complaintId").GetString()!;
        filed.GetProperty("status").GetString().ShouldBe("OPEN");
        (await user.PostAsync($"/api/app/orders/{orderNo}/complaints", new { category = "OTHER", content = "again" })).Status.ShouldBe(409);
        (await user.PostAsync($"/api/app/orders/{orderNo}/complaints", new { category = "NOPE", content = "x" })).Status.ShouldBe(400);

        var listed = (await admin.PostGraphQLAsync("query($no: String!) { complaints(where: { orderNo: { eq: $no }, status: { eq: OPEN }, category: { eq: WRONG_CHARGE } }) { nodes { complaintId user { userId } } } }",
            new { no = orderNo })).Ok().GetProperty("complaints").GetProperty("nodes").EnumerateArray().ShouldHaveSingleItem();
        listed.GetProperty("user").GetProperty("userId").GetString().ShouldBe(user.UserId);

        Field(Error(await admin.PostGraphQLAsync(ResolveComplaint, new { input = new { complaintId, resolution = "CORRECTED", reply = "已处理" } }), "CORRECTION_REQUIRED"))
            .ShouldBe("input.correction");
        var correction = new { orderNo, reason = "投诉核实", items = new[] { new { productCode = "P100", quantity = 1 } } };
        var resolved = (await admin.PostGraphQLAsync(ResolveComplaint, new { input = new { complaintId, resolution = "CORRECTED", reply = "已退 1 瓶", correction } }))
            .Ok().GetProperty("resolveComplaint");
        (resolved.GetProperty("status").GetString(), resolved.GetProperty("resolution").GetString(), resolved.GetProperty("resolvedBy").GetString()).ShouldBe(("RESOLVED", "CORRECTED", "admin"));
        resolved.GetProperty("correction").GetProperty("settlement").GetString().ShouldBe("REFUND");
        resolved.GetProperty("order").GetProperty("refundedTickets").GetInt64().ShouldBe(6_250);
        (await user.GetAsync("/api/app/me")).GetProperty("ticketBalance").GetInt64().ShouldBe(13_750);
        Error(await admin.PostGraphQLAsync(ResolveComplaint, new { input = new { complaintId, resolution = "REPLIED", reply = "again" } }), "COMPLAINT_RESOLVED");

        var seen = (await user.GetAsync($"/api/app/orders/{orderNo}")).GetProperty("complaint");
        (seen.GetProperty("status").GetString(), seen.GetProperty("reply").GetString()).ShouldBe(("RESOLVED", "已退 1 瓶"));
        (await user.GetAsync("/api/app/complaints")).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("complaintId").GetString()).ShouldBe([complaintId]);
    }

    [Fact]
    public async Task scenario_20_tickets_are_adjusted_from_the_console_never_below_zero_and_the_ledger_shows_every_change()
    {
        var admin = await api.AdminAsync();
        var user = await api.UserAsync(0);
        const string adjust = "mutation($input: AdjustTicketsInput!) { adjustTickets(input: $input) { ticketBalance } }";
        Error(await admin.PostGraphQLAsync(adjust, new { input = new { userId = user.UserId, delta = -1, reason = "测试" } }), "BALANCE_WOULD_BE_NEGATIVE");
        (await admin.PostGraphQLAsync(adjust, new { input = new { userId = user.UserId, delta = 5_000, reason = "活动赠送" } }))
            .Ok().GetProperty("adjustTickets").GetProperty("ticketBalance").GetInt64().ShouldBe(5_000);

        var ledger = (await admin.PostGraphQLAsync("query($id: ID!) { vendingUser(userId: $id) { phoneMasked ticketLedger { nodes { kind delta balanceAfter reason actor } } } }",
            new { id = user.UserId })).Ok().GetProperty("vendingUser");
        ledger.GetProperty("phoneMasked").GetString()!.ShouldContain("****");
        var entry = ledger.GetProperty("ticketLedger").GetProperty("nodes").EnumerateArray().ShouldHaveSingleItem();
        (entry.GetProperty("kind").GetString(), entry.GetProperty("delta").GetInt64(), entry.GetProperty("balanceAfter").GetInt64(), entry.GetProperty("reason").GetString())
            .ShouldBe(("ADJUSTMENT", 5_000L, 5_000L, "活动赠送"));
    }
}
