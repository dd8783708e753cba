using Cabinets.Domain.Deciding;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.ManualTasks;
using Cabinets.Domain.Vending.Orders;
using Cabinets.Domain.Vending.Users;

namespace Cabinets.Domain.Tests.Vending.Orders;

/// <summary>Charging (VENDING.md §2.5): tickets at 5 per fen in one transaction, or WeChat pay-score (the session's service order, or a new one), its answers and the 15-minute query.</summary>
public sealed class ChargingTests : VendingSpecs
{
    private static VendingOrderState Recorded(VendingUserState user, VendingPaymentType type, long total) =>
        Order(new VendingOrderRecorded("VO1", VendingOrderType.Normal, "W1", null, "VS1", user.UserId, "D001", "S001", ClosedAt, type,
            [new OrderItem("P100", "牛奶", 1, total, total, true)], total, PushedAt));

    private static VendingEffects Charge(VendingUserState user, VendingPaymentType type, long total, ReusableServiceOrder? serviceOrder = null)
    {
        var effects = new VendingEffects();
        Charging.Start(effects, Recorded(user, type, total), type, total, "VP-VO1", user, serviceOrder, "欢乐儿童店", PushedAt);
        return effects;
    }

    /// <summary>The order after the charge, from its recording on.</summary>
    private static VendingOrderState Charged(VendingEffects charged, VendingUserState user, VendingPaymentType type, long total) =>
        After(charged, "VO1", Recorded(user, type, total));

    /// <summary>Scenario 4's W4 (P200 + P300 = 950) on U3's WeChat session, its charge started.</summary>
    private static (VendingOrderState Order, VendingEffects Pushed) W4()
    {
        var pushed = Pushed(Session(U3, VendingPaymentType.Wechat), U3, "VO4", P200(1), P300(1));
        return (After(pushed, "VO4"), pushed);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(950, 4_750)]
    [InlineData(2_500, 12_500)]
    [InlineData(21_250, 106_250)]
    public void tickets_are_debited_at_exactly_five_per_fen(long fen, long tickets)
    {
        var charged = Charge(U4, VendingPaymentType.Tickets, fen);
        OrderEvents(charged, "VO1").OfType<ChargeStarted>().Single().Tickets.ShouldBe(tickets);
        Then(charged, "vending-user-U4").ShouldBe([new TicketsDebited("U4", tickets, 300_000 - tickets, "VO1", "VP-VO1", PushedAt)]);
        var order = Charged(charged, U4, VendingPaymentType.Tickets, fen);
        (order.PaymentStatus, order.TicketPaymentAmount, order.TicketsPaid, order.PaidAt).ShouldBe((VendingPaymentStatus.Paid, fen, tickets, (DateTimeOffset?)PushedAt));
    }

    [Fact]
    public void too_few_tickets_fail_the_payment_and_debit_nothing()
    {
        // Scenario 2: U2 holds 10,000; 2500 fen needs 12,500 → FAILED INSUFFICIENT_TICKETS, balance and ledger unchanged.
        var charged = Charge(U2, VendingPaymentType.Tickets, 2500);
        charged.EventsFor("vending-user-U2").ShouldBeEmpty();
        OrderEvents(charged, "VO1").Last().ShouldBe(new PaymentFailed("VO1", "VP-VO1", PaymentFailureReason.InsufficientTickets, "12500 tickets needed, 10000 held", PushedAt));
        var order = Charged(charged, U2, VendingPaymentType.Tickets, 2500);
        (order.PaymentStatus, order.FailureReason, order.TicketsPaid, order.Unpaid).ShouldBe((VendingPaymentStatus.Failed, (PaymentFailureReason?)PaymentFailureReason.InsufficientTickets, 0L, true));
    }

    [Fact]
    public void a_wechat_push_completes_the_sessions_service_order_when_its_risk_fund_covers_the_amount()
    {
        // Scenario 4: complete with total_amount 950 and two post_payments; no second create.
        var (order, pushed) = W4();
        OrderEvents(pushed, "VO4").OfType<ChargeStarted>().Single().ShouldBe(new ChargeStarted("VO4", "VP-VS1", VendingPaymentType.Wechat, 950, 0, PushedAt, 20000));
        var complete = Sent<PayScoreCompleteOrder>(pushed).ShouldHaveSingleItem();
        (complete.OrderNo, complete.PaymentNo, complete.TotalAmount).ShouldBe(("VO4", "VP-VS1", 950L));
        complete.Lines.ShouldBe([new OrderItem("P200", "薯片", 1, 600, 600, true), new OrderItem("P300", "果汁", 1, 350, 350, true)]);
        Sent<PayScoreCreateOrder>(pushed).ShouldBeEmpty();
        (order.PaymentStatus, order.Unpaid, order.LastPayment!.ServiceOrderCreated).ShouldBe((VendingPaymentStatus.Paying, true, true));
    }

    [Fact]
    public void an_amount_above_the_risk_fund_cancels_the_service_order_and_creates_one_for_the_amount()
    {
        var charged = Charge(U2, VendingPaymentType.Wechat, 25_000, new ReusableServiceOrder("VP-VS1", 20000));
        Sent<object>(charged).ShouldBe(
        [
            new PayScoreCancelOrder("VP-VS1", "VO1", "金额超出预授权"),
            new PayScoreCreateOrder("VP-VO1", null, "VO1", "U2", "欢乐儿童店", 25_000, PushedAt),
        ]);
        OrderEvents(charged, "VO1").OfType<ChargeStarted>().Single().ShouldBe(new ChargeStarted("VO1", "VP-VO1", VendingPaymentType.Wechat, 25_000, 0, PushedAt));
    }

    [Fact]
    public void a_created_order_level_service_order_is_completed_and_a_refused_one_fails_the_payment()
    {
        var order = Charged(Charge(U2, VendingPaymentType.Wechat, 2500), U2, VendingPaymentType.Wechat, 2500);
        var created = Charging.ServiceOrderAnswered(order, new RecordOrderServiceOrder("VO1", "VP-VO1", true, null, null, PushedAt.AddSeconds(1)));
        OrderEvents(created, "VO1").ShouldBe([new PayScoreOrderCreated(null, "VO1", "VP-VO1", 2500, PushedAt.AddSeconds(1))]);
        Sent<PayScoreCompleteOrder>(created).ShouldHaveSingleItem().TotalAmount.ShouldBe(2500);
        Charging.ServiceOrderAnswered(After(created, "VO1", order), new RecordOrderServiceOrder("VO1", "VP-VO1", true, null, null, PushedAt)).Appends.ShouldBeEmpty();

        var rejected = Charging.ServiceOrderAnswered(order, new RecordOrderServiceOrder("VO1", "VP-VO1", false, "UNREACHABLE", "timeout", PushedAt));
        After(rejected, "VO1", order).FailureReason.ShouldBe(PaymentFailureReason.WechatUnreachable);
        var refused = Charging.ServiceOrderAnswered(order, new RecordOrderServiceOrder("VO1", "VP-VO1", false, "USER_ACCOUNT_ABNORMAL", "no", PushedAt));
        After(refused, "VO1", order).FailureReason.ShouldBe(PaymentFailureReason.WechatRejected);
    }

    [Fact]
    public void a_wechat_charge_of_a_user_no_longer_authorized_fails_at_once()
    {
        var revoked = VendingUserState.Evolve(U2, new PayScoreAuthorizationRevoked("U2", Now))!;
        var charged = Charge(revoked, VendingPaymentType.Wechat, 350);
        Charged(charged, revoked, VendingPaymentType.Wechat, 350).FailureReason.ShouldBe(PaymentFailureReason.PayscoreNotAuthorized);
        Sent<IVendingOutbound>(charged).ShouldBeEmpty();

        // Revoked after a WeChat scan: the session's service order is cancelled, never left open at WeChat.
        var withSession = Charge(revoked, VendingPaymentType.Wechat, 350, new ReusableServiceOrder("VP-VS1", 20000));
        Sent<PayScoreCancelOrder>(withSession).ShouldHaveSingleItem().PaymentNo.ShouldBe("VP-VS1");
    }

    [Fact]
    public void an_accepted_complete_keeps_the_order_paying_and_schedules_the_query_15_minutes_on()
    {
        var (order, _) = W4();
        var at = PushedAt.AddSeconds(2);
        var completed = Charging.Completed(order, "VP-VS1", 950, at);
        OrderEvents(completed, "VO4").ShouldBe([new PayScoreOrderCompleted("VO4", "VP-VS1", 950, at)]);
        completed.Messages.ShouldBe([new OutgoingMessage(new PayScoreQueryOrder("VO4", "VP-VS1"), at.AddMinutes(15))]);
        var after = After(completed, "VO4", order);
        after.PaymentStatus.ShouldBe(VendingPaymentStatus.Paying);
        Charging.Completed(after, "VP-VS1", 950, at.AddSeconds(1)).Appends.ShouldBeEmpty();
    }

    [Fact]
    public void user_paid_settles_the_order_at_wechats_paid_time_with_the_lines_it_paid()
    {
        // Scenario 4: USER_PAID with paid_time 20261121101500 (Asia/Shanghai) → PAID, paidAt 2026-11-21T02:15:00Z.
        var paidAt = new DateTimeOffset(2026, 11, 21, 2, 15, 0, TimeSpan.Zero);
        var charged = W4().Order;
        var succeeded = OrderEvents(Charging.Paid(charged, "VP-VS1", 950, "TX4", paidAt, paidAt.AddSeconds(3)), "VO4").ShouldHaveSingleItem().ShouldBeOfType<PaymentSucceeded>();
        (succeeded.PaymentType, succeeded.Amount, succeeded.Tickets, succeeded.WechatTransactionId, succeeded.PaidAt).ShouldBe((VendingPaymentType.Wechat, 950L, 0L, (string?)"TX4", paidAt));
        succeeded.Lines.ShouldBe([new MoneyLine("P200", 1, 600), new MoneyLine("P300", 1, 350)]);

        var order = PaidByWeChat(charged, "TX4", paidAt);
        (order.PaymentStatus, order.PaidAt, order.WxPaymentAmount, order.TicketsPaid, order.Unpaid).ShouldBe((VendingPaymentStatus.Paid, (DateTimeOffset?)paidAt, 950L, 0L, false));
        var repeat = Charging.Paid(order, "VP-VS1", 950, "TX4", paidAt, paidAt.AddMinutes(1));
        (repeat.Appends.Count, repeat.Messages.Count).ShouldBe((0, 0));
    }

    [Fact]
    public void a_deduction_still_pending_at_the_query_fails_the_payment_and_a_later_user_paid_still_pays_it()
    {
        // Scenario 12: query answers USER_PAYING → FAILED WECHAT_DEDUCTION_PENDING; a later USER_PAID → PAID.
        var (order, _) = W4();
        order = After(Charging.Completed(order, "VP-VS1", 950, PushedAt), "VO4", order);
        var failed = After(Charging.Failed(order, "VP-VS1", PaymentFailureReason.WechatDeductionPending, "WeChat: DOING/USER_PAYING", PushedAt.AddMinutes(15)), "VO4", order);
        (failed.PaymentStatus, failed.FailureReason, failed.Unpaid, failed.LastPayment!.CompletedUnpaid)
            .ShouldBe((VendingPaymentStatus.Failed, (PaymentFailureReason?)PaymentFailureReason.WechatDeductionPending, true, true));

        var paid = After(Charging.Paid(failed, "VP-VS1", 950, "TX12", PushedAt.AddMinutes(40), PushedAt.AddMinutes(40)), "VO4", failed);
        (paid.PaymentStatus, paid.FailureReason, paid.WxPaymentAmount).ShouldBe((VendingPaymentStatus.Paid, (PaymentFailureReason?)null, 950L));
        Charging.Failed(paid, "VP-VS1", PaymentFailureReason.WechatUnreachable, null, PushedAt.AddHours(1)).Appends.ShouldBeEmpty();

        // A query WeChat never answered gives up into the same failure (§4.3).
        IVendingOutbound query = new PayScoreQueryOrder("VO4", "VP-VS1");
        query.GaveUp("HTTP 503", PushedAt).ShouldBe(new RecordPaymentFailure("VO4", "VP-VS1", PaymentFailureReason.WechatDeductionPending, "HTTP 503", PushedAt));
    }

    [Fact]
    public void an_amount_other_than_charged_is_recorded_as_received_with_a_task()
    {
        var (order, _) = W4();
        var paid = Charging.Paid(order, "VP-VS1", 900, "TX4", PushedAt, PushedAt);
        OrderEvents(paid, "VO4").ShouldHaveSingleItem().ShouldBeOfType<PaymentSucceeded>().Amount.ShouldBe(900);
        var task = Sent<OpenManualTask>(paid).ShouldHaveSingleItem();
        (task.Kind, task.OrderNo, task.LastError).ShouldBe((ManualTaskKind.PaymentAmountMismatch, "VO4", "expected 950 fen, WeChat collected 900"));
    }
}
