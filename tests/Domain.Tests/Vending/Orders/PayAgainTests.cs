using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Orders;
using Cabinets.Domain.Vending.Users;

namespace Cabinets.Domain.Tests.Vending.Orders;

/// <summary>重新支付 (VENDING.md §2.8, decision 10): only a FAILED order; no second collection while WeChat may still deduct.</summary>
public sealed class PayAgainTests : VendingSpecs
{
    private static readonly DateTimeOffset T1 = Now.AddHours(1);

    private static PayAgain Again(VendingOrderState order, VendingUserState user, VendingPaymentType? type = null) => new(order, type, user, "VP-N", "欢乐儿童店", T1);

    /// <summary>Scenario 2's W2: U2 short of tickets, FAILED INSUFFICIENT_TICKETS.</summary>
    private static VendingOrderState W2() => After(Pushed(Session(U2, VendingPaymentType.Tickets), U2, "VO2", P100(2)), "VO2");

    /// <summary>U2's WeChat order of P300 (350): the complete accepted or rejected, then FAILED.</summary>
    private static VendingOrderState FailedWeChat(bool completed)
    {
        var order = After(Pushed(Session(U2, VendingPaymentType.Wechat), U2, "VO12", P300(1)), "VO12");
        if (completed) order = After(Charging.Completed(order, "VP-VS1", 350, PushedAt), "VO12", order);
        var reason = completed ? PaymentFailureReason.WechatDeductionPending : PaymentFailureReason.WechatRejected;
        return After(Charging.Failed(order, "VP-VS1", reason, null, PushedAt.AddMinutes(15)), "VO12", order);
    }

    [Fact]
    public void a_failed_tickets_order_paid_again_by_wechat_is_charged_through_a_new_service_order()
    {
        // Scenario 3: pay-again WECHAT → PAYING; create with risk_fund 2500, then complete 2500 [{牛奶, 2500, 2}]; USER_PAID TX3 → PAID.
        var w2 = W2();
        var again = PayAgainRules.Decide(Again(w2, U2, VendingPaymentType.Wechat));
        again.Answer.ShouldBe(new PayAgainAnswer("VP-N", VendingPaymentStatus.Paying, null));
        OrderEvents(again, "VO2")[0].ShouldBe(new PayAgainRequested("VO2", "VP-N", VendingPaymentType.Wechat, VendingPaymentType.Tickets, T1));
        Sent<object>(again).ShouldBe([new PayScoreCreateOrder("VP-N", null, "VO2", "U2", "欢乐儿童店", 2500, T1)]);

        var paying = After(again, "VO2", w2);
        var created = Charging.ServiceOrderAnswered(paying, new RecordOrderServiceOrder("VO2", "VP-N", true, null, null, T1));
        var complete = Sent<PayScoreCompleteOrder>(created).ShouldHaveSingleItem();
        (complete.TotalAmount, complete.Lines.Single().Quantity, complete.Lines.Single().Amount).ShouldBe((2500L, 2, 2500L));

        var paid = PaidByWeChat(After(created, "VO2", paying), "TX3", T1.AddMinutes(1));
        (paid.PaymentStatus, paid.PaymentType, paid.WxPaymentAmount, paid.TicketsPaid, paid.Unpaid)
            .ShouldBe((VendingPaymentStatus.Paid, VendingPaymentType.Wechat, 2500L, 0L, false));
        again.EventsFor("vending-user-U2").ShouldBeEmpty(); // balance still 10,000
    }

    [Fact]
    public void tickets_are_debited_again_at_once_when_the_balance_now_covers_the_order()
    {
        var w2 = W2();
        var refused = PayAgainRules.Decide(Again(w2, U2));
        (refused.Error!.Code, refused.Appends.Count).ShouldBe((PayAgainRules.Errors.InsufficientTickets, 0));

        var topped = VendingUserState.Evolve(U2, new TicketsAdjusted("U2", 2_500, 12_500, "充值", Now))!;
        var again = PayAgainRules.Decide(Again(w2, topped));
        again.Answer.ShouldBe(new PayAgainAnswer("VP-N", VendingPaymentStatus.Paid, null));
        Then(again, "vending-user-U2").ShouldBe([new TicketsDebited("U2", 12_500, 0, "VO2", "VP-N", T1)]);
        After(again, "VO2", w2).PaymentStatus.ShouldBe(VendingPaymentStatus.Paid);
    }

    [Fact]
    public void a_completed_unpaid_service_order_is_paid_in_wechat_and_nothing_is_sent_again()
    {
        // Scenario 12: pay-again → wxpayScoreDetail with the same out_order_no; no new create.
        var failed = FailedWeChat(completed: true);
        var again = PayAgainRules.Decide(Again(failed, U2));
        again.Answer.ShouldBe(new PayAgainAnswer("VP-VS1", VendingPaymentStatus.Paying, "VP-VS1"));
        OrderEvents(again, "VO12").ShouldBe([new PayAgainRequested("VO12", "VP-VS1", VendingPaymentType.Wechat, VendingPaymentType.Wechat, T1)]);
        again.Messages.ShouldBeEmpty();
        After(again, "VO12", failed).PaymentStatus.ShouldBe(VendingPaymentStatus.Failed); // until WeChat's USER_PAID
    }

    [Fact]
    public void a_re_amounted_order_whose_modify_is_not_applied_yet_opens_no_second_service_order()
    {
        // §2.7 step 7 sends PayScoreModifyOrder for the completed, unpaid VP-VS1; §2.8 (decision 10: no double collection):
        // while that service order is completed and unpaid nothing is re-sent — WeChat may still deduct it.
        var failed = FailedWeChat(completed: true);
        var reamounted = Corrections.Correct(new CorrectOrder(failed, [], [new CorrectionItem("P300", 0), new CorrectionItem("P200", 1)], Prices, "盘点修正", null,
            new CorrectionNumbers("VXM", "VO-SM", "VP-SM", ["VRM"]), U2, "欢乐儿童店", Now.AddMinutes(30)));
        Sent<PayScoreModifyOrder>(reamounted).ShouldHaveSingleItem().TotalAmount.ShouldBe(600);

        var again = PayAgainRules.Decide(Again(After(reamounted, "VO12", failed), U2));
        Sent<PayScoreCreateOrder>(again).ShouldBeEmpty();
        again.Answer.ShouldBe(new PayAgainAnswer("VP-VS1", VendingPaymentStatus.Paying, "VP-VS1"));
    }

    [Fact]
    public void a_switch_to_tickets_is_refused_while_wechat_may_still_deduct()
    {
        // Scenario 12: pay-again {"paymentType": "TICKETS"} → 409 payment-method-switch-not-allowed.
        var refused = PayAgainRules.Decide(Again(FailedWeChat(completed: true), U2, VendingPaymentType.Tickets));
        (refused.Error!.Code, refused.Error.Field).ShouldBe((PayAgainRules.Errors.SwitchNotAllowed, "paymentType"));
        (refused.Appends.Count, refused.Messages.Count).ShouldBe((0, 0));
    }

    [Fact]
    public void a_switch_to_tickets_after_a_rejected_complete_cancels_the_service_order_and_debits()
    {
        var failed = FailedWeChat(completed: false);
        var again = PayAgainRules.Decide(Again(failed, U2, VendingPaymentType.Tickets));
        Sent<object>(again).ShouldBe([new PayScoreCancelOrder("VP-VS1", "VO12", "改用礼票支付")]);
        Then(again, "vending-user-U2").ShouldBe([new TicketsDebited("U2", 1_750, 8_250, "VO12", "VP-N", T1)]);
        var paid = After(again, "VO12", failed);
        (paid.PaymentStatus, paid.PaymentType, paid.TicketsPaid).ShouldBe((VendingPaymentStatus.Paid, VendingPaymentType.Tickets, 1_750L));
    }

    [Fact]
    public void only_a_failed_order_is_paid_again_and_wechat_needs_the_authorization()
    {
        var paid = After(Pushed(Session(U1, VendingPaymentType.Tickets), U1, "VO1", P100(2)), "VO1");
        PayAgainRules.Decide(Again(paid, U1)).Error!.Code.ShouldBe(PayAgainRules.Errors.NotPayable);
        var paying = After(Pushed(Session(U2, VendingPaymentType.Wechat), U2, "VO4", P300(1)), "VO4");
        PayAgainRules.Decide(Again(paying, U2)).Error!.Code.ShouldBe(PayAgainRules.Errors.NotPayable);

        var intercepted = After(Pushed(Session(U4, VendingPaymentType.Tickets), U4, "VO6", P100(17)), "VO6"); // review first, not pay-again
        PayAgainRules.Decide(Again(intercepted, U4)).Error!.Code.ShouldBe(PayAgainRules.Errors.NotPayable);

        var shortU1 = User("U1", 100, payScore: false);
        var failed = After(Pushed(Session(shortU1, VendingPaymentType.Tickets), shortU1, "VO8", P100(1)), "VO8");
        PayAgainRules.Decide(Again(failed, shortU1, VendingPaymentType.Wechat)).Error!.Code.ShouldBe(PayAgainRules.Errors.PayScoreNotAuthorized);
    }
}
