using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Orders;
using Cabinets.Domain.Vending.Users;

namespace Cabinets.Domain.Tests.Vending.Orders;

/// <summary>What a correction refuses (§2.7 step 3, §4.6) and how it treats never-paid orders and failed 补扣 orders (§1.8, §2.7 steps 3 and 7).</summary>
public sealed class CorrectionRuleTests : CorrectionSpecs
{
    private static readonly DateTimeOffset T1 = Now.AddHours(1);
    private static readonly DateTimeOffset T2 = Now.AddHours(2);

    /// <summary>W4 corrected up by P100 × 1: its WeChat 补扣 order VO-SS waits for its service order.</summary>
    private static (VendingOrderState Order, VendingOrderState Supplementary) W4WithWeChatSupplementary()
    {
        var w4 = W4();
        var up = Corrections.Correct(Correction(w4, U3, "S", T1, Set("P100", 1)));
        return (After(up, "VO4", w4), After(up, "VO-SS"));
    }

    /// <summary>W1 corrected to P100 × 9 while U1 holds 7,500 tickets: the 补扣 of 8,750 fen (43,750 tickets) fails.</summary>
    private static (VendingOrderState Order, VendingOrderState Failed, VendingUserState User) W1WithFailedSupplementary()
    {
        var (w1, u1) = W1();
        var up = Corrections.Correct(Correction(w1, u1, "1", T1, Set("P100", 9)));
        var failed = After(up, "VO-S1");
        failed.FailureReason.ShouldBe(PaymentFailureReason.InsufficientTickets);
        var topped = VendingUserState.Evolve(After(u1, up), new TicketsAdjusted("U1", 100_000, 107_500, "补偿", T1))!;
        return (After(up, "VO1", w1), failed, topped);
    }

    [Fact]
    public void a_supplementary_voided_or_awaiting_review_order_is_not_correctable()
    {
        // Scenario 20: correctOrder on a SUPPLEMENTARY order → ORDER_NOT_CORRECTABLE.
        var (_, supplementary) = W4WithWeChatSupplementary();
        ErrorCode(Corrections.Correct(Correction(supplementary, U3, "X", T2, Set("P100", 0)))).ShouldBe(Corrections.Errors.NotCorrectable);

        var intercepted = After(Pushed(Session(U4, VendingPaymentType.Tickets), U4, "VO6", P100(17)), "VO6");
        var review = Corrections.Correct(Correction(intercepted, U4, "X", T2, Set("P100", 16)));
        ErrorCode(review).ShouldBe(Corrections.Errors.NotCorrectable);
        review.Error!.Message.ShouldContain("review it instead");
        var voided = After(Review.Void(intercepted, "重复", null, T1), "VO6", intercepted);
        ErrorCode(Corrections.Correct(Correction(voided, U4, "X", T2, Set("P100", 16)))).ShouldBe(Corrections.Errors.NotCorrectable);
    }

    [Fact]
    public void a_charge_under_way_on_the_order_or_its_supplementary_order_holds_the_correction()
    {
        var paying = After(Pushed(Session(U3, VendingPaymentType.Wechat), U3, "VO4", P200(1), P300(1)), "VO4");
        ErrorCode(Corrections.Correct(Correction(paying, U3, "X", T1, Set("P200", 0)))).ShouldBe(Corrections.Errors.InProgress);

        var (order, supplementary) = W4WithWeChatSupplementary();
        ErrorCode(Corrections.Correct(Correction(order, [supplementary], U3, "X", T2, Set("P100", 0)))).ShouldBe(Corrections.Errors.InProgress);

        // Completed at WeChat, declared failed at the query: WeChat may still deduct it.
        var created = After(Charging.ServiceOrderAnswered(supplementary, new RecordOrderServiceOrder("VO-SS", "VP-SS", true, null, null, T1)), "VO-SS", supplementary);
        var completed = After(Charging.Completed(created, "VP-SS", 1250, T1), "VO-SS", created);
        var pending = After(Charging.Failed(completed, "VP-SS", PaymentFailureReason.WechatDeductionPending, null, T1.AddMinutes(15)), "VO-SS", completed);
        ErrorCode(Corrections.Correct(Correction(order, [pending], U3, "X", T2, Set("P100", 0)))).ShouldBe(Corrections.Errors.InProgress);
    }

    [Theory]
    [InlineData("P100", 2, "NO_CHANGE", "items")]
    [InlineData("P300", 0, "NO_CHANGE", "items")]
    [InlineData("P100", -1, "NEGATIVE_QUANTITY", "items[0].quantity")]
    [InlineData("P100", 1000, "VALIDATION", "items[0].quantity")]
    [InlineData("P999", 1, "UNKNOWN_PRODUCT", "items[0].productCode")]
    public void a_correction_without_an_acceptable_change_is_refused(string product, int quantity, string code, string field)
    {
        var (w1, u1) = W1();
        var refused = Corrections.Correct(Correction(w1, u1, "X", T1, Set(product, quantity)));
        ErrorCode(refused).ShouldBe(code);
        refused.Error!.Field.ShouldBe(field);
    }

    [Fact]
    public void a_correction_needs_a_reason()
    {
        var (w1, u1) = W1();
        var refused = Corrections.Correct(Correction(w1, u1, "X", T1, Set("P100", 1)) with { Reason = " " });
        (ErrorCode(refused), refused.Error!.Field).ShouldBe((Corrections.Errors.Validation, "reason"));
    }

    [Fact]
    public void a_never_paid_tickets_order_is_re_amounted_and_the_next_pay_again_debits_the_new_total()
    {
        // §2.7 step 7: W2 (FAILED) to P100 × 1 → REAMOUNT; pay-again debits 1250 × 5 = 6,250.
        var w2 = W2();
        var effects = Corrections.Correct(Correction(w2, U2, "R", T1, Set("P100", 1)));
        var corrected = Corrected(effects);
        (corrected.Settlement, corrected.NewTotal, corrected.SettledAmount, corrected.SupplementaryOrderNo).ShouldBe((CorrectionSettlement.Reamount, 1250L, 0L, (string?)null));
        corrected.RefundNos.ShouldBeEmpty();
        (effects.Starts.Count, effects.Messages.Count).ShouldBe((0, 0));
        var reamounted = After(effects, "VO2", w2);
        (reamounted.TotalAmount, reamounted.PaymentStatus, reamounted.Unpaid).ShouldBe((1250L, VendingPaymentStatus.Failed, true));

        var paid = PayAgainRules.Decide(new PayAgain(reamounted, null, U2, "VP-R", "欢乐儿童店", T2));
        Then(paid, "vending-user-U2").ShouldBe([new TicketsDebited("U2", 6_250, 3_750, "VO2", "VP-R", T2)]);
    }

    [Fact]
    public void a_never_paid_order_corrected_to_nothing_needs_no_payment_any_more()
    {
        var w2 = W2();
        var after = After(Corrections.Correct(Correction(w2, U2, "R", T1, Set("P100", 0))), "VO2", w2);
        (after.PaymentStatus, after.Unpaid, after.TotalAmount).ShouldBe((VendingPaymentStatus.NotRequired, false, 0L));
    }

    [Fact]
    public void a_never_paid_wechat_order_with_a_completed_service_order_is_modified_at_wechat()
    {
        // Scenario 12's order (P300, completed, FAILED DEDUCTION_PENDING), corrected to P200 × 1: PayScoreModifyOrder of 600.
        var pushed = After(Pushed(Session(U2, VendingPaymentType.Wechat), U2, "VO12", P300(1)), "VO12");
        var completed = After(Charging.Completed(pushed, "VP-VS1", 350, PushedAt), "VO12", pushed);
        var failed = After(Charging.Failed(completed, "VP-VS1", PaymentFailureReason.WechatDeductionPending, null, PushedAt.AddMinutes(15)), "VO12", completed);

        var effects = Corrections.Correct(Correction(failed, U2, "M", T1, Set("P300", 0), Set("P200", 1)));
        Corrected(effects).Settlement.ShouldBe(CorrectionSettlement.Reamount);
        var modify = Sent<PayScoreModifyOrder>(effects).ShouldHaveSingleItem();
        (modify.OrderNo, modify.PaymentNo, modify.TotalAmount, modify.CorrectionId).ShouldBe(("VO12", "VP-VS1", 600L, "VXM"));
        modify.Lines.ShouldBe([new OrderItem("P200", "薯片", 1, 600, 600, true)]);
    }

    [Fact]
    public void a_failed_supplementary_order_is_superseded_and_the_delta_computed_without_it()
    {
        // §2.7 step 3: the FAILED 补扣 with nothing pending at WeChat → SupplementaryOrderSuperseded, VOIDED; settled stays 2500.
        var (order, failed, user) = W1WithFailedSupplementary();
        var effects = Corrections.Correct(Correction(order, [failed], user, "2", T2, Set("P100", 4)));
        Then(effects, "vending-order-VO-S1").ShouldBe([new SupplementaryOrderSuperseded("VO-S1", "VO1", "VX2", T2)]);
        var superseded = After(effects, "VO-S1", failed);
        (superseded.PaymentStatus, superseded.Unpaid).ShouldBe((VendingPaymentStatus.Voided, false));

        (Corrected(effects).SettledAmount, Corrected(effects).Delta).ShouldBe((2500L, 2500L));
        var supplementary = After(effects, "VO-S2");
        (supplementary.TotalAmount, supplementary.Items.Sum(i => i.Amount), supplementary.TicketsPaid).ShouldBe((2500L, 2500L, 12_500L));
    }

    [Fact]
    public void the_supplementary_order_after_a_superseded_one_carries_the_per_product_differences_from_what_was_settled()
    {
        // §2.7 step 5: items = the per-product differences, Σ = delta. Settled: P100 × 2; now × 4 → P100 +2 @ 1250 = 2500.
        var (order, failed, user) = W1WithFailedSupplementary();
        var effects = Corrections.Correct(Correction(order, [failed], user, "2", T2, Set("P100", 4)));
        After(effects, "VO-S2").Items.ShouldBe([new OrderItem("P100", "牛奶", 2, 1250, 2500, true)]);
    }
}
