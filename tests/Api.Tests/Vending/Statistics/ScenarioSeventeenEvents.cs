using Cabinets.Domain.Vending;
using Marten;

namespace Cabinets.Api.Tests.Vending.Statistics;

/// <summary>
/// VENDING.md §5 scenario 17 as the events the order commands append, on their streams: on
/// 2026-11-21 (Asia/Shanghai) W1 paid by tickets on D001 (2 × P100 = 2500), W4 paid by WeChat on
/// D002 (P200 600 + P300 350) then P200 refunded (scenario 9), W2 failing on D001 for want of
/// tickets (scenario 2); D001 ONLINE 00:00-18:00 then OFFLINE, D002 ONLINE all day.
/// </summary>
internal static class ScenarioSeventeenEvents
{
    public const string Store = "S001";
    public static readonly DateOnly Day = new(2026, 11, 21);
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    /// <summary>An instant of a business day, local time.</summary>
    public static DateTimeOffset Local(DateOnly day, int hour, int minute = 0) => new(day.ToDateTime(new TimeOnly(hour, minute)), Shanghai);

    private static DateTimeOffset At(int hour, int minute = 0) => Local(Day, hour, minute);

    public static async Task AppendAsync(IDocumentStore store)
    {
        await using var session = store.LightweightSession();
        var before = Local(Day.AddDays(-1), 10);
        foreach (var device in new[] { "D001", "D002" })
            session.Events.StartStream(VendingEventNames.Device(device), new DeviceRegistered(device, Store, $"vending:device:{device}", before));
        session.Events.Append(VendingEventNames.Device("D001"),
            new DeviceStatusChanged("D001", DeviceOnlineStatus.Offline, DeviceOnlineStatus.Online, At(0), At(0)),
            new DeviceStatusChanged("D001", DeviceOnlineStatus.Online, DeviceOnlineStatus.Offline, At(18), At(18)));
        session.Events.Append(VendingEventNames.Device("D002"),
            new DeviceStatusChanged("D002", DeviceOnlineStatus.Offline, DeviceOnlineStatus.Online, before, before));
        foreach (var (code, name, price) in new[] { ("P100", "牛奶", 1250L), ("P200", "薯片", 600L), ("P300", "果汁", 350L) })
            session.Events.StartStream(VendingEventNames.Product(code), new ProductSynced(code, name, price, "零食", ProductStatus.Enabled, before, null, before));

        // Scenario 1: W1, tickets, D001.
        var w1 = Order("VO26112100000001", "D001", VendingPaymentType.Tickets, At(10), [("P100", "牛奶", 2, 1250)]);
        session.Events.StartStream(VendingEventNames.Order(w1.OrderNo), w1,
            new ChargeStarted(w1.OrderNo, "VP1", VendingPaymentType.Tickets, 2500, 12_500, At(10)),
            new PaymentSucceeded(w1.OrderNo, "VP1", VendingPaymentType.Tickets, 2500, 12_500, null, At(10), [new MoneyLine("P100", 2, 2500)], Store, "D001", At(10)));
        // Scenario 4, then scenario 9's refund of P200: W4, WeChat, D002.
        var w4 = Order("VO26112100000004", "D002", VendingPaymentType.Wechat, At(10, 12), [("P200", "薯片", 1, 600), ("P300", "果汁", 1, 350)]);
        session.Events.StartStream(VendingEventNames.Order(w4.OrderNo), w4,
            new ChargeStarted(w4.OrderNo, "VP4", VendingPaymentType.Wechat, 950, 0, At(10, 12)),
            new PaymentSucceeded(w4.OrderNo, "VP4", VendingPaymentType.Wechat, 950, 0, "TX4", At(10, 15),
                [new MoneyLine("P200", 1, 600), new MoneyLine("P300", 1, 350)], Store, "D002", At(10, 15)),
            new RefundSucceeded(w4.OrderNo, "VR9", RefundMethod.Wechat, 600, 0, "RF9", At(11), [new MoneyLine("P200", 1, 600)], Store, "D002", At(11)));
        // Scenario 2: W2, tickets, D001, not enough tickets.
        var w2 = Order("VO26112100000002", "D001", VendingPaymentType.Tickets, At(12), [("P100", "牛奶", 2, 1250)]);
        session.Events.StartStream(VendingEventNames.Order(w2.OrderNo), w2,
            new ChargeStarted(w2.OrderNo, "VP2", VendingPaymentType.Tickets, 2500, 12_500, At(12)),
            new PaymentFailed(w2.OrderNo, "VP2", PaymentFailureReason.InsufficientTickets, null, At(12)));
        await session.SaveChangesAsync();
    }

    public static VendingOrderRecorded Order(string orderNo, string device, VendingPaymentType type, DateTimeOffset at,
        (string Code, string Name, int Quantity, long Price)[] items, string store = Store) =>
        new(orderNo, VendingOrderType.Normal, "W" + orderNo, null, null, "U1", device, store, at, type,
            [.. items.Select(i => new OrderItem(i.Code, i.Name, i.Quantity, i.Price, i.Quantity * i.Price, true))],
            items.Sum(i => i.Quantity * i.Price), at);
}
