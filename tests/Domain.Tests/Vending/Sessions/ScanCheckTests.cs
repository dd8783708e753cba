using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;
using Cabinets.Domain.Vending.Sessions;

namespace Cabinets.Domain.Tests.Vending.Sessions;

/// <summary>What a scan finds (VENDING.md §2.3 steps 3-4) and how `POST /api/app/sessions` refuses on the same checks.</summary>
public sealed class ScanCheckTests : VendingSpecs
{
    private static PaymentOption Option(ScanVerdict verdict, VendingPaymentType type) => verdict.PaymentOptions.Single(o => o.PaymentType == type);

    [Fact]
    public void a_user_without_pay_score_is_offered_tickets_only()
    {
        // Scenario 1: U1, 20,000 tickets, not authorized.
        var verdict = VendingSessionDecider.Check(Scan(U1));
        verdict.BlockedReason.ShouldBeNull();
        Option(verdict, VendingPaymentType.Tickets).ShouldBe(new PaymentOption(VendingPaymentType.Tickets, true, null));
        Option(verdict, VendingPaymentType.Wechat).ShouldBe(new PaymentOption(VendingPaymentType.Wechat, false, "PAYSCORE_NOT_AUTHORIZED"));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public void tickets_are_offered_from_one_fen_of_tickets(long balance, bool offered)
    {
        // Scenario 4 (U3, 0 < 5) and decision 3: TICKETS is offered at ≥ 5 tickets.
        var option = Option(VendingSessionDecider.Check(Scan(User("U9", balance, payScore: true))), VendingPaymentType.Tickets);
        option.Available.ShouldBe(offered);
        option.UnavailableReason.ShouldBe(offered ? null : "INSUFFICIENT_TICKETS");
    }

    [Fact]
    public void an_unpaid_order_blocks_the_scan_and_the_session_with_its_order_numbers()
    {
        // Scenario 2: U2's failed W2 blocks.
        var context = Scan(U2, unpaid: ["VO2"]);
        var verdict = VendingSessionDecider.Check(context);
        verdict.BlockedReason.ShouldBe("UNPAID_ORDER");
        verdict.BlockingOrderNos.ShouldBe(["VO2"]);

        var refused = VendingSessionDecider.Start(StartOf(VendingPaymentType.Tickets, context));
        refused.Error.ShouldNotBeNull().Code.ShouldBe("unpaid-order");
        (refused.Starts.Count, refused.Messages.Count).ShouldBe((0, 0));
    }

    [Fact]
    public void an_unpaid_order_is_reported_before_a_session_in_progress_or_an_offline_device()
    {
        var offline = D001 with { OnlineStatus = DeviceOnlineStatus.Offline };
        VendingSessionDecider.Check(Scan(U1, unpaid: ["VO2"], latest: Session(U1, VendingPaymentType.Tickets, opened: false), device: offline))
            .BlockedReason.ShouldBe("UNPAID_ORDER");
        VendingSessionDecider.Check(Scan(U1, latest: Session(U1, VendingPaymentType.Tickets, opened: false), device: offline))
            .BlockedReason.ShouldBe("SESSION_IN_PROGRESS");
    }

    [Fact]
    public void a_session_being_authorized_or_opened_blocks_a_second_scan()
    {
        var authorizing = Fold<VendingSessionState>(VendingSessionState.Evolve,
            [new VendingSessionStarted("VS1", "U2", "D001", "S001", VendingPaymentType.Wechat, "VP-VS1", Now + Ttl, Now, 20000)])!;
        var verdict = VendingSessionDecider.Check(Scan(U2, latest: authorizing, now: Now.AddHours(1)));
        (verdict.BlockedReason, verdict.BlockingSessionNo).ShouldBe(("SESSION_IN_PROGRESS", "VS1"));

        var refused = VendingSessionDecider.Start(StartOf(VendingPaymentType.Wechat, Scan(U2, latest: Session(U2, VendingPaymentType.Wechat, opened: false)), "VS2"));
        refused.Error.ShouldNotBeNull().Code.ShouldBe("session-in-progress");
    }

    [Theory]
    [InlineData(599, "SESSION_IN_PROGRESS")]
    [InlineData(600, null)]
    public void an_opened_session_blocks_for_ten_minutes_after_the_door_opened(int secondsAfterOpening, string? reason)
    {
        var opened = Session(U1, VendingPaymentType.Tickets); // opened at Now + 5 s
        VendingSessionDecider.Check(Scan(U1, latest: opened, now: Now.AddSeconds(5 + secondsAfterOpening))).BlockedReason.ShouldBe(reason);
    }

    [Fact]
    public void a_closed_or_failed_session_does_not_block()
    {
        var closed = VendingSessionState.Evolve(Session(U1, VendingPaymentType.Tickets), new VendingSessionClosed("VS1", "VO1", Now.AddMinutes(1)));
        VendingSessionDecider.Check(Scan(U1, latest: closed, now: Now.AddMinutes(2))).BlockedReason.ShouldBeNull();
        var failed = VendingSessionState.Evolve(Session(U1, VendingPaymentType.Tickets, opened: false),
            new DoorOpenFailed("VS1", "VC-VS1", DoorOpenFailureKind.Rejected, "DEVICE_BUSY", Now.AddSeconds(2)));
        VendingSessionDecider.Check(Scan(U1, latest: failed, now: Now.AddSeconds(3))).BlockedReason.ShouldBeNull();
    }

    [Fact]
    public void an_offline_device_is_refused_and_no_door_is_asked()
    {
        // Scenario 15: D002 last reported OFFLINE.
        var offline = D002 with { OnlineStatus = DeviceOnlineStatus.Offline };
        VendingSessionDecider.Check(Scan(U1, device: offline)).BlockedReason.ShouldBe("DEVICE_OFFLINE");
        var refused = VendingSessionDecider.Start(StartOf(VendingPaymentType.Tickets, Scan(U1, device: offline)));
        refused.Error.ShouldNotBeNull().Code.ShouldBe("device-offline");
        refused.Messages.ShouldBeEmpty();
    }

    [Fact]
    public void a_device_out_of_service_or_a_disabled_store_is_refused()
    {
        VendingSessionDecider.Check(Scan(U1, device: D001 with { Decommissioned = true })).BlockedReason.ShouldBe("DEVICE_UNAVAILABLE");
        VendingSessionDecider.Check(Scan(U1, device: D001 with { BindStatus = DeviceBindStatus.Unbinding })).BlockedReason.ShouldBe("DEVICE_UNAVAILABLE");
        VendingSessionDecider.Start(StartOf(VendingPaymentType.Tickets, Scan(U1, store: S001 with { Enabled = false }))).Error.ShouldNotBeNull()
            .Code.ShouldBe("store-disabled");
    }
}
