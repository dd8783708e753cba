using System.Net.Http.Json;
using Cabinets.Api.Commands;
using Cabinets.Api.Vending.Handlers;
using Cabinets.Domain.Vending.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests.Vending;

/// <summary>VENDING.md §5 scenarios through the real mini-program and vendor REST, against PostgreSQL (development adapters for vendor and WeChat).</summary>
public sealed class VendingScenarioTests(VendingFixture api) : IClassFixture<VendingFixture>
{
    internal static object Push(string wheatOrderNo, string sessionNo, string device, long total, params (string Code, string Name, int Quantity, long Price)[] items) => new
    {
        wheatOrderNo, sessionNo, deviceCode = device, closedAt = "2026-11-21T02:10:00Z", totalAmount = total,
        items = items.Select(i => new { productCode = i.Code, productName = i.Name, quantity = i.Quantity, unitPrice = i.Price }),
    };

    internal static string Wheat() => "W" + Guid.NewGuid().ToString("N")[..12];

    private Task<string> PushAsync(object push, string expectedStatus) => api.PushOrderAsync(push, expectedStatus);

    private async Task<CommandOutcome> CorrectAsync(string orderNo, params (string Code, int Quantity)[] items) =>
        await api.Services.GetRequiredService<CommandSender>().SendAsync(
            new CorrectOrderCommand(orderNo, items.Select(i => new CorrectionItem(i.Code, i.Quantity)).ToList(), "客服修正", null, DateTimeOffset.UtcNow),
            new CommandContext(new Actor("admin", "admin", "test")));

    [Fact]
    public async Task scenario_1_a_ticket_purchase_opens_the_door_and_the_push_debits_12500_tickets()
    {
        var u1 = await api.UserAsync(20_000);
        var scan = await u1.GetAsync("/api/app/scan?qrCode=vending:device:D001");
        scan.GetProperty("blockedReason").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var options = scan.GetProperty("paymentOptions").EnumerateArray().ToDictionary(o => o.GetProperty("paymentType").GetString()!);
        options["TICKETS"].GetProperty("available").GetBoolean().ShouldBeTrue();
        options["WECHAT"].GetProperty("unavailableReason").GetString().ShouldBe("PAYSCORE_NOT_AUTHORIZED");

        var sessionNo = await u1.OpenDoorAsync("vending:device:D001", "TICKETS");
        var orderNo = await PushAsync(Push(Wheat(), sessionNo, "D001", 2500, ("P100", "牛奶", 2, 1250)), "RECORDED");

        var order = (await u1.GetAsync($"/api/app/orders/{orderNo}")).GetProperty("summary");
        order.GetProperty("orderType").GetString().ShouldBe("NORMAL");
        order.GetProperty("paymentStatus").GetString().ShouldBe("PAID");
        order.GetProperty("ticketsPaid").GetInt64().ShouldBe(12_500);
        (await u1.GetAsync("/api/app/me")).GetProperty("ticketBalance").GetInt64().ShouldBe(7_500);
        (await u1.GetAsync($"/api/app/sessions/{sessionNo}")).GetProperty("status").GetString().ShouldBe("CLOSED");
    }

    [Fact]
    public async Task scenario_2_not_enough_tickets_fails_the_order_debits_nothing_and_blocks_the_next_scan()
    {
        var u2 = await api.UserAsync(10_000);
        var sessionNo = await u2.OpenDoorAsync("vending:device:D001", "TICKETS");
        var orderNo = await PushAsync(Push(Wheat(), sessionNo, "D001", 2500, ("P100", "牛奶", 2, 1250)), "RECORDED");

        var order = (await u2.GetAsync($"/api/app/orders/{orderNo}")).GetProperty("summary");
        order.GetProperty("paymentStatus").GetString().ShouldBe("FAILED");
        order.GetProperty("failureReason").GetString().ShouldBe("INSUFFICIENT_TICKETS");
        order.GetProperty("canPayAgain").GetBoolean().ShouldBeTrue();
        (await u2.GetAsync("/api/app/me")).GetProperty("ticketBalance").GetInt64().ShouldBe(10_000);

        var scan = await u2.GetAsync("/api/app/scan?qrCode=vending:device:D001");
        scan.GetProperty("blockedReason").GetString().ShouldBe("UNPAID_ORDER");
        scan.GetProperty("blockingOrderNos").EnumerateArray().Select(e => e.GetString()).ShouldBe([orderNo]);
        var (status, problem) = await u2.PostAsync("/api/app/sessions", new { qrCode = "vending:device:D001", paymentType = "TICKETS" });
        status.ShouldBe(409);
        problem.GetProperty("type").GetString().ShouldBe("urn:cabinet-ops:problem:unpaid-order");

        // Paying again by tickets that still do not cover it is refused and changes nothing.
        var (again, refused) = await u2.PostAsync($"/api/app/orders/{orderNo}/pay-again", new { paymentType = "TICKETS" });
        again.ShouldBe(409);
        refused.GetProperty("type").GetString().ShouldBe("urn:cabinet-ops:problem:insufficient-tickets");
    }

    [Fact]
    public async Task scenario_5_a_repeated_push_gets_the_same_answer_another_body_409_and_bad_signatures_401()
    {
        var u1 = await api.UserAsync(20_000);
        var sessionNo = await u1.OpenDoorAsync("vending:device:D002", "TICKETS");
        var wheat = Wheat();
        var push = Push(wheat, sessionNo, "D002", 2500, ("P100", "牛奶", 2, 1250));
        var orderNo = await PushAsync(push, "RECORDED");
        (await PushAsync(push, "RECORDED")).ShouldBe(orderNo);
        (await u1.GetAsync("/api/app/me")).GetProperty("ticketBalance").GetInt64().ShouldBe(7_500);

        var other = await api.VendorPostAsync("/api/vendors/wheat/orders", Push(wheat, sessionNo, "D002", 2600, ("P100", "牛奶", 2, 1300)));
        ((int)other.StatusCode).ShouldBe(409);
        (await other.Content.ReadAsStringAsync()).ShouldContain("wheat-order-conflict");

        var fresh = Push(Wheat(), sessionNo, "D002", 100, ("P300", "果汁", 1, 100));
        ((int)(await api.VendorPostAsync("/api/vendors/wheat/orders", fresh, wrongSignature: true)).StatusCode).ShouldBe(401);
        ((int)(await api.VendorPostAsync("/api/vendors/wheat/orders", fresh, ageSeconds: 301)).StatusCode).ShouldBe(401);
        var nonce = Guid.NewGuid().ToString("N");
        ((int)(await api.VendorPostAsync("/api/vendors/wheat/orders", Push(Wheat(), "VS-none", "D002", 0), nonce: nonce)).StatusCode).ShouldBe(201);
        ((int)(await api.VendorPostAsync("/api/vendors/wheat/orders", fresh, nonce: nonce)).StatusCode).ShouldBe(401);
        (await u1.GetAsync("/api/app/me")).GetProperty("ticketBalance").GetInt64().ShouldBe(7_500);
    }

    [Fact]
    public async Task scenario_6_above_the_store_limit_the_order_is_intercepted_and_not_charged()
    {
        var u4 = await api.UserAsync(300_000);
        var first = await u4.OpenDoorAsync("vending:device:D001", "TICKETS");
        await PushAsync(Push(Wheat(), first, "D001", 20_000, ("P100", "牛奶", 16, 1250)), "RECORDED");
        (await u4.GetAsync("/api/app/me")).GetProperty("ticketBalance").GetInt64().ShouldBe(200_000);

        var second = await u4.OpenDoorAsync("vending:device:D001", "TICKETS");
        var orderNo = await PushAsync(Push(Wheat(), second, "D001", 21_250, ("P100", "牛奶", 17, 1250)), "INTERCEPTED");
        (await u4.GetAsync($"/api/app/orders/{orderNo}")).GetProperty("summary").GetProperty("paymentStatus").GetString().ShouldBe("AWAITING_REVIEW");
        (await u4.GetAsync("/api/app/me")).GetProperty("ticketBalance").GetInt64().ShouldBe(200_000);
        (await u4.GetAsync("/api/app/scan?qrCode=vending:device:D001")).GetProperty("blockedReason").GetString().ShouldBe("UNPAID_ORDER");
    }

    [Fact]
    public async Task scenarios_7_and_8_a_correction_up_charges_a_supplementary_order_and_down_refunds_the_tickets()
    {
        var u1 = await api.UserAsync(20_000);
        var sessionNo = await u1.OpenDoorAsync("vending:device:D001", "TICKETS");
        var orderNo = await PushAsync(Push(Wheat(), sessionNo, "D001", 2500, ("P100", "牛奶", 2, 1250)), "RECORDED");

        var up = (await CorrectAsync(orderNo, ("P100", 3))).ShouldBeOfType<CommandOutcome.Accepted>().Answer.ShouldBeOfType<Domain.Vending.OrderCorrected>();
        up.Settlement.ShouldBe(Domain.Vending.CorrectionSettlement.SupplementaryCharge);
        up.Delta.ShouldBe(1250);
        var supplementary = (await u1.GetAsync($"/api/app/orders/{up.SupplementaryOrderNo}")).GetProperty("summary");
        supplementary.GetProperty("orderType").GetString().ShouldBe("SUPPLEMENTARY");
        supplementary.GetProperty("relatedOrderNo").GetString().ShouldBe(orderNo);
        supplementary.GetProperty("paymentStatus").GetString().ShouldBe("PAID");
        supplementary.GetProperty("ticketsPaid").GetInt64().ShouldBe(6_250);
        (await u1.GetAsync($"/api/app/orders/{orderNo}")).GetProperty("summary").GetProperty("orderType").GetString().ShouldBe("CORRECTED");
        (await u1.GetAsync("/api/app/me")).GetProperty("ticketBalance").GetInt64().ShouldBe(1_250);

        var down = (await CorrectAsync(orderNo, ("P100", 1))).ShouldBeOfType<CommandOutcome.Accepted>().Answer.ShouldBeOfType<Domain.Vending.OrderCorrected>();
        (down.NewTotal, down.SettledAmount, down.Delta, down.Settlement).ShouldBe((1250L, 3750L, -2500L, Domain.Vending.CorrectionSettlement.Refund));
        (await u1.GetAsync("/api/app/me")).GetProperty("ticketBalance").GetInt64().ShouldBe(13_750);
        (await u1.GetAsync($"/api/app/orders/{orderNo}")).GetProperty("summary").GetProperty("refundedAmount").GetInt64().ShouldBe(2500);

        // No change, a supplementary order, and a negative quantity are refused with their codes.
        (await CorrectAsync(orderNo, ("P100", 1))).ShouldBeOfType<CommandOutcome.Rejected>().Error.Code.ShouldBe(Corrections.Errors.NoChange);
        (await CorrectAsync(up.SupplementaryOrderNo!, ("P100", 0))).ShouldBeOfType<CommandOutcome.Rejected>().Error.Code.ShouldBe(Corrections.Errors.NotCorrectable);
        (await CorrectAsync(orderNo, ("P100", -1))).ShouldBeOfType<CommandOutcome.Rejected>().Error.Code.ShouldBe(Corrections.Errors.NegativeQuantity);
    }

    [Fact]
    public async Task scenario_13_and_14_nothing_taken_is_not_required_and_unchargeable_pushes_are_kept_as_exceptions()
    {
        var u1 = await api.UserAsync(20_000);
        var sessionNo = await u1.OpenDoorAsync("vending:device:D001", "TICKETS");
        var zero = await PushAsync(Push(Wheat(), sessionNo, "D001", 0), "RECORDED");
        (await u1.GetAsync($"/api/app/orders/{zero}")).GetProperty("summary").GetProperty("paymentStatus").GetString().ShouldBe("NOT_REQUIRED");
        (await u1.GetAsync("/api/app/scan?qrCode=vending:device:D001")).GetProperty("blockedReason").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        await PushAsync(Push(Wheat(), "VS-unknown", "D001", 2500, ("P100", "牛奶", 2, 1250)), "EXCEPTION");
        var next = await u1.OpenDoorAsync("vending:device:D001", "TICKETS");
        var mismatch = await PushAsync(Push(Wheat(), next, "D001", 2400, ("P100", "牛奶", 2, 1250)), "EXCEPTION");
        (await u1.GetAsync($"/api/app/orders/{mismatch}")).GetProperty("summary").GetProperty("paymentStatus").GetString().ShouldBe("AWAITING_REVIEW");
        (await u1.GetAsync("/api/app/me")).GetProperty("ticketBalance").GetInt64().ShouldBe(20_000);

        var missing = await api.VendorPostAsync("/api/vendors/wheat/orders", new { sessionNo = next, deviceCode = "D001", closedAt = "2026-11-21T02:10:00Z", totalAmount = 0, items = Array.Empty<object>() });
        ((int)missing.StatusCode).ShouldBe(400);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("wheatOrderNo");
    }

    [Fact]
    public async Task an_app_post_sent_again_with_its_idempotency_key_gets_the_first_answer_and_does_nothing_twice()
    {
        var u = await api.UserAsync(20_000);
        var body = new { qrCode = "vending:device:D001", paymentType = "TICKETS" };
        var missing = await u.Http.PostAsJsonAsync("/api/app/sessions", body);
        ((int)missing.StatusCode).ShouldBe(400);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("Idempotency-Key");
        (await u.GetAsync("/api/app/scan?qrCode=vending:device:D001")).GetProperty("blockedReason").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        var key = Guid.NewGuid().ToString();
        var (status, first) = await u.PostAsync("/api/app/sessions", body, key);
        status.ShouldBe(202, first.ToString());
        var (again, repeat) = await u.PostAsync("/api/app/sessions", body, key); // a second session would be 409 session-in-progress
        (again, repeat.GetRawText()).ShouldBe((202, first.GetRawText()));
        var (reused, problem) = await u.PostAsync("/api/app/sessions", body with { paymentType = "WECHAT" }, key);
        reused.ShouldBe(422);
        problem.GetProperty("type").GetString().ShouldBe("urn:cabinet-ops:problem:idempotency-key-reused");

        var sessionNo = first.GetProperty("sessionNo").GetString()!;
        var orderNo = await PushAsync(Push(Wheat(), sessionNo, "D001", 1250, ("P100", "牛奶", 1, 1250)), "RECORDED");
        var complaint = new { category = "OTHER", content = "门没关好", imageUrls = Array.Empty<string>() };
        var complaintKey = Guid.NewGuid().ToString();
        var (filed, complaintAnswer) = await u.PostAsync($"/api/app/orders/{orderNo}/complaints", complaint, complaintKey);
        filed.ShouldBe(201, complaintAnswer.ToString());
        var (refiled, sameComplaint) = await u.PostAsync($"/api/app/orders/{orderNo}/complaints", complaint, complaintKey); // anew: 409 complaint-open
        (refiled, sameComplaint.GetProperty("complaintId").GetString()).ShouldBe((201, complaintAnswer.GetProperty("complaintId").GetString()));
        (await u.GetAsync("/api/app/complaints")).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task scenario_20_an_adjustment_never_takes_the_balance_below_zero()
    {
        var u3 = await api.UserAsync(0);
        var outcome = await api.Services.GetRequiredService<CommandSender>().SendAsync(new Domain.Vending.Users.AdjustTickets(u3.UserId, -1, "test", DateTimeOffset.UtcNow),
            new CommandContext(new Actor("admin", "admin", "test")));
        outcome.ShouldBeOfType<CommandOutcome.Rejected>().Error.Code.ShouldBe("BALANCE_WOULD_BE_NEGATIVE");
        (await u3.GetAsync("/api/app/me")).GetProperty("ticketBalance").GetInt64().ShouldBe(0);
    }
}

/// <summary>The races of issue 11's tests: one vendor order pushed twice at once; one user's debits at once.</summary>
public sealed class VendingRaceTests(VendingFixture api) : IClassFixture<VendingFixture>
{
    [Fact]
    public async Task two_pushes_of_the_same_order_at_once_record_one_order_and_charge_once()
    {
        var u = await api.UserAsync(20_000);
        var sessionNo = await u.OpenDoorAsync("vending:device:D001", "TICKETS");
        var push = new
        {
            wheatOrderNo = "W-race-" + Guid.NewGuid().ToString("N")[..8], sessionNo, deviceCode = "D001", closedAt = "2026-11-21T02:10:00Z", totalAmount = 2500,
            items = new[] { new { productCode = "P100", productName = "牛奶", quantity = 2, unitPrice = 1250L } },
        };
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.VendorPostAsync("/api/vendors/wheat/orders", push)));
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        answers.ShouldAllBe(a => (int)a.StatusCode == 201, string.Join("\n", bodies));
        bodies.Select(b => System.Text.Json.JsonDocument.Parse(b).RootElement.GetProperty("orderNo").GetString()).Distinct().Count().ShouldBe(1);
        (await u.GetAsync("/api/app/me")).GetProperty("ticketBalance").GetInt64().ShouldBe(7_500);
        (await u.GetAsync("/api/app/orders")).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task two_orders_pushed_at_once_for_one_session_debit_the_user_once()
    {
        // A user opens one door at a time (§1.5), so two debits of one user race when the vendor pushes two orders
        // for the same session at once: both load the user's stream and the session's; one commits, the other is
        // decided again and finds the session closed (SESSION_ALREADY_HAS_ORDER: kept for review, not charged).
        var u = await api.UserAsync(10_000);
        var first = await u.OpenDoorAsync("vending:device:D001", "TICKETS");
        object Push(string wheat) => new
        {
            wheatOrderNo = wheat, sessionNo = first, deviceCode = "D001", closedAt = "2026-11-21T02:10:00Z", totalAmount = 1500,
            items = new[] { new { productCode = "P200", productName = "薯片", quantity = 1, unitPrice = 1500L } },
        };
        var answers = await Task.WhenAll(api.VendorPostAsync("/api/vendors/wheat/orders", Push("W-a-" + Guid.NewGuid().ToString("N")[..8])),
            api.VendorPostAsync("/api/vendors/wheat/orders", Push("W-b-" + Guid.NewGuid().ToString("N")[..8])));
        answers.ShouldAllBe(a => (int)a.StatusCode == 201);
        var balance = (await u.GetAsync("/api/app/me")).GetProperty("ticketBalance").GetInt64();
        balance.ShouldBe(2_500); // exactly one debit of 7,500
        var statuses = (await u.GetAsync("/api/app/orders")).GetProperty("items").EnumerateArray().Select(o => o.GetProperty("paymentStatus").GetString()).Order().ToList();
        statuses.ShouldBe(["AWAITING_REVIEW", "PAID"]);
    }
}

public sealed class VendingAuthorizationTests(VendingFixture api) : IClassFixture<VendingFixture>
{
    [Fact]
    public async Task a_payscore_authorization_records_its_code_and_answers_wechats_token_for_the_mini_program()
    {
        var u = await api.UserAsync(0);
        var (status, body) = await u.PostAsync("/api/app/payscore/authorization", new { });
        status.ShouldBe(200, body.ToString());
        body.GetProperty("businessType").GetString().ShouldBe("wxpayScoreEnable");
        body.GetProperty("extraData").GetProperty("apply_permissions_token").GetString().ShouldNotBeNullOrEmpty();
        (await u.GetAsync("/api/app/me")).GetProperty("payScoreAuthorized").GetBoolean().ShouldBeFalse(); // until WeChat's USER_OPEN_SERVICE
    }
}
