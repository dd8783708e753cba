using Cabinets.Domain.Vending.Sessions;
using Cabinets.Domain.Vending.Users;

namespace Cabinets.Domain.Vending.Orders;

public sealed record ApproveExceptionOrder(VendingOrderState Order, IReadOnlyList<CorrectionItem>? Items, IReadOnlyDictionary<string, CatalogPrice> Catalog,
    string? UserId, VendingPaymentType? PaymentType, string? Note, VendingUserState? User, VendingSessionState? Session, string CorrectionId,
    string PaymentNo, string StoreName, DateTimeOffset Now);

/// <summary>
/// Review of exception orders (VENDING.md §2.6): approve (optionally with corrected items, then
/// the charge by the session's method, or by the user and method the admin names when no session
/// is known) or void (the order stops blocking its user, the session's service order is cancelled).
/// </summary>
public static class Review
{
    public static class Errors
    {
        public const string NotAnExceptionOrder = "NOT_AN_EXCEPTION_ORDER";
        public const string AlreadyReviewed = "ALREADY_REVIEWED";
        public const string UserRequired = "USER_REQUIRED";
        public const string Validation = "VALIDATION";
    }

    public static VendingEffects Approve(ApproveExceptionOrder c)
    {
        var order = c.Order;
        if (order.ExceptionKind is null) return VendingEffects.Rejected(Errors.NotAnExceptionOrder, $"order {order.OrderNo} is not an exception order", "orderNo");
        if (order.ReviewStatus != ReviewStatus.Pending) return VendingEffects.Rejected(Errors.AlreadyReviewed, $"order {order.OrderNo} was reviewed: {order.ReviewStatus}", "orderNo");
        var userId = c.UserId ?? order.UserId;
        if (userId is null || (order.UserId is null && c.PaymentType is null))
            return VendingEffects.Rejected(Errors.UserRequired, "this order has no session: name the user and the payment type", order.UserId is null && c.UserId is null ? "userId" : "paymentType");
        if (c.User is null || c.User.UserId != userId) return VendingEffects.Rejected("NOT_FOUND", $"no user {userId}", "userId");

        var effects = new VendingEffects();
        var stream = VendingEventNames.Order(order.OrderNo);
        var state = order;
        if (c.Items is { } items)
        {
            if (Corrections.LinesError(order, items, c.Catalog) is { } error) return VendingEffects.Rejected(error);
            var lines = Corrections.Lines(order, items, c.Catalog)!;
            var newTotal = VendingOrderState.Corrected(order.Items, lines).Sum(i => i.Amount);
            var corrected = new OrderCorrected(order.OrderNo, c.CorrectionId, c.Note ?? "review", lines, order.TotalAmount, newTotal, 0,
                newTotal - order.TotalAmount, CorrectionSettlement.Reamount, null, [], null, c.Now);
            effects.Append(stream, corrected);
            state = VendingOrderState.Evolve(state, corrected)!;
        }
        var type = c.PaymentType ?? order.PaymentType;
        var approved = new ExceptionOrderApproved(order.OrderNo, c.Note, c.UserId, c.PaymentType, c.Now);
        effects.Append(stream, approved);
        state = VendingOrderState.Evolve(state, approved)!;
        var serviceOrder = c.Session?.SessionNo == order.SessionNo ? VendorPushes.ServiceOrderOf(c.Session, order.OrderNo) : null;
        if (state.TotalAmount == 0)
        {
            effects.Append(stream, new PaymentNotRequired(order.OrderNo, c.Now));
            if (serviceOrder is not null) effects.Send(new PayScoreCancelOrder(serviceOrder.PaymentNo, order.OrderNo, "未产生消费"));
        }
        else Charging.Start(effects, state, type, state.TotalAmount, c.PaymentNo, c.User, serviceOrder, c.StoreName, c.Now);
        return effects;
    }

    public static VendingEffects Void(VendingOrderState order, string reason, VendingSessionState? session, DateTimeOffset now)
    {
        if (order.ExceptionKind is null) return VendingEffects.Rejected(Errors.NotAnExceptionOrder, $"order {order.OrderNo} is not an exception order", "orderNo");
        if (order.ReviewStatus != ReviewStatus.Pending) return VendingEffects.Rejected(Errors.AlreadyReviewed, $"order {order.OrderNo} was reviewed: {order.ReviewStatus}", "orderNo");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 200) return VendingEffects.Rejected(Errors.Validation, "a reason of 1-200 characters is required", "reason");
        var effects = new VendingEffects().Append(VendingEventNames.Order(order.OrderNo), new ExceptionOrderVoided(order.OrderNo, reason.Trim(), now));
        if (session?.SessionNo == order.SessionNo && VendorPushes.ServiceOrderOf(session, order.OrderNo) is { } serviceOrder)
            effects.Send(new PayScoreCancelOrder(serviceOrder.PaymentNo, order.OrderNo, "未产生消费"));
        return effects;
    }
}
