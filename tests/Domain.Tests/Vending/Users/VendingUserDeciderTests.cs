using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Users;

namespace Cabinets.Domain.Tests.Vending.Users;

/// <summary>A user's tickets and pay-score authorization (VENDING.md §1.3, §2.2): the balance never goes below zero.</summary>
public sealed class VendingUserDeciderTests : VendingSpecs
{
    [Fact]
    public void an_adjustment_records_the_delta_and_the_balance_after()
    {
        var events = VendingUserDecider.Decide(new AdjustTickets("U1", -2_500, " 误充退回 ", Now), U1).Events;
        events.ShouldBe([new TicketsAdjusted("U1", -2_500, 17_500, "误充退回", Now)]);
        VendingUserState.Evolve(U1, events[0])!.TicketBalance.ShouldBe(17_500);
    }

    [Fact]
    public void an_adjustment_below_zero_is_refused_and_one_down_to_zero_allowed()
    {
        // Scenario 20: adjustTickets U3 −1 → BALANCE_WOULD_BE_NEGATIVE.
        var refused = VendingUserDecider.Decide(new AdjustTickets("U3", -1, "测试", Now), U3);
        (refused.Error!.Code, refused.Error.Field, refused.Events.Count).ShouldBe((VendingUserDecider.Errors.BalanceWouldBeNegative, "delta", 0));
        VendingUserDecider.Decide(new AdjustTickets("U2", -10_000, "清零", Now), U2).Events.ShouldHaveSingleItem()
            .ShouldBeOfType<TicketsAdjusted>().BalanceAfter.ShouldBe(0);
    }

    [Theory]
    [InlineData(0, "补偿", "delta")]
    [InlineData(100, " ", "reason")]
    public void an_adjustment_needs_a_delta_and_a_reason(long delta, string reason, string field)
    {
        var error = VendingUserDecider.Decide(new AdjustTickets("U1", delta, reason, Now), U1).Error.ShouldNotBeNull();
        (error.Code, error.Field).ShouldBe((VendingUserDecider.Errors.Validation, field));
    }

    [Fact]
    public void each_movement_starts_from_the_balance_the_last_one_left()
    {
        // Scenarios 1, 7, 8: 20,000 − 12,500 − 6,250 + 12,500 = 13,750.
        var bought = VendingUserDecider.Tickets.Debit(U1, 12_500, "VO1", "VP1", Now)!;
        var u1 = VendingUserState.Evolve(U1, bought)!;
        var supplement = VendingUserDecider.Tickets.Debit(u1, 6_250, "VO-S7", "VP-S7", Now)!;
        u1 = VendingUserState.Evolve(u1, supplement)!;
        var refund = VendingUserDecider.Tickets.Credit(u1, 12_500, "VO1", "VR8", Now);
        (bought.BalanceAfter, supplement.BalanceAfter, refund.BalanceAfter).ShouldBe((7_500L, 1_250L, 13_750L));
        VendingUserDecider.Tickets.Debit(VendingUserState.Evolve(u1, refund)!, 13_755, "VO9", "VP9", Now).ShouldBeNull(); // nothing debited
        VendingUserDecider.Tickets.Debit(U2, 10_000, "VO2", "VP2", Now)!.BalanceAfter.ShouldBe(0);
    }

    [Fact]
    public void registration_and_authorization_changes_are_recorded_once()
    {
        var register = new RegisterVendingUser("U5", "sealed", "oh", "sealed-p", "ph", "小明", Now);
        VendingUserDecider.Decide(register, null).Events.ShouldHaveSingleItem().ShouldBeOfType<VendingUserRegistered>().UserId.ShouldBe("U5");
        VendingUserDecider.Decide(register, U1 with { UserId = "U5" }).Events.ShouldBeEmpty();

        VendingUserDecider.Decide(new SetPayScoreAuthorization("U2", true, "VA1", Now), U2).Events.ShouldBeEmpty();
        var revoked = VendingUserDecider.Decide(new SetPayScoreAuthorization("U2", false, null, Now), U2).Events.ShouldHaveSingleItem();
        VendingUserState.Evolve(U2, revoked)!.PayScoreAuthorized.ShouldBeFalse();
        var authorized = VendingUserDecider.Decide(new SetPayScoreAuthorization("U1", true, null, Now),
            VendingUserState.Evolve(U1, new PayScoreAuthorizationRequested("U1", "VA9", Now))).Events.ShouldHaveSingleItem();
        authorized.ShouldBe(new PayScoreAuthorized("U1", "VA9", Now)); // the code asked for, when WeChat's callback names none
        VendingUserDecider.Decide(new AdjustTickets("U404", 1, "x", Now), null).Error!.Code.ShouldBe(VendingUserDecider.Errors.NotFound);
    }
}
