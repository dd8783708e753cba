using Cabinets.Domain.Tests.Vending.Orders;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Complaints;
using Cabinets.Domain.Vending.Orders;

namespace Cabinets.Domain.Tests.Vending.Complaints;

/// <summary>Complaints (VENDING.md §1.9, §2.9): one open complaint per order, within 30 days; resolved once, by a correction or a reply.</summary>
public sealed class ComplaintDeciderTests : CorrectionSpecs
{
    private static FileComplaint Filing(VendingOrderState order, DateTimeOffset at, bool open = false, string content = "没拿果汁", params string[] images) =>
        new("VC16", order, "U3", ComplaintCategory.WrongItems, content, images, open, at);

    private static ComplaintState Filed(VendingOrderState order) =>
        ComplaintDecider.File(Filing(order, PaidAt.AddHours(1))).Answer.ShouldBeOfType<ComplaintState>();

    [Fact]
    public void a_complaint_is_filed_open_on_its_own_stream_and_noted_on_the_order()
    {
        // Scenario 16: U3 files WRONG_ITEMS "没拿果汁" on W4 → OPEN.
        var at = PaidAt.AddHours(1);
        var filed = ComplaintDecider.File(Filing(W4(), at, content: " 没拿果汁 ", images: "https://img.example/1.jpg"));
        var complaint = filed.Starts.ShouldHaveSingleItem();
        complaint.Stream.ShouldBe("vending-complaint-VC16");
        var e = complaint.Event.ShouldBeOfType<ComplaintFiled>();
        (e.OrderNo, e.UserId, e.Category, e.Content, e.StoreCode).ShouldBe(("VO4", "U3", ComplaintCategory.WrongItems, "没拿果汁", "S001"));
        e.ImageUrls.ShouldBe(["https://img.example/1.jpg"]);
        Then(filed, "vending-order-VO4").ShouldBe([new OrderComplaintFiled("VO4", "VC16", at)]);
        filed.Answer.ShouldBeOfType<ComplaintState>().Status.ShouldBe(ComplaintStatus.Open);
    }

    [Fact]
    public void a_second_complaint_on_an_order_with_an_open_one_is_refused()
    {
        // Scenario 16: a second complaint → 409 complaint-open.
        var refused = ComplaintDecider.File(Filing(W4(), PaidAt.AddHours(2), open: true));
        refused.Error.ShouldNotBeNull().Code.ShouldBe(ComplaintDecider.Errors.Open);
        refused.Starts.ShouldBeEmpty();
    }

    [Fact]
    public void complaints_are_filed_within_30_days_of_the_order()
    {
        var w4 = W4();
        ComplaintDecider.File(Filing(w4, w4.OrderTime.AddDays(30))).Error.ShouldBeNull();
        ComplaintDecider.File(Filing(w4, w4.OrderTime.AddDays(30).AddSeconds(1))).Error.ShouldNotBeNull().Code.ShouldBe(ComplaintDecider.Errors.WindowClosed);
    }

    [Theory]
    [InlineData("  ", 0, "content")]
    [InlineData("a", 4, "imageUrls")]
    [InlineData("a", -1, "imageUrls[0]")]
    public void content_and_images_are_checked(string content, int images, string field)
    {
        var urls = images < 0 ? ["http://img.example/1.jpg"] : Enumerable.Range(1, images).Select(i => $"https://img.example/{i}.jpg").ToArray();
        var refused = ComplaintDecider.File(Filing(W4(), PaidAt.AddHours(1), content: content, images: urls)).Error.ShouldNotBeNull();
        (refused.Code, refused.Field).ShouldBe((ComplaintDecider.Errors.Validation, field));
        ComplaintDecider.File(Filing(W4(), PaidAt.AddHours(1), content: new string('x', 501))).Error!.Field.ShouldBe("content");
    }

    [Fact]
    public void a_complaint_resolved_by_correction_refunds_what_the_order_still_holds()
    {
        // Scenario 16 (continues 9: 600 of 950 refunded): CORRECTED with P300 → 0 → refund 350 by WeChat, delta −350.
        var w4 = W4();
        var refund9 = After(Corrections.Correct(Correction(w4, U3, "9", PaidAt.AddHours(1), Set("P200", 0))), "VO4", w4);
        var order = After(Corrections.RefundSettled(refund9, "VR9a", true, RefundMethod.Wechat, "RF9", null, null, PaidAt.AddHours(2), PaidAt.AddHours(2)), "VO4", refund9);
        var complaint = Filed(order);
        ComplaintDecider.CanResolve(complaint, ComplaintResolution.Corrected, "已退果汁款", true, "VO4").ShouldBeNull();

        var correction = Corrections.Correct(Correction(order, U3, "16", PaidAt.AddHours(3), Set("P300", 0)) with { ComplaintId = "VC16" });
        var corrected = Corrected(correction);
        (corrected.SettledAmount, corrected.Delta, corrected.ComplaintId).ShouldBe((350L, -350L, "VC16"));
        Sent<WeChatRefund>(correction).ShouldBe([new WeChatRefund("VO4", "VR16a", "VP-VS1", "TX4", 350, 950)]);

        var resolved = ComplaintDecider.Resolved(complaint, ComplaintResolution.Corrected, " 已退果汁款 ", corrected.CorrectionId, PaidAt.AddHours(3));
        resolved.ShouldBe(new ComplaintResolved("VC16", ComplaintResolution.Corrected, "已退果汁款", "VX16", PaidAt.AddHours(3)));
        var state = ComplaintState.Evolve(complaint, resolved)!;
        (state.Status, state.Reply, state.CorrectionId).ShouldBe((ComplaintStatus.Resolved, "已退果汁款", "VX16"));
    }

    [Fact]
    public void a_resolution_carries_a_correction_exactly_when_it_corrects_and_happens_once()
    {
        var complaint = Filed(W4());
        ComplaintDecider.CanResolve(complaint, ComplaintResolution.Corrected, "好的", false, null)!.Code.ShouldBe(ComplaintDecider.Errors.CorrectionRequired);
        ComplaintDecider.CanResolve(complaint, ComplaintResolution.Replied, "好的", true, "VO4")!.Field.ShouldBe("correction");
        ComplaintDecider.CanResolve(complaint, ComplaintResolution.Corrected, "好的", true, "VO1")!.Field.ShouldBe("correction.orderNo");
        ComplaintDecider.CanResolve(complaint, ComplaintResolution.Replied, " ", false, null)!.Field.ShouldBe("reply");
        ComplaintDecider.CanResolve(complaint, ComplaintResolution.Replied, "已核实，扣款无误", false, null).ShouldBeNull();

        var replied = ComplaintState.Evolve(complaint, ComplaintDecider.Resolved(complaint, ComplaintResolution.Replied, "已核实，扣款无误", null, PaidAt.AddDays(1)))!;
        (replied.Status, replied.Resolution, replied.CorrectionId).ShouldBe((ComplaintStatus.Resolved, (ComplaintResolution?)ComplaintResolution.Replied, (string?)null));
        ComplaintDecider.CanResolve(replied, ComplaintResolution.Replied, "再次回复", false, null)!.Code.ShouldBe(ComplaintDecider.Errors.Resolved);
    }
}
