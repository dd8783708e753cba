using Cabinets.Domain.Deciding;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;
using Cabinets.Domain.Vending.Sessions;

namespace Cabinets.Domain.Tests.Vending.Sessions;

/// <summary>A session's life (VENDING.md §1.5, §2.3 steps 5-7): start, pay-score service order, open-door command, its answers.</summary>
public sealed class VendingSessionDeciderTests : VendingSpecs
{
    private const string Stream = "vending-session-VS1";

    [Fact]
    public void a_tickets_session_starts_opening_and_sends_the_door_command_expiring_120_seconds_after_the_scan()
    {
        // Scenario 1: expiresAt = the command's issuedAt (= the session's createdAt) + 120 s.
        var started = VendingSessionDecider.Start(StartOf(VendingPaymentType.Tickets, Scan(U1)));
        started.Starts.Select(s => s.Stream).Distinct().ShouldBe([Stream]);
        started.Appends.ShouldBeEmpty();
        Then(started, Stream).ShouldBe(
        [
            new VendingSessionStarted("VS1", "U1", "D001", "S001", VendingPaymentType.Tickets, null, Now.AddSeconds(120), Now, null),
            new DoorOpenRequested("VS1", "VC-VS1", "D001", Now.AddSeconds(120), Now),
        ]);
        Sent<object>(started).ShouldBe([new VendorOpenDoor("VC-VS1", "VS1", "D001", "S001", VendingPaymentType.Tickets, "U1", Now, Now.AddSeconds(120))]);
        started.Answer.ShouldBe(new SessionStartedAnswer("VS1", VendingSessionStatus.Opening, "D001", VendingPaymentType.Tickets, Now.AddSeconds(120)));
        Fold<VendingSessionState>(VendingSessionState.Evolve, Then(started, Stream))!.Status.ShouldBe(VendingSessionStatus.Opening);
    }

    [Fact]
    public void a_wechat_session_authorizes_first_with_the_stores_amount_limit_as_risk_fund_and_opens_no_door_yet()
    {
        // Scenario 4: create sent with risk_fund {ESTIMATE_ORDER_COST, 20000}, then the open-door.
        var started = VendingSessionDecider.Start(StartOf(VendingPaymentType.Wechat, Scan(U3)));
        Then(started, Stream).ShouldBe([new VendingSessionStarted("VS1", "U3", "D001", "S001", VendingPaymentType.Wechat, "VP-VS1", Now.AddSeconds(120), Now, 20000)]);
        Sent<object>(started).ShouldBe([new PayScoreCreateOrder("VP-VS1", "VS1", null, "U3", "欢乐儿童店", 20000, Now)]);
        ((SessionStartedAnswer)started.Answer!).Status.ShouldBe(VendingSessionStatus.Authorizing);
    }

    [Fact]
    public void the_risk_fund_is_the_limit_of_the_store_at_the_scan()
    {
        var raised = StoreState.Evolve(S001, new StoreAmountLimitChanged("S001", 20000, 35000, Now))!;
        var started = VendingSessionDecider.Start(StartOf(VendingPaymentType.Wechat, Scan(U2, store: raised)));
        Sent<PayScoreCreateOrder>(started).ShouldHaveSingleItem().RiskFundAmount.ShouldBe(35000);
        Then(started, Stream).OfType<VendingSessionStarted>().Single().RiskFundAmount.ShouldBe(35000);
    }

    [Fact]
    public void a_method_the_user_cannot_pay_with_is_refused_on_the_payment_type()
    {
        var wechat = VendingSessionDecider.Start(StartOf(VendingPaymentType.Wechat, Scan(U1))).Error.ShouldNotBeNull();
        (wechat.Code, wechat.Field).ShouldBe(("payscore-not-authorized", "paymentType"));
        var tickets = VendingSessionDecider.Start(StartOf(VendingPaymentType.Tickets, Scan(U3))).Error.ShouldNotBeNull();
        (tickets.Code, tickets.Field).ShouldBe(("insufficient-tickets", "paymentType"));
    }

    [Fact]
    public void a_created_service_order_opens_the_door_with_the_expiry_of_the_scan()
    {
        var authorizing = Fold<VendingSessionState>(VendingSessionState.Evolve, Then(VendingSessionDecider.Start(StartOf(VendingPaymentType.Wechat, Scan(U3))), Stream))!;
        var answeredAt = Now.AddSeconds(3);
        var opened = VendingSessionDecider.ServiceOrderAnswered(authorizing, new RecordSessionServiceOrder("VS1", "VP-VS1", true, null, null, "VC7", answeredAt));
        Then(opened, Stream).ShouldBe(
        [
            new PayScoreOrderCreated("VS1", null, "VP-VS1", 20000, answeredAt),
            new DoorOpenRequested("VS1", "VC7", "D001", Now.AddSeconds(120), answeredAt),
        ]);
        Sent<VendorOpenDoor>(opened).ShouldHaveSingleItem().ShouldBe(new VendorOpenDoor("VC7", "VS1", "D001", "S001", VendingPaymentType.Wechat, "U3", answeredAt, Now.AddSeconds(120)));
        var state = After(authorizing, opened);
        (state.Status, state.HasUsableServiceOrder, state.RiskFundAmount).ShouldBe((VendingSessionStatus.Opening, true, 20000L));
    }

    [Theory]
    [InlineData("RULE_LIMIT", SessionFailureReason.PayscoreRejected)]
    [InlineData("UNREACHABLE", SessionFailureReason.PayscoreUnreachable)]
    public void a_refused_service_order_fails_the_session_without_a_door(string code, SessionFailureReason reason)
    {
        var authorizing = Fold<VendingSessionState>(VendingSessionState.Evolve, Then(VendingSessionDecider.Start(StartOf(VendingPaymentType.Wechat, Scan(U3))), Stream))!;
        var failed = VendingSessionDecider.ServiceOrderAnswered(authorizing, new RecordSessionServiceOrder("VS1", "VP-VS1", false, code, "no", "VC7", Now.AddSeconds(3)));
        Then(failed, Stream).ShouldBe([new PayScoreOrderRejected("VS1", null, "VP-VS1", code, "no", Now.AddSeconds(3))]);
        failed.Messages.ShouldBeEmpty();
        var state = After(authorizing, failed);
        (state.Status, state.FailureReason).ShouldBe((VendingSessionStatus.Failed, reason));

        VendingSessionDecider.ServiceOrderAnswered(state, new RecordSessionServiceOrder("VS1", "VP-VS1", true, null, null, "VC8", Now.AddSeconds(9)))
            .Appends.ShouldBeEmpty(); // a late or repeated answer changes nothing
    }

    [Fact]
    public void the_door_opened_once_and_a_push_missing_check_is_scheduled_30_minutes_on()
    {
        var opening = Session(U1, VendingPaymentType.Tickets, opened: false);
        var at = Now.AddSeconds(4);
        var opened = VendingSessionDecider.DoorOpened(opening, "VC-VS1", at);
        Then(opened, Stream).ShouldBe([new DoorOpened("VS1", "VC-VS1", at)]);
        opened.Messages.ShouldHaveSingleItem().ShouldBe(new OutgoingMessage(new CheckOrderPushMissing("VS1"), at.AddMinutes(30)));
        var state = After(opening, opened);
        (state.Status, state.OpenedAt).ShouldBe((VendingSessionStatus.Opened, at));

        VendingSessionDecider.DoorOpened(state, "VC-VS1", at.AddSeconds(1)).Appends.ShouldBeEmpty();
        VendingSessionDecider.DoorOpened(opening, "VC-OTHER", at).Appends.ShouldBeEmpty();
    }

    [Fact]
    public void a_door_the_vendor_rejects_fails_the_tickets_session_with_nothing_to_cancel()
    {
        // Scenario 11, second half: 409 DEVICE_BUSY → FAILED OPEN_REJECTED.
        var opening = Session(U1, VendingPaymentType.Tickets, opened: false);
        var failed = VendingSessionDecider.DoorOpenFailed(opening, new RecordDoorOpenFailure("VS1", "VC-VS1", DoorOpenFailureKind.Rejected, "DEVICE_BUSY", Now.AddSeconds(2)));
        Then(failed, Stream).ShouldBe([new DoorOpenFailed("VS1", "VC-VS1", DoorOpenFailureKind.Rejected, "DEVICE_BUSY", Now.AddSeconds(2))]);
        failed.Messages.ShouldBeEmpty();
        var state = After(opening, failed);
        (state.Status, state.FailureReason).ShouldBe((VendingSessionStatus.Failed, SessionFailureReason.OpenRejected));
    }

    [Fact]
    public void an_unreachable_vendor_fails_the_wechat_session_and_cancels_its_service_order()
    {
        // Scenario 11: 4 transport failures → FAILED OPEN_FAILED, cancel for the session's out_order_no.
        var opening = Session(U3, VendingPaymentType.Wechat, opened: false);
        var failed = VendingSessionDecider.DoorOpenFailed(opening, new RecordDoorOpenFailure("VS1", "VC-VS1", DoorOpenFailureKind.Unreachable, "HTTP 503", Now.AddSeconds(105)));
        Sent<object>(failed).ShouldBe([new PayScoreCancelOrder("VP-VS1", null, "未产生消费")]);
        var state = After(opening, failed);
        (state.Status, state.FailureReason).ShouldBe((VendingSessionStatus.Failed, SessionFailureReason.OpenFailed));

        // The failure comes from the open-door's own rule after its last retry; its task is not retryable.
        IVendingOutbound command = new VendorOpenDoor("VC-VS1", "VS1", "D001", "S001", VendingPaymentType.Wechat, "U3", Now, Now + Ttl);
        (command.TaskKind, command.Retryable).ShouldBe((ManualTaskKind.VendorOpenDoor, false));
        command.GaveUp("HTTP 503", Now.AddSeconds(105)).ShouldBe(new RecordDoorOpenFailure("VS1", "VC-VS1", DoorOpenFailureKind.Unreachable, "HTTP 503", Now.AddSeconds(105)));
    }

    [Fact]
    public void a_failure_reported_after_the_door_opened_or_for_another_command_changes_nothing()
    {
        var opened = Session(U3, VendingPaymentType.Wechat);
        var late = VendingSessionDecider.DoorOpenFailed(opened, new RecordDoorOpenFailure("VS1", "VC-VS1", DoorOpenFailureKind.Unreachable, "timeout", Now.AddSeconds(105)));
        (late.Appends.Count, late.Messages.Count).ShouldBe((0, 0));
        var opening = Session(U3, VendingPaymentType.Wechat, opened: false);
        VendingSessionDecider.DoorOpenFailed(opening, new RecordDoorOpenFailure("VS1", "VC-OLD", DoorOpenFailureKind.Rejected, "EXPIRED", Now)).Appends.ShouldBeEmpty();
    }
}
