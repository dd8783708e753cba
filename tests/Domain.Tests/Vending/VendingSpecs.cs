using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;
using Cabinets.Domain.Vending.Orders;
using Cabinets.Domain.Vending.Sessions;
using Cabinets.Domain.Vending.Users;

namespace Cabinets.Domain.Tests.Vending;

/// <summary>
/// The fixture of VENDING.md §5 for the vending deciders' Given/When/Then tests: store S001 (limit
/// 20000), devices D001/D002 bound and online, products P100 牛奶 1250 · P200 薯片 600 · P300 果汁 350,
/// users U1-U4. Given states are folded from events with each aggregate's own Evolve; a decision's
/// <see cref="VendingEffects"/> is read back per stream.
/// </summary>
public abstract class VendingSpecs
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 21, 2, 10, 0, TimeSpan.Zero);
    protected static readonly DateTimeOffset ClosedAt = Now.AddSeconds(50);
    protected static readonly DateTimeOffset PushedAt = Now.AddMinutes(1);
    protected static readonly TimeSpan Ttl = TimeSpan.FromSeconds(120);
    private static readonly DateTimeOffset Setup = Now.AddDays(-1);

    protected static readonly StoreState S001 = StoreState.Evolve(null,
        new StoreRegistered("S001", "欢乐儿童店", StoreType.Kids, StoreProperty.Direct, "上海市徐汇区", "021-5555", 20000, Setup))!;
    protected static readonly DeviceState D001 = OnlineDevice("D001");
    protected static readonly DeviceState D002 = OnlineDevice("D002");

    protected static readonly IReadOnlyDictionary<string, CatalogPrice> Prices = new Dictionary<string, CatalogPrice>
    {
        ["P100"] = new("P100", "牛奶", 1250),
        ["P200"] = new("P200", "薯片", 600),
        ["P300"] = new("P300", "果汁", 350),
    };
    protected static readonly IReadOnlySet<string> Known = Prices.Keys.ToHashSet();

    protected static readonly VendingUserState U1 = User("U1", 20_000, payScore: false);
    protected static readonly VendingUserState U2 = User("U2", 10_000, payScore: true);
    protected static readonly VendingUserState U3 = User("U3", 0, payScore: true);
    protected static readonly VendingUserState U4 = User("U4", 300_000, payScore: false);

    protected static PushedItem P100(int quantity) => new("P100", "牛奶", quantity, 1250);
    protected static PushedItem P200(int quantity) => new("P200", "薯片", quantity, 600);
    protected static PushedItem P300(int quantity) => new("P300", "果汁", quantity, 350);

    protected static T? Fold<T>(Func<T?, object, T?> evolve, IEnumerable<object> events, T? state = null) where T : class =>
        events.Aggregate(state, evolve);

    protected static VendingUserState User(string userId, long tickets, bool payScore)
    {
        List<object> events = [new VendingUserRegistered(userId, "sealed-openid", "openid-hash", "sealed-phone", "phone-hash", null, Setup)];
        if (tickets > 0) events.Add(new TicketsAdjusted(userId, tickets, tickets, "fixture", Setup));
        if (payScore) events.Add(new PayScoreAuthorized(userId, "VA1", Setup));
        return Fold<VendingUserState>(VendingUserState.Evolve, events)!;
    }

    private static DeviceState OnlineDevice(string code) => Fold<DeviceState>(DeviceState.Evolve,
    [
        new DeviceRegistered(code, "S001", DeviceDecider.DefaultQrCode(code), Setup), new DeviceBindRequested(code, "S001", "VB-" + code, Setup),
        new DeviceBound(code, "S001", Setup), new DeviceStatusChanged(code, DeviceOnlineStatus.Offline, DeviceOnlineStatus.Online, Setup, Setup),
    ])!;

    // ── sessions ──

    protected static ScanContext Scan(VendingUserState user, IReadOnlyList<string>? unpaid = null, VendingSessionState? latest = null,
        DeviceState? device = null, StoreState? store = null, DateTimeOffset? now = null) =>
        new(user, device ?? D001, store ?? S001, unpaid ?? [], latest, now ?? Now);

    protected static StartVendingSession StartOf(VendingPaymentType type, ScanContext context, string sessionNo = "VS1") =>
        new(sessionNo, "VP-" + sessionNo, "VC-" + sessionNo, type, Ttl, context);

    /// <summary>A session as its stream folds it: started at <see cref="Now"/>, the door asked, and (by default) opened 5 s later.</summary>
    protected static VendingSessionState Session(VendingUserState user, VendingPaymentType type, string sessionNo = "VS1", bool opened = true,
        long riskFund = 20000, string device = "D001")
    {
        var wechat = type == VendingPaymentType.Wechat;
        var paymentNo = wechat ? "VP-" + sessionNo : null;
        List<object> events = [new VendingSessionStarted(sessionNo, user.UserId, device, "S001", type, paymentNo, Now + Ttl, Now, wechat ? riskFund : null)];
        if (wechat) events.Add(new PayScoreOrderCreated(sessionNo, null, paymentNo!, riskFund, Now.AddSeconds(1)));
        events.Add(new DoorOpenRequested(sessionNo, "VC-" + sessionNo, device, Now + Ttl, Now.AddSeconds(1)));
        if (opened) events.Add(new DoorOpened(sessionNo, "VC-" + sessionNo, Now.AddSeconds(5)));
        return Fold<VendingSessionState>(VendingSessionState.Evolve, events)!;
    }

    protected static VendingSessionState After(VendingSessionState session, VendingEffects effects) =>
        Fold(VendingSessionState.Evolve, effects.EventsFor(VendingEventNames.Session(session.SessionNo)), session)!;

    // ── pushes and orders ──

    protected static VendorPush PushOf(string wheatOrderNo, VendingSessionState? session, long? total, params PushedItem[] items) =>
        new(wheatOrderNo, session?.SessionNo ?? "VS404", session?.DeviceCode ?? "D001", ClosedAt, total, items, null, null, "hash-" + wheatOrderNo);

    protected static PushContext ContextOf(VendorPush push, VendingSessionState? session, VendingUserState? user, string orderNo = "VO1",
        StoreState? store = null, DateTimeOffset? now = null) =>
        new(push, orderNo, "VP-" + orderNo, session, push.DeviceCode == "D002" ? D002 : D001, store ?? S001, user, Known, now ?? PushedAt);

    /// <summary>The push of <paramref name="items"/> (total = their sum) for the session, decided.</summary>
    protected static VendingEffects Pushed(VendingSessionState session, VendingUserState user, string orderNo, params PushedItem[] items) =>
        VendorPushes.Record(ContextOf(PushOf("W-" + orderNo, session, items.Sum(i => i.Quantity * i.UnitPrice), items), session, user, orderNo));

    protected static IReadOnlyList<object> Then(VendingEffects effects, string stream)
    {
        effects.Error.ShouldBeNull();
        return effects.EventsFor(stream).ToList();
    }

    protected static IReadOnlyList<object> OrderEvents(VendingEffects effects, string orderNo) => Then(effects, VendingEventNames.Order(orderNo));

    protected static IReadOnlyList<T> Sent<T>(VendingEffects effects) => effects.Messages.Select(m => m.Body).OfType<T>().ToList();

    protected static VendingOrderState Order(params object[] events) => Fold<VendingOrderState>(VendingOrderState.Evolve, events)!;

    /// <summary>The order <paramref name="orderNo"/> after <paramref name="effects"/> (started by them, or continued from <paramref name="given"/>).</summary>
    protected static VendingOrderState After(VendingEffects effects, string orderNo, VendingOrderState? given = null) =>
        Fold(VendingOrderState.Evolve, effects.EventsFor(VendingEventNames.Order(orderNo)), given).ShouldNotBeNull();

    protected static VendingUserState After(VendingUserState user, VendingEffects effects) =>
        Fold(VendingUserState.Evolve, effects.EventsFor(VendingEventNames.User(user.UserId)), user)!;

    /// <summary>A WeChat order through WeChat's answers: the complete accepted, then USER_PAID (<paramref name="paidAt"/>).</summary>
    protected static VendingOrderState PaidByWeChat(VendingOrderState order, string transactionId, DateTimeOffset paidAt)
    {
        var payment = order.LastPayment.ShouldNotBeNull();
        order = After(Charging.Completed(order, payment.PaymentNo, payment.Amount, paidAt.AddMinutes(-1)), order.OrderNo, order);
        return After(Charging.Paid(order, payment.PaymentNo, payment.Amount, transactionId, paidAt, paidAt), order.OrderNo, order);
    }
}
