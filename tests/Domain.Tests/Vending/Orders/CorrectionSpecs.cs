using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Orders;
using Cabinets.Domain.Vending.Users;

namespace Cabinets.Domain.Tests.Vending.Orders;

/// <summary>The orders §5's correction scenarios start from, and the `correctOrder` command over them.</summary>
public abstract class CorrectionSpecs : VendingSpecs
{
    protected static readonly DateTimeOffset PaidAt = new(2026, 11, 21, 2, 15, 0, TimeSpan.Zero);

    /// <summary>Scenario 1: U1's W1 (2 × P100, 2500) paid by 12,500 tickets; U1 left with 7,500.</summary>
    protected static (VendingOrderState Order, VendingUserState User) W1()
    {
        var pushed = Pushed(Session(U1, VendingPaymentType.Tickets), U1, "VO1", P100(2));
        return (After(pushed, "VO1"), After(U1, pushed));
    }

    /// <summary>Scenario 4: U3's W4 (P200 600 + P300 350 = 950) paid by WeChat, transaction TX4.</summary>
    protected static VendingOrderState W4() =>
        PaidByWeChat(After(Pushed(Session(U3, VendingPaymentType.Wechat), U3, "VO4", P200(1), P300(1)), "VO4"), "TX4", PaidAt);

    /// <summary>Scenario 2: U2's W2 (2 × P100, 2500) failed INSUFFICIENT_TICKETS.</summary>
    protected static VendingOrderState W2() => After(Pushed(Session(U2, VendingPaymentType.Tickets), U2, "VO2", P100(2)), "VO2");

    protected static CorrectOrder Correction(VendingOrderState order, VendingUserState? user, string id, DateTimeOffset at, params CorrectionItem[] items) =>
        Correction(order, [], user, id, at, items);

    protected static CorrectOrder Correction(VendingOrderState order, IReadOnlyList<VendingOrderState> supplementaries, VendingUserState? user, string id,
        DateTimeOffset at, params CorrectionItem[] items) =>
        new(order, supplementaries, items, Prices, "盘点修正", null, new CorrectionNumbers("VX" + id, "VO-S" + id, "VP-S" + id, ["VR" + id + "a", "VR" + id + "b", "VR" + id + "c"]),
            user, "欢乐儿童店", at);

    protected static CorrectionItem Set(string productCode, int quantity) => new(productCode, quantity);

    protected static OrderCorrected Corrected(VendingEffects effects) => effects.Answer.ShouldBeOfType<OrderCorrected>();

    protected static string ErrorCode(VendingEffects effects)
    {
        (effects.Appends.Count, effects.Starts.Count, effects.Messages.Count).ShouldBe((0, 0, 0));
        return effects.Error.ShouldNotBeNull().Code;
    }
}
