using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.ManualTasks;
using Cabinets.Domain.Vending.Orders;
using Cabinets.Domain.Vending.Sessions;
using Cabinets.Domain.Vending.Users;

namespace Cabinets.Domain.Tests.Vending.Orders;

/// <summary>The vendor's order push (VENDING.md §2.4): always recorded, the session closed, then invalid → exception, 0 → not required, above the limit → intercepted, else charged.</summary>
public sealed class VendorPushTests : VendingSpecs
{
    private static VendingEffects Push(VendingSessionState? session, VendingUserState? user, long? total, params PushedItem[] items) =>
        VendorPushes.Record(ContextOf(PushOf("W1", session, total, items), session, user));

    private static ExceptionOrderRaised Raised(VendingEffects effects) => OrderEvents(effects, "VO1").OfType<ExceptionOrderRaised>().Single();

    [Fact]
    public void a_tickets_push_is_recorded_the_session_closed_and_the_order_paid_by_tickets()
    {
        // Scenario 1: W1 = 2 × P100 @ 1250 → RECORDED, 12,500 tickets, balance 7,500, nothing for WeChat.
        var session = Session(U1, VendingPaymentType.Tickets);
        var pushed = Push(session, U1, 2500, P100(2));
        pushed.Answer.ShouldBe(new PushAnswer("VO1", VendorPushes.Recorded));
        var recorded = OrderEvents(pushed, "VO1")[0].ShouldBeOfType<VendingOrderRecorded>();
        (recorded.OrderType, recorded.WheatOrderNo, recorded.SessionNo, recorded.UserId, recorded.StoreCode, recorded.OrderTime, recorded.PaymentType, recorded.TotalAmount)
            .ShouldBe((VendingOrderType.Normal, "W1", "VS1", "U1", "S001", ClosedAt, VendingPaymentType.Tickets, 2500L));
        recorded.Items.ShouldBe([new OrderItem("P100", "牛奶", 2, 1250, 2500, true)]);
        Then(pushed, "vending-session-VS1").ShouldBe([new VendingSessionClosed("VS1", "VO1", PushedAt)]);

        var order = After(pushed, "VO1");
        (order.PaymentStatus, order.TicketPaymentAmount, order.TicketsPaid, order.WxPaymentAmount, order.Unpaid).ShouldBe((VendingPaymentStatus.Paid, 2500L, 12_500L, 0L, false));
        After(U1, pushed).TicketBalance.ShouldBe(7_500);
        Sent<IVendingOutbound>(pushed).ShouldBeEmpty();
    }

    [Fact]
    public void the_push_claims_its_wheat_order_number_by_starting_its_stream_with_the_body_hash_and_answer()
    {
        // Scenario 5's idempotency: the claim stream must not exist yet, so a second W1 collides and reads the first answer.
        var pushed = Push(Session(U1, VendingPaymentType.Tickets), U1, 2500, P100(2));
        pushed.Starts.Where(s => s.Stream == "vending-wheat-order-W1").Select(s => s.Event)
            .ShouldBe([new WheatOrderReceived("W1", "VO1", "hash-W1", VendorPushes.Recorded, PushedAt)]);
        pushed.Appends.ShouldNotContain(a => a.Stream == "vending-wheat-order-W1");
        pushed.Starts.ShouldContain(s => s.Stream == "vending-order-VO1");
    }

    [Fact]
    public void a_push_30_minutes_after_the_door_opened_resolves_its_push_missing_task_and_an_earlier_one_sends_nothing()
    {
        // §1.5: a late push still closes the session and resolves the ORDER_PUSH_MISSING task (outcome SENT).
        var opened = Session(U1, VendingPaymentType.Tickets); // door opened at Now + 5 s
        var late = Now.AddSeconds(5).AddMinutes(30);
        var pushed = VendorPushes.Record(ContextOf(PushOf("W1", opened, 2500, P100(2)), opened, U1, now: late));
        Sent<ResolveManualTask>(pushed).ShouldBe([new ResolveManualTask("T-VS1:push-missing", ManualTaskOutcome.Sent, "the order arrived", late)]);
        Then(pushed, "vending-session-VS1").ShouldBe([new VendingSessionClosed("VS1", "VO1", late)]);

        Sent<ResolveManualTask>(Push(opened, U1, 2500, P100(2))).ShouldBeEmpty();
        Sent<ResolveManualTask>(VendorPushes.Record(ContextOf(PushOf("W1", Session(U1, VendingPaymentType.Tickets, opened: false), 2500, P100(2)),
            Session(U1, VendingPaymentType.Tickets, opened: false), U1, now: late))).ShouldBeEmpty();
    }

    [Fact]
    public void lines_of_one_product_at_one_price_are_merged_and_unknown_products_are_kept_and_charged()
    {
        // Scenario 19: P999 is charged and shows knownProduct false.
        var pushed = Push(Session(U1, VendingPaymentType.Tickets), U1, 2600, P100(1), new PushedItem("P999", "新品", 1, 100), P100(1));
        OrderEvents(pushed, "VO1")[0].ShouldBeOfType<VendingOrderRecorded>().Items.ShouldBe(
        [
            new OrderItem("P100", "牛奶", 2, 1250, 2500, true),
            new OrderItem("P999", "新品", 1, 100, 100, false),
        ]);
        After(pushed, "VO1").TicketsPaid.ShouldBe(13_000);
    }

    [Fact]
    public void an_order_equal_to_the_store_limit_is_charged_and_one_fen_above_is_intercepted()
    {
        // Scenario 6: 16 × P100 = 20,000 charged (100,000 tickets); next session 17 × P100 = 21,250 → INTERCEPTED.
        var first = Pushed(Session(U4, VendingPaymentType.Tickets), U4, "VO1", P100(16));
        After(first, "VO1").TicketsPaid.ShouldBe(100_000);
        var u4 = After(U4, first);
        u4.TicketBalance.ShouldBe(200_000);

        var second = VendorPushes.Record(ContextOf(PushOf("W2", Session(u4, VendingPaymentType.Tickets, "VS2"), 21_250, P100(17)), Session(u4, VendingPaymentType.Tickets, "VS2"), u4, "VO2"));
        second.Answer.ShouldBe(new PushAnswer("VO2", VendorPushes.Intercepted));
        var raised = OrderEvents(second, "VO2").OfType<ExceptionOrderRaised>().Single();
        (raised.ExceptionKind, raised.ExceptionReason, raised.AmountLimit).ShouldBe((ExceptionKind.AmountOverLimit, "OVER_LIMIT", 20000L));
        OrderEvents(second, "VO2").OfType<ChargeStarted>().ShouldBeEmpty();
        second.EventsFor("vending-user-U4").ShouldBeEmpty();
        var order = After(second, "VO2");
        (order.PaymentStatus, order.ReviewStatus, order.Unpaid).ShouldBe((VendingPaymentStatus.AwaitingReview, ReviewStatus.Pending, true));
    }

    [Fact]
    public void a_push_of_nothing_needs_no_payment_and_cancels_the_sessions_service_order()
    {
        // Scenario 13 (U1, tickets) and decision 15 (the pay-score order of a WeChat session is cancelled).
        var tickets = Push(Session(U1, VendingPaymentType.Tickets), U1, 0);
        tickets.Answer.ShouldBe(new PushAnswer("VO1", VendorPushes.Recorded));
        var order = After(tickets, "VO1");
        (order.PaymentStatus, order.Unpaid, order.Payments.Count).ShouldBe((VendingPaymentStatus.NotRequired, false, 0));
        tickets.Messages.Select(m => m.Body).OfType<PayScoreCancelOrder>().ShouldBeEmpty();

        var wechat = Push(Session(U3, VendingPaymentType.Wechat), U3, 0);
        Sent<PayScoreCancelOrder>(wechat).ShouldBe([new PayScoreCancelOrder("VP-VS1", "VO1", "未产生消费")]);
        Sent<PayScoreCompleteOrder>(wechat).ShouldBeEmpty();
    }

    [Fact]
    public void a_vendor_exception_push_is_kept_for_review_and_not_charged()
    {
        // Scenario 13: exception push RECOGNITION_FAILED with P100 × 1 → EXCEPTION, VENDOR_REPORTED, AWAITING_REVIEW, U3 blocked.
        var session = Session(U3, VendingPaymentType.Wechat);
        var push = PushOf("W1", session, null, P100(1)) with { VendorReason = "RECOGNITION_FAILED", Description = "识别失败" };
        var pushed = VendorPushes.Record(ContextOf(push, session, U3));
        pushed.Answer.ShouldBe(new PushAnswer("VO1", VendorPushes.Exception));
        Raised(pushed).ShouldBe(new ExceptionOrderRaised("VO1", ExceptionKind.VendorReported, "RECOGNITION_FAILED", "识别失败", null, PushedAt));
        var order = After(pushed, "VO1");
        (order.TotalAmount, order.PaymentStatus, order.Unpaid, order.Payments.Count).ShouldBe((1250L, VendingPaymentStatus.AwaitingReview, true, 0));
        Sent<PayScoreCompleteOrder>(pushed).ShouldBeEmpty();
        Then(pushed, "vending-session-VS1").ShouldHaveSingleItem().ShouldBeOfType<VendingSessionClosed>();
    }

    [Fact]
    public void a_push_for_an_unknown_session_is_kept_as_an_invalid_push_without_a_user()
    {
        // Scenario 14: unknown sessionNo → 201 EXCEPTION, INVALID_PUSH, UNKNOWN_SESSION, not charged.
        var pushed = Push(null, null, 2500, P100(2));
        pushed.Answer.ShouldBe(new PushAnswer("VO1", VendorPushes.Exception));
        (Raised(pushed).ExceptionKind, Raised(pushed).ExceptionReason).ShouldBe((ExceptionKind.InvalidPush, "UNKNOWN_SESSION"));
        var order = After(pushed, "VO1");
        (order.UserId, order.SessionNo, order.StoreCode, order.Payments.Count).ShouldBe(((string?)null, "VS404", "S001", 0));
        pushed.Appends.ShouldBeEmpty(); // no session, no user touched
        pushed.Messages.ShouldBeEmpty();
    }

    [Fact]
    public void items_that_do_not_sum_to_the_total_are_an_invalid_push()
    {
        // Scenario 14: items sum to 2500 with totalAmount 2400 → TOTAL_MISMATCH, not charged.
        var pushed = Push(Session(U1, VendingPaymentType.Tickets), U1, 2400, P100(2));
        (Raised(pushed).ExceptionKind, Raised(pushed).ExceptionReason).ShouldBe((ExceptionKind.InvalidPush, "TOTAL_MISMATCH"));
        pushed.EventsFor("vending-user-U1").ShouldBeEmpty();
        Then(pushed, "vending-session-VS1").ShouldHaveSingleItem().ShouldBeOfType<VendingSessionClosed>();
    }

    [Fact]
    public void another_device_a_second_order_and_two_prices_for_one_product_are_invalid_pushes()
    {
        var session = Session(U1, VendingPaymentType.Tickets);
        var otherDevice = VendorPushes.Record(ContextOf(PushOf("W1", session, 2500, P100(2)) with { DeviceCode = "D002" }, session, U1));
        Raised(otherDevice).ExceptionReason.ShouldBe("DEVICE_MISMATCH");

        var closed = VendingSessionState.Evolve(session, new VendingSessionClosed("VS1", "VO0", ClosedAt))!;
        var second = Push(closed, U1, 2500, P100(2));
        Raised(second).ExceptionReason.ShouldBe("SESSION_ALREADY_HAS_ORDER");
        second.EventsFor("vending-session-VS1").ShouldBeEmpty(); // closed once, by the first order

        var twoPrices = Push(session, U1, 2550, P100(1), new PushedItem("P100", "牛奶", 1, 1300));
        Raised(twoPrices).ExceptionReason.ShouldBe("PRICE_CONFLICT");
    }

    [Fact]
    public void a_push_for_a_session_whose_door_failed_charges_through_a_new_service_order()
    {
        // §2.3 step 7 cancels a failed WeChat session's service order; §2.4 step 3 still accepts its push and
        // §2.5 step 1 charges "a session whose service order was cancelled" through a new one.
        var opening = Session(U3, VendingPaymentType.Wechat, opened: false);
        var failed = After(opening, VendingSessionDecider.DoorOpenFailed(opening,
            new RecordDoorOpenFailure("VS1", "VC-VS1", DoorOpenFailureKind.Unreachable, "timeout", Now.AddSeconds(105))));
        failed.Status.ShouldBe(VendingSessionStatus.Failed);

        var pushed = Push(failed, U3, 950, P200(1), P300(1));
        Sent<PayScoreCompleteOrder>(pushed).ShouldNotContain(c => c.PaymentNo == "VP-VS1"); // the cancel of VP-VS1 is already on its way
        Sent<PayScoreCreateOrder>(pushed).ShouldHaveSingleItem().RiskFundAmount.ShouldBe(950);
    }
}
