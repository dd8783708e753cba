using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Orders;
using Cabinets.Domain.Vending.Sessions;
using Cabinets.Domain.Vending.Users;

namespace Cabinets.Domain.Tests.Vending.Orders;

/// <summary>Review of exception orders (VENDING.md §2.6): approve (optionally re-amounted) and charge by the session's method, or void.</summary>
public sealed class ReviewTests : VendingSpecs
{
    private static readonly DateTimeOffset T1 = Now.AddHours(1);

    private static ApproveExceptionOrder Approval(VendingOrderState order, VendingUserState? user, VendingSessionState? session,
        IReadOnlyList<CorrectionItem>? items = null, string? userId = null, VendingPaymentType? type = null) =>
        new(order, items, Prices, userId, type, "核对无误", user, session, "VXA", "VP-A", "欢乐儿童店", T1);

    /// <summary>Scenario 6: U4 charged 16 × P100 (balance 200,000), then 17 × P100 = 21,250 on session VS2 intercepted.</summary>
    private static (VendingOrderState Order, VendingUserState User, VendingSessionState Session) Intercepted()
    {
        var u4 = After(U4, Pushed(Session(U4, VendingPaymentType.Tickets), U4, "VO1", P100(16)));
        var session = Session(u4, VendingPaymentType.Tickets, "VS2");
        var pushed = Pushed(session, u4, "VO6", P100(17));
        return (After(pushed, "VO6"), u4, After(session, pushed));
    }

    [Fact]
    public void an_approved_intercepted_order_is_charged_in_full()
    {
        // Scenario 6: approveExceptionOrder → PAID, 106,250 tickets debited, balance 93,750.
        var (order, u4, session) = Intercepted();
        u4.TicketBalance.ShouldBe(200_000);
        var approved = Review.Approve(Approval(order, u4, session));
        OrderEvents(approved, "VO6")[0].ShouldBe(new ExceptionOrderApproved("VO6", "核对无误", null, null, T1));
        Then(approved, "vending-user-U4").ShouldBe([new TicketsDebited("U4", 106_250, 93_750, "VO6", "VP-A", T1)]);
        var after = After(approved, "VO6", order);
        (after.PaymentStatus, after.ReviewStatus, after.TicketsPaid, after.Unpaid).ShouldBe((VendingPaymentStatus.Paid, (ReviewStatus?)ReviewStatus.Approved, 106_250L, false));
    }

    [Fact]
    public void an_approval_with_items_re_amounts_the_order_before_the_charge()
    {
        // §2.6: with items the order is first corrected (settlement REAMOUNT, type CORRECTED).
        var (order, u4, session) = Intercepted();
        var approved = Review.Approve(Approval(order, u4, session, [new CorrectionItem("P100", 16)]));
        var corrected = OrderEvents(approved, "VO6").OfType<OrderCorrected>().ShouldHaveSingleItem();
        (corrected.Settlement, corrected.PreviousTotal, corrected.NewTotal, corrected.SettledAmount).ShouldBe((CorrectionSettlement.Reamount, 21_250L, 20_000L, 0L));
        var after = After(approved, "VO6", order);
        (after.OrderType, after.TotalAmount, after.TicketsPaid).ShouldBe((VendingOrderType.Corrected, 20_000L, 100_000L));
    }

    [Fact]
    public void an_approved_wechat_amount_above_the_risk_fund_is_charged_through_a_new_service_order()
    {
        // §2.6: 21,250 > the session's risk fund of 20,000 → cancel VP-VS1, create one of 21,250.
        var session = Session(U2, VendingPaymentType.Wechat);
        var pushed = Pushed(session, U2, "VO6", P100(17));
        var approved = Review.Approve(Approval(After(pushed, "VO6"), U2, After(session, pushed)));
        Sent<object>(approved).ShouldBe(
        [
            new PayScoreCancelOrder("VP-VS1", "VO6", "金额超出预授权"),
            new PayScoreCreateOrder("VP-A", null, "VO6", "U2", "欢乐儿童店", 21_250, T1),
        ]);
    }

    [Fact]
    public void an_order_without_a_session_needs_the_user_and_the_payment_type()
    {
        // Scenario 14's UNKNOWN_SESSION order.
        var order = After(VendorPushes.Record(ContextOf(PushOf("W1", null, 2500, P100(2)), null, null)), "VO1");
        var noUser = Review.Approve(Approval(order, null, null)).Error.ShouldNotBeNull();
        (noUser.Code, noUser.Field).ShouldBe((Review.Errors.UserRequired, "userId"));
        var noType = Review.Approve(Approval(order, U1, null, userId: "U1")).Error.ShouldNotBeNull();
        (noType.Code, noType.Field).ShouldBe((Review.Errors.UserRequired, "paymentType"));

        var approved = Review.Approve(Approval(order, U1, null, userId: "U1", type: VendingPaymentType.Tickets));
        After(U1, approved).TicketBalance.ShouldBe(7_500);
        var after = After(approved, "VO1", order);
        (after.UserId, after.PaymentStatus).ShouldBe(("U1", VendingPaymentStatus.Paid));
    }

    [Fact]
    public void only_a_pending_exception_order_is_reviewed()
    {
        var normal = After(Pushed(Session(U1, VendingPaymentType.Tickets), U1, "VO1", P100(2)), "VO1");
        Review.Approve(Approval(normal, U1, null)).Error!.Code.ShouldBe(Review.Errors.NotAnExceptionOrder);
        Review.Void(normal, "x", null, T1).Error!.Code.ShouldBe(Review.Errors.NotAnExceptionOrder);

        var (order, u4, session) = Intercepted();
        var approved = After(Review.Approve(Approval(order, u4, session)), "VO6", order);
        Review.Approve(Approval(approved, u4, session)).Error!.Code.ShouldBe(Review.Errors.AlreadyReviewed);
        Review.Void(approved, "x", session, T1).Error!.Code.ShouldBe(Review.Errors.AlreadyReviewed);
        Review.Void(order, "  ", session, T1).Error!.Field.ShouldBe("reason");
    }

    [Fact]
    public void a_voided_vendor_exception_order_cancels_the_sessions_service_order_and_unblocks_the_user()
    {
        // Scenario 13: voidExceptionOrder → VOIDED, the fake WeChat receives cancel, U3 not blocked.
        var session = Session(U3, VendingPaymentType.Wechat);
        var pushed = VendorPushes.Record(ContextOf(PushOf("W1", session, null, P100(1)) with { VendorReason = "RECOGNITION_FAILED" }, session, U3));
        var order = After(pushed, "VO1");
        var voided = Review.Void(order, " 识别失败，未取货 ", After(session, pushed), T1);
        OrderEvents(voided, "VO1").ShouldBe([new ExceptionOrderVoided("VO1", "识别失败，未取货", T1)]);
        Sent<object>(voided).ShouldBe([new PayScoreCancelOrder("VP-VS1", "VO1", "未产生消费")]);
        var after = After(voided, "VO1", order);
        (after.PaymentStatus, after.ReviewStatus, after.Unpaid).ShouldBe((VendingPaymentStatus.Voided, (ReviewStatus?)ReviewStatus.Voided, false));
    }

    [Fact]
    public void an_approved_exception_order_of_nothing_needs_no_payment()
    {
        var session = Session(U3, VendingPaymentType.Wechat);
        var pushed = VendorPushes.Record(ContextOf(PushOf("W1", session, null) with { VendorReason = "DOOR_NOT_CLOSED" }, session, U3));
        var approved = Review.Approve(Approval(After(pushed, "VO1"), U3, After(session, pushed)));
        After(approved, "VO1", After(pushed, "VO1")).PaymentStatus.ShouldBe(VendingPaymentStatus.NotRequired);
        Sent<object>(approved).ShouldBe([new PayScoreCancelOrder("VP-VS1", "VO1", "未产生消费")]);
    }

    /// <summary>U2's WeChat session VS1 charged by its first order VO1 (VP-VS1 completed), then a second push VO2 for it.</summary>
    private static (VendingOrderState Second, VendingSessionState Session) SecondOrderOfASession()
    {
        var session = Session(U2, VendingPaymentType.Wechat);
        var first = Pushed(session, U2, "VO1", P300(1));
        Sent<PayScoreCompleteOrder>(first).ShouldHaveSingleItem().PaymentNo.ShouldBe("VP-VS1");
        var closed = After(session, first);
        var second = VendorPushes.Record(ContextOf(PushOf("W2", closed, 600, P200(1)), closed, U2, "VO2"));
        var order = After(second, "VO2");
        order.ExceptionReason.ShouldBe("SESSION_ALREADY_HAS_ORDER");
        return (order, closed);
    }

    [Fact]
    public void approving_a_second_order_of_a_session_does_not_complete_the_service_order_its_first_order_completed()
    {
        // §2.5: the session's service order belongs to its (first) order; the second is charged through its own.
        var (second, session) = SecondOrderOfASession();
        var approved = Review.Approve(Approval(second, U2, session));
        Sent<PayScoreCompleteOrder>(approved).ShouldNotContain(c => c.PaymentNo == "VP-VS1");
        Sent<PayScoreCancelOrder>(approved).ShouldNotContain(c => c.PaymentNo == "VP-VS1");
        Sent<PayScoreCreateOrder>(approved).ShouldHaveSingleItem().RiskFundAmount.ShouldBe(600);
    }

    [Fact]
    public void voiding_a_second_order_of_a_session_does_not_cancel_the_service_order_of_its_first_order()
    {
        var (second, session) = SecondOrderOfASession();
        Sent<PayScoreCancelOrder>(Review.Void(second, "重复推送", session, T1)).ShouldBeEmpty();
    }
}
