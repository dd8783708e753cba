using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Orders;
using Cabinets.Domain.Vending.Users;

namespace Cabinets.Domain.Tests.Vending.Orders;

/// <summary>多退少补 (VENDING.md §1.8, §2.7): a 补扣 order for more, a refund by the original method for less, a new amount for a never-paid order.</summary>
public sealed class CorrectionTests : CorrectionSpecs
{
    private static readonly DateTimeOffset T7 = Now.AddHours(1);
    private static readonly DateTimeOffset T8 = Now.AddHours(2);

    /// <summary>Scenario 7: W1 corrected to P100 × 3.</summary>
    private static (VendingEffects Effects, VendingOrderState Order, VendingOrderState Supplementary, VendingUserState User) Scenario7()
    {
        var (w1, u1) = W1();
        var effects = Corrections.Correct(Correction(w1, u1, "7", T7, Set("P100", 3)));
        return (effects, After(effects, "VO1", w1), After(effects, "VO-S7"), After(u1, effects));
    }

    [Fact]
    public void more_items_than_charged_make_a_supplementary_order_charged_by_tickets()
    {
        // Scenario 7: delta 1250; 补扣 order related to W1, [P100 × 1 @ 1250], PAID, 6,250 tickets; W1 CORRECTED; U1 1,250.
        var (effects, order, supplementary, user) = Scenario7();
        var corrected = Corrected(effects);
        corrected.Lines.ShouldBe([new CorrectionLine("P100", "牛奶", 1250, 2, 3)]);
        (corrected.PreviousTotal, corrected.NewTotal, corrected.SettledAmount, corrected.Delta, corrected.Settlement, corrected.SupplementaryOrderNo)
            .ShouldBe((2500L, 3750L, 2500L, 1250L, CorrectionSettlement.SupplementaryCharge, "VO-S7"));

        effects.Starts.ShouldContain(s => s.Stream == "vending-order-VO-S7");
        (supplementary.OrderType, supplementary.RelatedOrderNo, supplementary.WheatOrderNo, supplementary.UserId, supplementary.PaymentType)
            .ShouldBe((VendingOrderType.Supplementary, "VO1", (string?)null, "U1", VendingPaymentType.Tickets));
        supplementary.Items.ShouldBe([new OrderItem("P100", "牛奶", 1, 1250, 1250, true)]);
        (supplementary.PaymentStatus, supplementary.TicketsPaid).ShouldBe((VendingPaymentStatus.Paid, 6_250L));

        (order.OrderType, order.TotalAmount, order.PaymentStatus).ShouldBe((VendingOrderType.Corrected, 3750L, VendingPaymentStatus.Paid));
        order.SupplementaryOrderNos.ShouldBe(["VO-S7"]);
        user.TicketBalance.ShouldBe(1_250);
    }

    [Fact]
    public void fewer_items_refund_the_tickets_at_once_counting_the_paid_supplementary_order()
    {
        // Scenario 8: to P100 × 1: newTotal 1250, settled 3750, delta −2500 → 12,500 tickets back at once; U1 13,750.
        var (_, order, supplementary, user) = Scenario7();
        var effects = Corrections.Correct(Correction(order, [supplementary], user, "8", T8, Set("P100", 1)));
        var corrected = Corrected(effects);
        (corrected.NewTotal, corrected.SettledAmount, corrected.Delta, corrected.Settlement).ShouldBe((1250L, 3750L, -2500L, CorrectionSettlement.Refund));
        corrected.RefundNos.ShouldBe(["VR8a"]);

        var events = OrderEvents(effects, "VO1");
        var requested = events.OfType<RefundRequested>().ShouldHaveSingleItem();
        (requested.Method, requested.Amount, requested.Tickets).ShouldBe((RefundMethod.Tickets, 2500L, 12_500L));
        requested.Lines.ShouldBe([new MoneyLine("P100", 2, 2500)]);
        events.OfType<RefundSucceeded>().ShouldHaveSingleItem().RefundNo.ShouldBe("VR8a");
        Then(effects, "vending-user-U1").ShouldBe([new TicketsCredited("U1", 12_500, 13_750, "VO1", "VR8a", T8)]);

        var after = After(effects, "VO1", order);
        (after.RefundedAmount, after.RefundedTickets, after.TotalAmount).ShouldBe((2500L, 12_500L, 1250L));
        effects.Messages.ShouldBeEmpty();
    }

    [Fact]
    public void fewer_items_of_a_wechat_order_refund_against_its_payment_and_wait_for_wechat()
    {
        // Scenario 9: P200 → 0: delta −600 → refund {600 of 950} against W4's transaction; a second correction → SETTLEMENT_IN_PROGRESS.
        var w4 = W4();
        var effects = Corrections.Correct(Correction(w4, U3, "9", T7, Set("P200", 0)));
        (Corrected(effects).SettledAmount, Corrected(effects).Delta).ShouldBe((950L, -600L));
        var requested = OrderEvents(effects, "VO4").OfType<RefundRequested>().ShouldHaveSingleItem();
        (requested.RefundNo, requested.Method, requested.PaymentNo, requested.Amount, requested.Tickets, requested.CorrectionId)
            .ShouldBe(("VR9a", RefundMethod.Wechat, (string?)"VP-VS1", 600L, 0L, "VX9"));
        requested.Lines.ShouldBe([new MoneyLine("P200", 1, 600)]);
        Sent<object>(effects).ShouldBe([new WeChatRefund("VO4", "VR9a", "VP-VS1", "TX4", 600, 950)]);
        OrderEvents(effects, "VO4").OfType<RefundSucceeded>().ShouldBeEmpty();

        var pending = After(effects, "VO4", w4);
        pending.Items.ShouldBe([new OrderItem("P300", "果汁", 1, 350, 350, true)]);
        ErrorCode(Corrections.Correct(Correction(pending, U3, "9b", T8, Set("P300", 0)))).ShouldBe(Corrections.Errors.InProgress);

        var settled = Corrections.RefundSettled(pending, "VR9a", true, RefundMethod.Wechat, "RF9", null, null, T8, T8);
        After(settled, "VO4", pending).RefundedAmount.ShouldBe(600);
        Corrections.RefundSettled(After(settled, "VO4", pending), "VR9a", true, RefundMethod.Wechat, "RF9", null, null, T8, T8).Appends.ShouldBeEmpty();
    }

    [Fact]
    public void a_wechat_refund_takes_the_newest_payment_first_each_up_to_what_it_has_left()
    {
        // Decision 13: W4 (950, TX4) then a WeChat 补扣 of P100 × 1 (1250, TXS); down to P300 alone refunds 1250 from TXS, then 600 from TX4.
        var w4 = W4();
        var up = Corrections.Correct(Correction(w4, U3, "S", T7, Set("P100", 1)));
        Sent<PayScoreCreateOrder>(up).ShouldBe([new PayScoreCreateOrder("VP-SS", null, "VO-SS", "U3", "欢乐儿童店", 1250, T7)]);
        var supplementary = After(up, "VO-SS");
        supplementary = After(Charging.ServiceOrderAnswered(supplementary, new RecordOrderServiceOrder("VO-SS", "VP-SS", true, null, null, T7)), "VO-SS", supplementary);
        supplementary = PaidByWeChat(supplementary, "TXS", T7.AddMinutes(2));

        var down = Corrections.Correct(Correction(After(up, "VO4", w4), [supplementary], U3, "D", T8, Set("P100", 0), Set("P200", 0)));
        (Corrected(down).SettledAmount, Corrected(down).Delta).ShouldBe((2200L, -1850L));
        Sent<WeChatRefund>(down).ShouldBe(
        [
            new WeChatRefund("VO4", "VRDa", "VP-SS", "TXS", 1250, 1250),
            new WeChatRefund("VO4", "VRDb", "VP-VS1", "TX4", 600, 950),
        ]);
    }

    [Fact]
    public void a_failed_refund_no_longer_blocks_and_its_amount_is_refunded_by_the_next_correction()
    {
        var w4 = W4();
        var pending = After(Corrections.Correct(Correction(w4, U3, "9", T7, Set("P200", 0))), "VO4", w4);
        var failed = After(Corrections.RefundSettled(pending, "VR9a", false, RefundMethod.Wechat, null, "ABNORMAL", "WeChat: ABNORMAL", T8, T8), "VO4", pending);
        failed.Refunds.ShouldHaveSingleItem().Status.ShouldBe(RefundStatus.Failed);
        failed.RefundedAmount.ShouldBe(0);

        var again = Corrections.Correct(Correction(failed, U3, "10", T8.AddHours(1), Set("P300", 0)));
        (Corrected(again).SettledAmount, Corrected(again).Delta).ShouldBe((950L, -950L));
        Sent<WeChatRefund>(again).ShouldHaveSingleItem().Refund.ShouldBe(950);
    }

    [Fact]
    public void a_catalog_product_added_to_an_order_is_charged_at_the_erp_price()
    {
        var (w1, u1) = W1();
        var effects = Corrections.Correct(Correction(w1, u1, "A", T7, Set("P300", 1)));
        Corrected(effects).Lines.ShouldBe([new CorrectionLine("P300", "果汁", 350, 0, 1)]);
        After(effects, "VO-SA").Items.ShouldBe([new OrderItem("P300", "果汁", 1, 350, 350, true)]);
        After(effects, "VO1", w1).Items.ShouldBe([new OrderItem("P100", "牛奶", 2, 1250, 2500, true), new OrderItem("P300", "果汁", 1, 350, 350, true)]);
        Then(effects, "vending-user-U1").ShouldHaveSingleItem().ShouldBeOfType<TicketsDebited>().Tickets.ShouldBe(1_750);
    }

    [Fact]
    public void a_correction_to_the_settled_amount_moves_no_money()
    {
        // W1's 2500 as 3 × P200 + 2 × P300 = 1800 + 700: delta 0, settlement NONE.
        var (w1, u1) = W1();
        var effects = Corrections.Correct(Correction(w1, u1, "E", T7, Set("P100", 0), Set("P200", 3), Set("P300", 2)));
        (Corrected(effects).NewTotal, Corrected(effects).Delta, Corrected(effects).Settlement, Corrected(effects).SupplementaryOrderNo)
            .ShouldBe((2500L, 0L, CorrectionSettlement.None, (string?)null));
        OrderEvents(effects, "VO1").ShouldHaveSingleItem().ShouldBeOfType<OrderCorrected>();
        (effects.Starts.Count, effects.Messages.Count).ShouldBe((0, 0));
        effects.EventsFor("vending-user-U1").ShouldBeEmpty();
        After(effects, "VO1", w1).OrderType.ShouldBe(VendingOrderType.Corrected);
    }
}
