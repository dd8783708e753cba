using System.Text.Json;
using Cabinets.Api.Tests.Access;
using Cabinets.Api.Tests.GraphQL;
using Cabinets.Api.Tests.Vending.Fakes;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using static Cabinets.Api.Tests.Vending.OutsideVendingFixture;
using static Cabinets.Api.Tests.Vending.VendingScenarioTests;

namespace Cabinets.Api.Tests.Vending;

/// <summary>
/// VENDING.md §5's scenarios that need the outside world: WeChat pay-score and refunds (3, 4, 9, 12),
/// the retry schedule and the manual queue over a failing ERP and vendor (10, 11), the vendor's
/// device reports (15) and the ERP's product pages (19), through the Api's real HTTP adapters against
/// fake servers. One class, so that the fakes' scripts never cross between tests running at once.
/// </summary>
public sealed class OutsideScenarioTests(OutsideVendingFixture api) : IClassFixture<OutsideVendingFixture>
{
    private FakeWeChat WeChat => api.WeChat;

    private FakeVendorAndErp Outside => api.Outside;

    private HttpClient? _admin;

    /// <summary>The admin console, signed in once per test (sign-ins are rate-limited).</summary>
    private async Task<HttpClient> AdminAsync() => _admin ??= await api.AdminAsync();

    private static bool IsFor(FakeWeChat.Request create, AppUser user) => create.Body?.GetProperty("openid").GetString() == OpenIdOf(user.Code);

    /// <summary>The user's latest service order create WeChat received.</summary>
    private FakeWeChat.Request CreateFor(AppUser user) => WeChat.RequestsFor(WeChatCall.CreateOrder).Last(r => IsFor(r, user));

    private static string OutOrderNo(FakeWeChat.Request create) => create.Body!.Value.GetProperty("out_order_no").GetString()!;

    private async Task<JsonElement> ConsoleOrderAsync(string orderNo)
    {
        var admin = await AdminAsync();
        return (await admin.PostGraphQLAsync("""
            query($no: String!) { vendingOrder(orderNo: $no) {
              paymentStatus failureReason wxPaymentAmount ticketPaymentAmount ticketsPaid paidAt refundedAmount
              items { productCode unitPrice amount knownProduct } refunds { method amount status wechatRefundId } } }
            """, new { no = orderNo })).Ok().GetProperty("vendingOrder");
    }

    private const string CorrectOrder = """
        mutation($input: CorrectOrderInput!) { correctOrder(input: $input) { settlement delta refunds { refundNo method amount status } } }
        """;

    private Task<(string OrderNo, string OutOrderNo)> WeChatPurchaseAsync(AppUser user, long total, params (string Code, string Name, int Quantity, long Price)[] items) =>
        WeChatPurchaseAsync(user, "D001", total, items);

    private async Task<(string OrderNo, string OutOrderNo)> WeChatPurchaseAsync(AppUser user, string device, long total, params (string Code, string Name, int Quantity, long Price)[] items)
    {
        var sessionNo = await user.OpenDoorAsync($"vending:device:{device}", "WECHAT");
        var outOrderNo = OutOrderNo(CreateFor(user));
        var orderNo = await api.PushOrderAsync(Push(Wheat(), sessionNo, device, total, items), "RECORDED");
        await EventuallyAsync(() => Task.FromResult(WeChat.RequestsTo($"/v3/payscore/serviceorder/{outOrderNo}/complete")), r => r.Count > 0, "the complete of " + outOrderNo);
        return (orderNo, outOrderNo);
    }

    [Fact]
    public async Task scenario_3_an_order_that_tickets_could_not_pay_is_paid_again_by_wechat()
    {
        var u2 = await api.PayScoreUserAsync(10_000);
        var sessionNo = await u2.OpenDoorAsync("vending:device:D001", "TICKETS");
        var orderNo = await api.PushOrderAsync(Push(Wheat(), sessionNo, "D001", 2500, ("P100", "牛奶", 2, 1250)), "RECORDED");
        (await u2.GetAsync($"/api/app/orders/{orderNo}")).GetProperty("summary").GetProperty("failureReason").GetString().ShouldBe("INSUFFICIENT_TICKETS");

        var (status, paying) = await u2.PostAsync($"/api/app/orders/{orderNo}/pay-again", new { paymentType = "WECHAT" });
        status.ShouldBe(202, paying.ToString());
        paying.GetProperty("status").GetString().ShouldBe("PAYING");
        var creates = await EventuallyAsync(() => Task.FromResult(WeChat.RequestsFor(WeChatCall.CreateOrder).Where(r => IsFor(r, u2)).ToList()), r => r.Count > 0, "the create");
        var create = creates.ShouldHaveSingleItem().Body!.Value;
        create.GetProperty("risk_fund").GetProperty("amount").GetInt64().ShouldBe(2500);
        create.GetProperty("need_user_confirm").GetBoolean().ShouldBeFalse();
        var outOrderNo = create.GetProperty("out_order_no").GetString()!;
        var complete = (await EventuallyAsync(() => Task.FromResult(WeChat.RequestsTo($"/v3/payscore/serviceorder/{outOrderNo}/complete")), r => r.Count > 0, "complete"))
            .ShouldHaveSingleItem().Body!.Value;
        complete.GetProperty("total_amount").GetInt64().ShouldBe(2500);
        var line = complete.GetProperty("post_payments").EnumerateArray().ShouldHaveSingleItem();
        (line.GetProperty("name").GetString(), line.GetProperty("amount").GetInt64(), line.GetProperty("count").GetInt32()).ShouldBe(("牛奶", 2500L, 2));

        (await WeChat.UserPaidAsync(api.Http(), outOrderNo, 2500, "TX3", DateTimeOffset.UtcNow)).IsSuccessStatusCode.ShouldBeTrue();
        var order = await ConsoleOrderAsync(orderNo);
        (order.GetProperty("paymentStatus").GetString(), order.GetProperty("wxPaymentAmount").GetInt64(), order.GetProperty("ticketsPaid").GetInt64()).ShouldBe(("PAID", 2500L, 0L));
        (await u2.GetAsync("/api/app/me")).GetProperty("ticketBalance").GetInt64().ShouldBe(10_000);
        (await u2.GetAsync("/api/app/scan?qrCode=vending:device:D001")).GetProperty("blockedReason").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task scenarios_4_and_9_a_wechat_purchase_is_completed_paid_and_refunded_by_the_original_method()
    {
        var u3 = await api.PayScoreUserAsync(0);
        var options = (await u3.GetAsync("/api/app/scan?qrCode=vending:device:D001")).GetProperty("paymentOptions").EnumerateArray()
            .ToDictionary(o => o.GetProperty("paymentType").GetString()!);
        options["TICKETS"].GetProperty("unavailableReason").GetString().ShouldBe("INSUFFICIENT_TICKETS");
        options["WECHAT"].GetProperty("available").GetBoolean().ShouldBeTrue();

        var (status, started) = await u3.PostAsync("/api/app/sessions", new { qrCode = "vending:device:D001", paymentType = "WECHAT" });
        status.ShouldBe(202, started.ToString());
        started.GetProperty("status").GetString().ShouldBe("AUTHORIZING");
        var sessionNo = started.GetProperty("sessionNo").GetString()!;
        await EventuallyAsync(async () => (await u3.GetAsync($"/api/app/sessions/{sessionNo}")).GetProperty("status").GetString(), s => s == "OPENED", "the door");
        var create = CreateFor(u3);
        var riskFund = create.Body!.Value.GetProperty("risk_fund");
        (riskFund.GetProperty("name").GetString(), riskFund.GetProperty("amount").GetInt64()).ShouldBe(("ESTIMATE_ORDER_COST", 20000L));
        var open = Outside.RequestsTo("/api/v1/doors/open").Single(r => r.Body?.GetProperty("sessionNo").GetString() == sessionNo);
        open.SignatureValid.ShouldBeTrue();
        (open.PartnerId, open.IdempotencyKey).ShouldBe((FakeVendorAndErp.VendorMerchantId, open.Body!.Value.GetProperty("commandId").GetString()));

        var outOrderNo = OutOrderNo(create);
        var orderNo = await api.PushOrderAsync(Push(Wheat(), sessionNo, "D001", 950, ("P200", "薯片", 1, 600), ("P300", "果汁", 1, 350)), "RECORDED");
        var complete = (await EventuallyAsync(() => Task.FromResult(WeChat.RequestsTo($"/v3/payscore/serviceorder/{outOrderNo}/complete")), r => r.Count > 0, "complete"))
            .ShouldHaveSingleItem().Body!.Value;
        complete.GetProperty("total_amount").GetInt64().ShouldBe(950);
        complete.GetProperty("post_payments").GetArrayLength().ShouldBe(2);
        (await WeChat.UserPaidAsync(api.Http(), outOrderNo, 950, "TX4", new DateTimeOffset(2026, 11, 21, 10, 15, 0, TimeSpan.FromHours(8)))).IsSuccessStatusCode.ShouldBeTrue();
        var paid = await ConsoleOrderAsync(orderNo);
        paid.GetProperty("paymentStatus").GetString().ShouldBe("PAID");
        paid.GetProperty("paidAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2026, 11, 21, 2, 15, 0, TimeSpan.Zero));
        paid.GetProperty("wxPaymentAmount").GetInt64().ShouldBe(950);

        // Scenario 9: P200 → 0 refunds 600 by WeChat; the refund waits for its callback, and so does the next correction.
        WeChat.RefundStatus = "PROCESSING";
        var admin = await AdminAsync();
        var input = new { orderNo, reason = "没拿薯片", items = new[] { new { productCode = "P200", quantity = 0 } } };
        var corrected = (await admin.PostGraphQLAsync(CorrectOrder, new { input })).Ok().GetProperty("correctOrder");
        (corrected.GetProperty("settlement").GetString(), corrected.GetProperty("delta").GetInt64()).ShouldBe(("REFUND", -600L));
        var refundRequest = (await EventuallyAsync(() => Task.FromResult(WeChat.RequestsFor(WeChatCall.Refund)
            .Where(r => r.Body?.GetProperty("transaction_id").GetString() == "TX4").ToList()), r => r.Count > 0, "the refund")).ShouldHaveSingleItem().Body!.Value;
        var outRefundNo = refundRequest.GetProperty("out_refund_no").GetString()!;
        outRefundNo.ShouldStartWith("VR");
        var amount = refundRequest.GetProperty("amount");
        (amount.GetProperty("refund").GetInt64(), amount.GetProperty("total").GetInt64(), amount.GetProperty("currency").GetString()).ShouldBe((600L, 950L, "CNY"));
        var second = await admin.PostGraphQLAsync(CorrectOrder, new { input = input with { items = [new { productCode = "P300", quantity = 0 }] } });
        second.Errors.ShouldHaveSingleItem().Code().ShouldBe("SETTLEMENT_IN_PROGRESS");

        (await WeChat.RefundNotifyAsync(api.Http(), "REFUND.SUCCESS", outRefundNo, "50000000REFUND9", 600, 950, DateTimeOffset.UtcNow, "TX4")).IsSuccessStatusCode.ShouldBeTrue();
        var refunded = await ConsoleOrderAsync(orderNo);
        refunded.GetProperty("refundedAmount").GetInt64().ShouldBe(600);
        var refund = refunded.GetProperty("refunds").EnumerateArray().ShouldHaveSingleItem();
        (refund.GetProperty("method").GetString(), refund.GetProperty("amount").GetInt64(), refund.GetProperty("status").GetString()).ShouldBe(("WECHAT", 600L, "SUCCEEDED"));
        WeChat.RefundStatus = "SUCCESS";
    }

    [Fact]
    public async Task scenario_12_a_deduction_still_pending_after_the_timeout_fails_and_is_paid_again_on_the_same_service_order()
    {
        var u2 = await api.PayScoreUserAsync(10_000);
        var (orderNo, outOrderNo) = await WeChatPurchaseAsync(u2, 350, ("P300", "果汁", 1, 350));
        var creates = WeChat.RequestsFor(WeChatCall.CreateOrder).Count;

        // The query Charging schedules 15 minutes after the complete, delivered now (Wolverine would at +15 min).
        await api.Bus().InvokeAsync(new PayScoreQueryOrder(orderNo, outOrderNo));
        WeChat.RequestsFor(WeChatCall.QueryOrder).ShouldContain(r => r.Query("out_order_no") == outOrderNo);
        var failed = (await u2.GetAsync($"/api/app/orders/{orderNo}")).GetProperty("summary");
        (failed.GetProperty("paymentStatus").GetString(), failed.GetProperty("failureReason").GetString(), failed.GetProperty("canPayAgain").GetBoolean())
            .ShouldBe(("FAILED", "WECHAT_DEDUCTION_PENDING", true));

        var (status, again) = await u2.PostAsync($"/api/app/orders/{orderNo}/pay-again", new { });
        status.ShouldBe(202, again.ToString());
        var wechat = again.GetProperty("wechat");
        wechat.GetProperty("businessType").GetString().ShouldBe("wxpayScoreDetail");
        wechat.GetProperty("extraData").GetRawText().ShouldContain(outOrderNo);
        WeChat.RequestsFor(WeChatCall.CreateOrder).Count.ShouldBe(creates);

        var (switched, problem) = await u2.PostAsync($"/api/app/orders/{orderNo}/pay-again", new { paymentType = "TICKETS" });
        switched.ShouldBe(409);
        problem.GetProperty("type").GetString().ShouldBe("urn:cabinet-ops:problem:payment-method-switch-not-allowed");

        (await WeChat.UserPaidAsync(api.Http(), outOrderNo, 350, "TX12", DateTimeOffset.UtcNow)).IsSuccessStatusCode.ShouldBeTrue();
        (await ConsoleOrderAsync(orderNo)).GetProperty("paymentStatus").GetString().ShouldBe("PAID");
        (await u2.GetAsync("/api/app/me")).GetProperty("ticketBalance").GetInt64().ShouldBe(10_000);
    }

    [Fact]
    public async Task scenario_10_a_failing_erp_push_is_retried_on_the_schedule_then_waits_in_the_manual_queue_until_an_admin_retries_it()
    {
        var date = new DateOnly(2026, 11, 21);
        var summaryId = Api.Vending.Statistics.SalesSummaries.SummaryId(date, "S001");
        Outside.Answer("/api/v1/sales-summaries", 503);
        try
        {
            // What the 02:00 schedule sends to the outbox for the store's day.
            await api.Bus().PublishAsync(new ErpPushSalesSummary(summaryId, "S001", date));
            var admin = await AdminAsync();
            const string tasks = """
                query($subject: String!) { manualTasks(where: { subject: { eq: $subject } }) { nodes { id kind status attempts lastError retryable outcome } } }
                """;
            var task = (await EventuallyAsync(async () => (await admin.PostGraphQLAsync(tasks, new { subject = summaryId })).Ok().GetProperty("manualTasks").GetProperty("nodes"),
                n => n.GetArrayLength() == 1 && n[0].GetProperty("attempts").GetInt32() == 4, "the manual task")).EnumerateArray().Single();
            (task.GetProperty("kind").GetString(), task.GetProperty("status").GetString(), task.GetProperty("attempts").GetInt32(), task.GetProperty("lastError").GetString())
                .ShouldBe(("ERP_SALES_PUSH", "OPEN", 4, "HTTP 503"));

            var sent = Outside.RequestsTo("/api/v1/sales-summaries").Where(r => r.Body?.GetProperty("summaryId").GetString() == summaryId).ToList();
            sent.Count.ShouldBe(4);
            sent.ShouldAllBe(r => r.IdempotencyKey == summaryId && r.SignatureValid && r.PartnerId == FakeVendorAndErp.ErpClientId);
            sent.Select(r => r.Body!.Value.GetRawText()).Distinct().Count().ShouldBe(1); // every retry sends the same body
            for (var i = 1; i < sent.Count; i++) // each retry waits at least its cooldown (t, +c1, +c1+c2, +c1+c2+c3)
                (sent[i].At - sent[i - 1].At).ShouldBeGreaterThanOrEqualTo(RetryCooldowns[i - 1] - TimeSpan.FromMilliseconds(50));

            Outside.Recover("/api/v1/sales-summaries");
            var retried = (await admin.PostGraphQLAsync("mutation($id: ID!) { retryManualTask(id: $id) { status outcome attempts } }", new { id = task.GetProperty("id").GetString() }))
                .Ok().GetProperty("retryManualTask");
            (retried.GetProperty("status").GetString(), retried.GetProperty("outcome").GetString()).ShouldBe(("RESOLVED", "SENT"));
            Outside.RequestsTo("/api/v1/sales-summaries").Count(r => r.IdempotencyKey == summaryId).ShouldBe(5);
        }
        finally
        {
            Outside.Recover("/api/v1/sales-summaries");
        }
    }

    [Fact]
    public async Task scenario_11_a_door_that_does_not_open_fails_the_session_cancels_its_service_order_and_is_never_resent()
    {
        var device = await api.DeviceAsync();
        var qr = $"vending:device:{device}";
        Outside.Answer("/api/v1/doors/open", 503);
        try
        {
            var u3 = await api.PayScoreUserAsync(0);
            var (status, started) = await u3.PostAsync("/api/app/sessions", new { qrCode = qr, paymentType = "WECHAT" });
            status.ShouldBe(202, started.ToString());
            var sessionNo = started.GetProperty("sessionNo").GetString()!;
            var session = await EventuallyAsync(async () => await u3.GetAsync($"/api/app/sessions/{sessionNo}"), s => s.GetProperty("status").GetString() == "FAILED", "the session");
            session.GetProperty("failureReason").GetString().ShouldBe("OPEN_FAILED");
            var attempts = Outside.RequestsTo("/api/v1/doors/open").Where(r => r.Body?.GetProperty("sessionNo").GetString() == sessionNo).ToList();
            attempts.Count.ShouldBe(4);
            attempts.Select(a => a.IdempotencyKey).Distinct().Count().ShouldBe(1);
            var outOrderNo = OutOrderNo(CreateFor(u3));
            await EventuallyAsync(() => Task.FromResult(WeChat.RequestsTo($"/v3/payscore/serviceorder/{outOrderNo}/cancel")), r => r.Count == 1, "the cancel");

            var admin = await AdminAsync();
            var task = (await EventuallyAsync(async () => (await admin.PostGraphQLAsync(
                    "query($d: String!) { manualTasks(where: { deviceCode: { eq: $d } }) { nodes { id kind retryable attempts } } }", new { d = device }))
                .Ok().GetProperty("manualTasks").GetProperty("nodes"), n => n.GetArrayLength() == 1, "the manual task")).EnumerateArray().Single();
            (task.GetProperty("kind").GetString(), task.GetProperty("retryable").GetBoolean(), task.GetProperty("attempts").GetInt32()).ShouldBe(("VENDOR_OPEN_DOOR", false, 4));
            var retry = await admin.PostGraphQLAsync("mutation($id: ID!) { retryManualTask(id: $id) { status } }", new { id = task.GetProperty("id").GetString() });
            retry.Errors.ShouldHaveSingleItem().Code().ShouldBe("COMMAND_EXPIRED");
            Outside.RequestsTo("/api/v1/doors/open").Count(r => r.Body?.GetProperty("sessionNo").GetString() == sessionNo).ShouldBe(4);

            // A refusal is not retried: one request, the session OPEN_REJECTED.
            Outside.Answer("/api/v1/doors/open", 409, new { code = "DEVICE_BUSY", message = "设备忙" });
            var (_, next) = await u3.PostAsync("/api/app/sessions", new { qrCode = qr, paymentType = "WECHAT" });
            var rejectedNo = next.GetProperty("sessionNo").GetString()!;
            var rejected = await EventuallyAsync(async () => await u3.GetAsync($"/api/app/sessions/{rejectedNo}"), s => s.GetProperty("status").GetString() == "FAILED", "the session");
            rejected.GetProperty("failureReason").GetString().ShouldBe("OPEN_REJECTED");
            Outside.RequestsTo("/api/v1/doors/open").Count(r => r.Body?.GetProperty("sessionNo").GetString() == rejectedNo).ShouldBe(1);
        }
        finally
        {
            Outside.Recover("/api/v1/doors/open");
        }
    }

    [Fact]
    public async Task scenario_15_device_reports_apply_in_the_order_they_happened_and_an_offline_device_opens_nothing()
    {
        var device = await api.DeviceAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        async Task<JsonElement> ReportAsync(string status, DateTimeOffset reportedAt)
        {
            var response = await api.VendorPostAsync("/api/vendors/wheat/device-status",
                new { reports = new[] { new { deviceCode = device, status, reportedAt = reportedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") } } });
            var text = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).ShouldBe(200, text);
            return JsonDocument.Parse(text).RootElement;
        }
        static (int, int) Counts(JsonElement a) => (a.GetProperty("applied").GetInt32(), a.GetProperty("ignored").GetInt32());

        Counts(await ReportAsync("ONLINE", at)).ShouldBe((1, 0));
        Counts(await ReportAsync("OFFLINE", at.AddMinutes(5))).ShouldBe((1, 0));
        Counts(await ReportAsync("ONLINE", at.AddMinutes(3))).ShouldBe((0, 1));

        var admin = await AdminAsync();
        (await admin.PostGraphQLAsync("query($d: String!) { device(deviceCode: $d) { onlineStatus } }", new { d = device }))
            .Ok().GetProperty("device").GetProperty("onlineStatus").GetString().ShouldBe("OFFLINE");
        var user = await api.UserAsync(20_000);
        (await user.GetAsync($"/api/app/scan?qrCode=vending:device:{device}")).GetProperty("blockedReason").GetString().ShouldBe("DEVICE_OFFLINE");
        var (status, problem) = await user.PostAsync("/api/app/sessions", new { qrCode = $"vending:device:{device}", paymentType = "TICKETS" });
        status.ShouldBe(409);
        problem.GetProperty("type").GetString().ShouldBe("urn:cabinet-ops:problem:device-offline");
        Outside.RequestsTo("/api/v1/doors/open").ShouldNotContain(r => r.Body!.Value.GetProperty("deviceCode").GetString() == device);
    }

    [Fact]
    public async Task scenario_19_products_are_pulled_page_by_page_then_only_what_changed_and_a_push_keeps_its_own_prices()
    {
        Outside.Page(null, "c2", ("P100", "牛奶", 1250), ("P200", "薯片", 600));
        Outside.Page("c2", null, ("P300", "果汁", 350));
        var admin = await AdminAsync();
        var store = api.Services.GetRequiredService<IDocumentStore>();
        async Task<ProductSyncCompleted> SyncAsync()
        {
            var syncId = (await admin.PostGraphQLAsync("mutation { syncProducts { syncId } }")).Ok().GetProperty("syncProducts").GetProperty("syncId").GetString()!;
            return await EventuallyAsync(async () =>
            {
                await using var session = store.QuerySession();
                return (await session.Events.FetchStreamAsync(VendingEventNames.ProductSync(syncId))).Select(e => e.Data).OfType<ProductSyncCompleted>().SingleOrDefault();
            }, c => c is not null, "the pull " + syncId) ?? throw new InvalidOperationException();
        }
        async Task<int> P100EventsAsync()
        {
            await using var session = store.QuerySession();
            return (await session.Events.FetchStreamAsync(VendingEventNames.Product("P100"))).Count;
        }

        var before = Outside.RequestsTo("/api/v1/products").Count;
        var first = await SyncAsync();
        first.Received.ShouldBe(3);
        var pages = Outside.RequestsTo("/api/v1/products").Skip(before).ToList();
        pages.Select(p => p.Query("cursor")).ShouldBe([null, "c2"]);
        pages.Select(p => p.IdempotencyKey).Distinct().Count().ShouldBe(1);
        pages.ShouldAllBe(p => p.SignatureValid && p.PartnerId == FakeVendorAndErp.ErpClientId);
        (await admin.PostGraphQLAsync("{ products { totalCount } }")).Ok().GetProperty("products").GetProperty("totalCount").GetInt32().ShouldBe(3);

        var p100Events = await P100EventsAsync();
        Outside.Page(null, null, ("P100", "牛奶", 1300));
        var second = await SyncAsync();
        (second.Received, second.Changed).ShouldBe((1, 1));
        var since = Outside.RequestsTo("/api/v1/products").Skip(before + 2).ShouldHaveSingleItem().Query("updatedSince");
        DateTimeOffset.Parse(since!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(first.StartedAt.AddMinutes(-5), TimeSpan.FromSeconds(1)); // the last completed pull's start, with the 5-minute overlap
        (await admin.PostGraphQLAsync("{ product(productCode: \"P100\") { price } }")).Ok().GetProperty("product").GetProperty("price").GetInt64().ShouldBe(1300);
        (await P100EventsAsync()).ShouldBe(p100Events + 1);

        var user = await api.UserAsync(20_000);
        var sessionNo = await user.OpenDoorAsync("vending:device:D001", "TICKETS");
        var charged = await api.PushOrderAsync(Push(Wheat(), sessionNo, "D001", 1250, ("P100", "牛奶", 1, 1250)), "RECORDED");
        (await ConsoleOrderAsync(charged)).GetProperty("ticketPaymentAmount").GetInt64().ShouldBe(1250);
        var unknownSession = await user.OpenDoorAsync("vending:device:D001", "TICKETS");
        var unknown = await api.PushOrderAsync(Push(Wheat(), unknownSession, "D001", 500, ("P999", "神秘礼包", 1, 500)), "RECORDED");
        var order = await ConsoleOrderAsync(unknown);
        order.GetProperty("paymentStatus").GetString().ShouldBe("PAID");
        order.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("knownProduct").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task scenarios_17_and_18_a_days_purchases_over_http_are_counted_by_payment_type_and_product_and_pushed_to_the_erp()
    {
        var store = await api.StoreAsync();
        var device = await api.DeviceAsync(store);
        var qr = $"vending:device:{device}";
        var admin = await AdminAsync();

        var u1 = await api.UserAsync(20_000); // scenario 1: tickets 2500
        await api.PushOrderAsync(Push(Wheat(), await u1.OpenDoorAsync(qr, "TICKETS"), device, 2500, ("P100", "牛奶", 2, 1250)), "RECORDED");
        var u3 = await api.PayScoreUserAsync(0); // scenario 4 then 9: WeChat 950, 600 refunded
        var (wechatOrder, outOrderNo) = await WeChatPurchaseAsync(u3, device, 950, ("P200", "薯片", 1, 600), ("P300", "果汁", 1, 350));
        (await WeChat.UserPaidAsync(api.Http(), outOrderNo, 950, "TX17", DateTimeOffset.UtcNow)).IsSuccessStatusCode.ShouldBeTrue();
        await EventuallyAsync(async () => (await ConsoleOrderAsync(wechatOrder)).GetProperty("paymentStatus").GetString(), s => s == "PAID", "the WeChat order");
        (await admin.PostGraphQLAsync(CorrectOrder, new { input = new { orderNo = wechatOrder, reason = "没拿薯片", items = new[] { new { productCode = "P200", quantity = 0 } } } })).Ok();
        await EventuallyAsync(async () => (await ConsoleOrderAsync(wechatOrder)).GetProperty("refundedAmount").GetInt64(), r => r == 600, "the refund"); // the fake answers SUCCESS
        var u2 = await api.UserAsync(10_000); // scenario 2: fails
        await api.PushOrderAsync(Push(Wheat(), await u2.OpenDoorAsync(qr, "TICKETS"), device, 2500, ("P100", "牛奶", 2, 1250)), "RECORDED");
        await api.CaughtUpAsync();

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Api.Vending.VendingNumbers.Shanghai).DateTime).ToString("yyyy-MM-dd");
        var byType = (await admin.PostGraphQLAsync($$"""{ vendingSales(from: "{{day}}", to: "{{day}}", storeCode: "{{store}}", groupBy: [PAYMENT_TYPE]) { paymentType grossAmount refundAmount netAmount ticketsCollected orderCount } }"""))
            .Ok().GetProperty("vendingSales").EnumerateArray().ToDictionary(r => r.GetProperty("paymentType").GetString()!);
        static (long, long, long, int) Money(JsonElement r) =>
            (r.GetProperty("grossAmount").GetInt64(), r.GetProperty("refundAmount").GetInt64(), r.GetProperty("netAmount").GetInt64(), r.GetProperty("orderCount").GetInt32());
        Money(byType["WECHAT"]).ShouldBe((950L, 600L, 350L, 1));
        Money(byType["TICKETS"]).ShouldBe((2500L, 0L, 2500L, 1));
        byType["TICKETS"].GetProperty("ticketsCollected").GetInt64().ShouldBe(12_500);

        await api.Services.GetRequiredService<Api.Commands.CommandSender>().SendAsync(new RequestDailySalesPush(DateOnly.Parse(day), DateTimeOffset.UtcNow),
            new Api.Commands.CommandContext(Api.Commands.Actor.System)); // what the schedule sends at 02:00 the next day
        var summaryId = Api.Vending.Statistics.SalesSummaries.SummaryId(DateOnly.Parse(day), store);
        var sent = (await EventuallyAsync(() => Task.FromResult(Outside.RequestsTo("/api/v1/sales-summaries").Where(r => r.IdempotencyKey == summaryId).ToList()),
            r => r.Count == 1, "the summary")).Single().Body!.Value;
        var lines = sent.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("productCode").GetString()!);
        static long[] Line(JsonElement l) => new[] {"soldQuantity", "refundedQuantity", "grossAmount", "refundAmount", "netAmount", "wechatAmount", "ticketAmount", "ticketCount" }
            .Select(f => l.GetProperty(f).GetInt64()).ToArray();
        Line(lines["P100"]).ShouldBe([2, 0, 2500, 0, 2500, 0, 2500, 12500]);
        Line(lines["P200"]).ShouldBe([1, 1, 600, 600, 0, 0, 0, 0]);
        Line(lines["P300"]).ShouldBe([1, 0, 350, 0, 350, 350, 0, 0]);
        var totals = sent.GetProperty("totals");
        (totals.GetProperty("grossAmount").GetInt64(), totals.GetProperty("refundAmount").GetInt64(), totals.GetProperty("netAmount").GetInt64()).ShouldBe((3450L, 600L, 2850L));
        (sent.GetProperty("storeCode").GetString(), sent.GetProperty("businessDate").GetString(), sent.GetProperty("currency").GetString()).ShouldBe((store, day, "CNY"));
    }

    [Fact]
    public async Task scenario_13_a_vendor_exception_on_a_wechat_session_blocks_the_user_until_voided_and_its_service_order_is_cancelled()
    {
        var u3 = await api.PayScoreUserAsync(0);
        var sessionNo = await u3.OpenDoorAsync("vending:device:D001", "WECHAT");
        var outOrderNo = OutOrderNo(CreateFor(u3));
        var response = await api.VendorPostAsync("/api/vendors/wheat/exception-orders", new
        {
            wheatOrderNo = Wheat(), sessionNo, deviceCode = "D001", occurredAt = "2026-11-21T02:12:00Z", reason = "RECOGNITION_FAILED", description = "识别失败",
            totalAmount = 1250, items = new[] { new { productCode = "P100", productName = "牛奶", quantity = 1, unitPrice = 1250L } },
        });
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, text);
        var answer = JsonDocument.Parse(text).RootElement;
        answer.GetProperty("status").GetString().ShouldBe("EXCEPTION");
        var orderNo = answer.GetProperty("orderNo").GetString()!;
        (await u3.GetAsync("/api/app/scan?qrCode=vending:device:D001")).GetProperty("blockedReason").GetString().ShouldBe("UNPAID_ORDER");
        WeChat.RequestsTo($"/v3/payscore/serviceorder/{outOrderNo}/complete").ShouldBeEmpty(); // held for review, not charged

        var admin = await AdminAsync();
        var voided = (await admin.PostGraphQLAsync("mutation($input: VoidExceptionOrderInput!) { voidExceptionOrder(input: $input) { paymentStatus exceptionKind } }",
            new { input = new { orderNo, reason = "识别失败，未取货" } })).Ok().GetProperty("voidExceptionOrder");
        (voided.GetProperty("paymentStatus").GetString(), voided.GetProperty("exceptionKind").GetString()).ShouldBe(("VOIDED", "VENDOR_REPORTED"));
        await EventuallyAsync(() => Task.FromResult(WeChat.RequestsTo($"/v3/payscore/serviceorder/{outOrderNo}/cancel")), r => r.Count == 1, "the cancel");
        (await u3.GetAsync("/api/app/scan?qrCode=vending:device:D001")).GetProperty("blockedReason").ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
