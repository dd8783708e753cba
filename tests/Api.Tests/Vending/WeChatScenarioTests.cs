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
/// VENDING.md §5 scenarios over the fake WeChat: paying again (3), a WeChat purchase and its refund (4, 9), a deduction
/// still pending (12), a vendor exception voided (13), and a day's purchases counted and pushed to the fake ERP (17, 18).
/// One class per fixture, so that the fakes' scripts never cross between tests running at once.
/// </summary>
public sealed class WeChatScenarioTests(OutsideVendingFixture fixture) : OutsideScenarios(fixture), IClassFixture<OutsideVendingFixture>
{
    [Fact]
    public async Task scenario_3_an_order_that_tickets_could_not_pay_is_paid_again_by_wechat()
    {
        var u2 = await Api.PayScoreUserAsync(10_000);
        var sessionNo = await u2.OpenDoorAsync("vending:device:D001", "TICKETS");
        var orderNo = await Api.PushOrderAsync(Push(Wheat(), sessionNo, "D001", 2500, ("P100", "牛奶", 2, 1250)), "RECORDED");
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

        (await WeChat.UserPaidAsync(Api.Http(), outOrderNo, 2500, "TX3", DateTimeOffset.UtcNow)).IsSuccessStatusCode.ShouldBeTrue();
        var order = await ConsoleOrderAsync(orderNo);
        (order.GetProperty("paymentStatus").GetString(), order.GetProperty("wxPaymentAmount").GetInt64(), order.GetProperty("ticketsPaid").GetInt64()).ShouldBe(("PAID", 2500L, 0L));
        (await u2.GetAsync("/api/app/me")).GetProperty("ticketBalance").GetInt64().ShouldBe(10_000);
        (await u2.GetAsync("/api/app/scan?qrCode=vending:device:D001")).GetProperty("blockedReason").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task scenarios_4_and_9_a_wechat_purchase_is_completed_paid_and_refunded_by_the_original_method()
    {
        var u3 = await Api.PayScoreUserAsync(0);
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
        var orderNo = await Api.PushOrderAsync(Push(Wheat(), sessionNo, "D001", 950, ("P200", "薯片", 1, 600), ("P300", "果汁", 1, 350)), "RECORDED");
        var complete = (await EventuallyAsync(() => Task.FromResult(WeChat.RequestsTo($"/v3/payscore/serviceorder/{outOrderNo}/complete")), r => r.Count > 0, "complete"))
            .ShouldHaveSingleItem().Body!.Value;
        complete.GetProperty("total_amount").GetInt64().ShouldBe(950);
        complete.GetProperty("post_payments").GetArrayLength().ShouldBe(2);
        (await WeChat.UserPaidAsync(Api.Http(), outOrderNo, 950, "TX4", new DateTimeOffset(2026, 11, 21, 10, 15, 0, TimeSpan.FromHours(8)))).IsSuccessStatusCode.ShouldBeTrue();
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

        (await WeChat.RefundNotifyAsync(Api.Http(), "REFUND.SUCCESS", outRefundNo, "50000000REFUND9", 600, 950, DateTimeOffset.UtcNow, "TX4")).IsSuccessStatusCode.ShouldBeTrue();
        var refunded = await ConsoleOrderAsync(orderNo);
        refunded.GetProperty("refundedAmount").GetInt64().ShouldBe(600);
        var refund = refunded.GetProperty("refunds").EnumerateArray().ShouldHaveSingleItem();
        (refund.GetProperty("method").GetString(), refund.GetProperty("amount").GetInt64(), refund.GetProperty("status").GetString()).ShouldBe(("WECHAT", 600L, "SUCCEEDED"));
        WeChat.RefundStatus = "SUCCESS";
    }

    [Fact]
    public async Task scenario_12_a_deduction_still_pending_after_the_timeout_fails_and_is_paid_again_on_the_same_service_order()
    {
        var u2 = await Api.PayScoreUserAsync(10_000);
        var (orderNo, outOrderNo) = await WeChatPurchaseAsync(u2, 350, ("P300", "果汁", 1, 350));
        var creates = WeChat.RequestsFor(WeChatCall.CreateOrder).Count;

        // The query Charging schedules 15 minutes after the complete, delivered now (Wolverine would at +15 min).
        await Api.Bus().InvokeAsync(new PayScoreQueryOrder(orderNo, outOrderNo));
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

        (await WeChat.UserPaidAsync(Api.Http(), outOrderNo, 350, "TX12", DateTimeOffset.UtcNow)).IsSuccessStatusCode.ShouldBeTrue();
        (await ConsoleOrderAsync(orderNo)).GetProperty("paymentStatus").GetString().ShouldBe("PAID");
        (await u2.GetAsync("/api/app/me")).GetProperty("ticketBalance").GetInt64().ShouldBe(10_000);
    }

    [Fact]
    public async Task scenarios_17_and_18_a_days_purchases_over_http_are_counted_by_payment_type_and_product_and_pushed_to_the_erp()
    {
        var store = await Api.StoreAsync();
        var device = await Api.DeviceAsync(store);
        var qr = $"vending:device:{device}";
        var admin = await AdminAsync();

        var u1 = await Api.UserAsync(20_000); // scenario 1: tickets 2500
        await Api.PushOrderAsync(Push(Wheat(), await u1.OpenDoorAsync(qr, "TICKETS"), device, 2500, ("P100", "牛奶", 2, 1250)), "RECORDED");
        var u3 = await Api.PayScoreUserAsync(0); // scenario 4 then 9: WeChat 950, 600 refunded
        var (wechatOrder, outOrderNo) = await WeChatPurchaseAsync(u3, device, 950, ("P200", "薯片", 1, 600), ("P300", "果汁", 1, 350));
        (await WeChat.UserPaidAsync(Api.Http(), outOrderNo, 950, "TX17", DateTimeOffset.UtcNow)).IsSuccessStatusCode.ShouldBeTrue();
        await EventuallyAsync(async () => (await ConsoleOrderAsync(wechatOrder)).GetProperty("paymentStatus").GetString(), s => s == "PAID", "the WeChat order");
        (await admin.PostGraphQLAsync(CorrectOrder, new { input = new { orderNo = wechatOrder, reason = "没拿薯片", items = new[] { new { productCode = "P200", quantity = 0 } } } })).Ok();
        await EventuallyAsync(async () => (await ConsoleOrderAsync(wechatOrder)).GetProperty("refundedAmount").GetInt64(), r => r == 600, "the refund"); // the fake answers SUCCESS
        var u2 = await Api.UserAsync(10_000); // scenario 2: fails
        await Api.PushOrderAsync(Push(Wheat(), await u2.OpenDoorAsync(qr, "TICKETS"), device, 2500, ("P100", "牛奶", 2, 1250)), "RECORDED");
        await Api.CaughtUpAsync();

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Cabinets.Api.Vending.VendingNumbers.Shanghai).DateTime).ToString("yyyy-MM-dd");
        var byType = (await admin.PostGraphQLAsync($$"""{ vendingSales(from: "{{day}}", to: "{{day}}", storeCode: "{{store}}", groupBy: [PAYMENT_TYPE]) { paymentType grossAmount refundAmount netAmount ticketsCollected orderCount } }"""))
            .Ok().GetProperty("vendingSales").EnumerateArray().ToDictionary(r => r.GetProperty("paymentType").GetString()!);
        static (long, long, long, int) Money(JsonElement r) =>
            (r.GetProperty("grossAmount").GetInt64(), r.GetProperty("refundAmount").GetInt64(), r.GetProperty("netAmount").GetInt64(), r.GetProperty("orderCount").GetInt32());
        Money(byType["WECHAT"]).ShouldBe((950L, 600L, 350L, 1));
        Money(byType["TICKETS"]).ShouldBe((2500L, 0L, 2500L, 1));
        byType["TICKETS"].GetProperty("ticketsCollected").GetInt64().ShouldBe(12_500);

        await Api.Services.GetRequiredService<Cabinets.Api.Commands.CommandSender>().SendAsync(new RequestDailySalesPush(DateOnly.Parse(day), DateTimeOffset.UtcNow),
            new Cabinets.Api.Commands.CommandContext(Cabinets.Api.Commands.Actor.System)); // what the schedule sends at 02:00 the next day
        var summaryId = Cabinets.Api.Vending.Statistics.SalesSummaries.SummaryId(DateOnly.Parse(day), store);
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
        var u3 = await Api.PayScoreUserAsync(0);
        var sessionNo = await u3.OpenDoorAsync("vending:device:D001", "WECHAT");
        var outOrderNo = OutOrderNo(CreateFor(u3));
        var response = await Api.VendorPostAsync("/api/vendors/wheat/exception-orders", new
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
