using Cabinets.Domain.Vending.Catalog;
using Cabinets.Domain.Vending.Sessions;
using Cabinets.Domain.Vending.Users;

namespace Cabinets.Domain.Vending.Orders;

public sealed record PushedItem(string ProductCode, string ProductName, int Quantity, long UnitPrice);

/// <summary>A vendor push as validated (§4.2): an order after the door closed, or the vendor's exception order (<see cref="VendorReason"/> set).</summary>
public sealed record VendorPush(string WheatOrderNo, string SessionNo, string DeviceCode, DateTimeOffset ClosedAt, long? TotalAmount,
    IReadOnlyList<PushedItem> Items, string? VendorReason, string? Description, string BodyHash)
{
    public bool IsExceptionPush => VendorReason is not null;
}

/// <summary>Everything a push is decided on: the session it names, the device and its store, the session's user, the catalog's codes.</summary>
public sealed record PushContext(VendorPush Push, string OrderNo, string PaymentNo, VendingSessionState? Session, DeviceState? Device, StoreState? Store,
    VendingUserState? User, IReadOnlySet<string> KnownProducts, DateTimeOffset Now);

public sealed record PushAnswer(string OrderNo, string Status);

/// <summary>
/// The vendor's order push (VENDING.md §2.4): always recorded (nothing the vendor delivered is lost),
/// the session closed, then — in this order — kept for review when it cannot be charged as is
/// (INVALID_PUSH) or the vendor reported it (VENDOR_REPORTED), not charged at 0, intercepted above
/// the store's limit (strictly greater), otherwise charged by the session's method.
/// </summary>
public static class VendorPushes
{
    public const string Recorded = "RECORDED";
    public const string Intercepted = "INTERCEPTED";
    public const string Exception = "EXCEPTION";

    public static VendingEffects Record(PushContext c)
    {
        var p = c.Push;
        var items = Merge(p.Items, c.KnownProducts);
        var total = p.TotalAmount ?? items.Sum(i => i.Amount);
        var session = c.Session;
        var storeCode = c.Device?.StoreCode ?? session?.StoreCode ?? "";
        var order = new VendingOrderRecorded(c.OrderNo, VendingOrderType.Normal, p.WheatOrderNo, null, session?.SessionNo ?? p.SessionNo, session?.UserId,
            p.DeviceCode, storeCode, p.ClosedAt, session?.PaymentType ?? VendingPaymentType.Tickets, items, total, c.Now);
        var stream = VendingEventNames.Order(c.OrderNo);
        var effects = new VendingEffects().Start(stream, order);
        var state = VendingOrderState.Evolve(null, order)!;

        var invalid = InvalidReason(c, items);
        if (session is not null && session.Status != VendingSessionStatus.Closed)
            effects.Append(VendingEventNames.Session(session.SessionNo), new VendingSessionClosed(session.SessionNo, c.OrderNo, c.Now));
        // A push-missing task opens only 30 minutes after the door (CheckOrderPushMissing): an earlier push has none to resolve.
        if (session is { OpenedAt: { } openedAt } && session.Status != VendingSessionStatus.Closed && c.Now >= openedAt + PushMissingTaskMayExistAfter)
            effects.Send(new ManualTasks.ResolveManualTask(PushMissingTaskId(session.SessionNo), ManualTaskOutcome.Sent, "the order arrived", c.Now));

        string status;
        if (invalid is not null)
        {
            effects.Append(stream, new ExceptionOrderRaised(c.OrderNo, ExceptionKind.InvalidPush, invalid.Value.Code, invalid.Value.Detail, null, c.Now));
            status = Exception;
        }
        else if (p.IsExceptionPush)
        {
            effects.Append(stream, new ExceptionOrderRaised(c.OrderNo, ExceptionKind.VendorReported, p.VendorReason!, p.Description, null, c.Now));
            status = Exception;
        }
        else if (total == 0)
        {
            effects.Append(stream, new PaymentNotRequired(c.OrderNo, c.Now));
            if (session!.HasUsableServiceOrder) effects.Send(new PayScoreCancelOrder(session.PaymentNo!, c.OrderNo, "未产生消费"));
            status = Recorded;
        }
        else if (total > c.Store!.AmountLimit)
        {
            effects.Append(stream, new ExceptionOrderRaised(c.OrderNo, ExceptionKind.AmountOverLimit, "OVER_LIMIT",
                $"{total} fen is above the store's limit of {c.Store.AmountLimit}", c.Store.AmountLimit, c.Now));
            status = Intercepted;
        }
        else
        {
            Charging.Start(effects, state, session!.PaymentType, total, c.PaymentNo, c.User, ServiceOrderOf(session, c.OrderNo), c.Store.StoreName, c.Now);
            status = Recorded;
        }
        effects.Start(VendingEventNames.WheatOrder(p.WheatOrderNo), new WheatOrderReceived(p.WheatOrderNo, c.OrderNo, p.BodyHash, status, c.Now));
        return effects.AnswerWith(new PushAnswer(c.OrderNo, status));
    }

    public static string PushMissingTaskId(string sessionNo) => $"T-{sessionNo}:push-missing";

    /// <summary>The 30 minutes less a minute for clocks that differ between nodes.</summary>
    public static readonly TimeSpan PushMissingTaskMayExistAfter = VendingSessionState.PushMissingAfter - TimeSpan.FromMinutes(1);

    /// <summary>
    /// The session's service order, when <paramref name="orderNo"/> may complete or cancel it: it is usable and
    /// the session has no order yet, or this is that order (a second order of a session never takes the first's).
    /// </summary>
    public static ReusableServiceOrder? ServiceOrderOf(VendingSessionState? session, string orderNo) =>
        session is { HasUsableServiceOrder: true } && (session.OrderNo is null || session.OrderNo == orderNo)
            ? new ReusableServiceOrder(session.PaymentNo!, session.RiskFundAmount ?? 0) : null;

    /// <summary>Lines of the same product at the same unit price are one line; unknown codes are kept, flagged.</summary>
    public static IReadOnlyList<OrderItem> Merge(IReadOnlyList<PushedItem> items, IReadOnlySet<string> known) =>
        items.GroupBy(i => (i.ProductCode, i.UnitPrice))
            .Select(g =>
            {
                var quantity = g.Sum(i => i.Quantity);
                return new OrderItem(g.Key.ProductCode, g.First().ProductName, quantity, g.Key.UnitPrice, quantity * g.Key.UnitPrice, known.Contains(g.Key.ProductCode));
            })
            .ToList();

    /// <summary>A well-formed push that cannot be charged as is (§1.10 INVALID_PUSH), checked in this order.</summary>
    private static (string Code, string Detail)? InvalidReason(PushContext c, IReadOnlyList<OrderItem> items)
    {
        var p = c.Push;
        if (c.Session is not { } session) return ("UNKNOWN_SESSION", $"no session {p.SessionNo}");
        if (session.DeviceCode != p.DeviceCode) return ("DEVICE_MISMATCH", $"session {session.SessionNo} is on device {session.DeviceCode}, the push names {p.DeviceCode}");
        if (session.Status == VendingSessionStatus.Closed) return ("SESSION_ALREADY_HAS_ORDER", $"session {session.SessionNo} already has order {session.OrderNo}");
        if (p.TotalAmount is { } total && total != items.Sum(i => i.Amount))
            return ("TOTAL_MISMATCH", $"the items sum to {items.Sum(i => i.Amount)} fen, totalAmount is {total}");
        if (items.GroupBy(i => i.ProductCode).FirstOrDefault(g => g.Count() > 1) is { } conflict)
            return ("PRICE_CONFLICT", $"product {conflict.Key} is pushed at {string.Join(" and ", conflict.Select(i => i.UnitPrice))} fen");
        if (c.Store is null) return ("UNKNOWN_SESSION", $"device {p.DeviceCode} has no store");
        return null;
    }
}
