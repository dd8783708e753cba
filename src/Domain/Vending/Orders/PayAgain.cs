using Cabinets.Domain.Vending.Users;

namespace Cabinets.Domain.Vending.Orders;

public sealed record PayAgain(VendingOrderState Order, VendingPaymentType? PaymentType, VendingUserState User, string NewPaymentNo, string StoreName, DateTimeOffset Now);

/// <summary>What the mini-program shows after a pay-again: a ticket payment settled, or a WeChat payment under way (with the service order to pay in WeChat, when it exists already).</summary>
public sealed record PayAgainAnswer(string PaymentNo, VendingPaymentStatus Status, string? ServiceOrderToPay);

/// <summary>
/// 重新支付 (VENDING.md §2.8): only a FAILED order; tickets are debited at once or refused with
/// nothing changed; WeChat pays a completed, unpaid service order in WeChat (nothing re-sent) or
/// creates a new one; switching from WeChat to tickets is refused while WeChat may still deduct.
/// </summary>
public static class PayAgainRules
{
    public static class Errors
    {
        public const string NotPayable = "not-payable";
        public const string SwitchNotAllowed = "payment-method-switch-not-allowed";
        public const string PayScoreNotAuthorized = "payscore-not-authorized";
        public const string InsufficientTickets = "insufficient-tickets";
    }

    public static VendingEffects Decide(PayAgain c)
    {
        var order = c.Order;
        if (order.PaymentStatus != VendingPaymentStatus.Failed) return VendingEffects.Rejected(Errors.NotPayable, $"order {order.OrderNo} is {order.PaymentStatus}: only a failed payment is paid again");
        var type = c.PaymentType ?? order.PaymentType;
        var unpaid = order.Payments.LastOrDefault(p => p.CompletedUnpaid);
        var stream = VendingEventNames.Order(order.OrderNo);
        var effects = new VendingEffects();
        if (type == VendingPaymentType.Tickets)
        {
            if (unpaid is not null)
                return VendingEffects.Rejected(Errors.SwitchNotAllowed, $"WeChat may still deduct service order {unpaid.PaymentNo}: pay it in WeChat", "paymentType");
            var tickets = VendingMoney.TicketsFor(order.TotalAmount);
            if (c.User.TicketBalance < tickets)
                return VendingEffects.Rejected(Errors.InsufficientTickets, $"{tickets} tickets needed, {c.User.TicketBalance} held", "paymentType");
            foreach (var created in order.Payments.Where(p => p.ServiceOrderCreated && !p.ServiceOrderCancelled && p.Status != PaymentRecordStatus.Succeeded))
                effects.Send(new PayScoreCancelOrder(created.PaymentNo, order.OrderNo, "改用礼票支付"));
            effects.Append(stream, new PayAgainRequested(order.OrderNo, c.NewPaymentNo, type, order.PaymentType, c.Now));
            Charging.Start(effects, order, type, order.TotalAmount, c.NewPaymentNo, c.User, null, c.StoreName, c.Now);
            return effects.AnswerWith(new PayAgainAnswer(c.NewPaymentNo, VendingPaymentStatus.Paid, null));
        }

        if (!c.User.PayScoreAuthorized) return VendingEffects.Rejected(Errors.PayScoreNotAuthorized, "WeChat pay-score is not authorized for this user", "paymentType");
        if (unpaid is not null)
        {
            // WeChat holds the completed order: the user pays it there; nothing is sent again and the
            // order stays FAILED until WeChat's USER_PAID (which a FAILED order still accepts). Also when
            // a correction re-amounted it and WeChat has not applied the modify yet: a second service
            // order could be collected beside the first (§2.8, no double collection).
            effects.Append(stream, new PayAgainRequested(order.OrderNo, unpaid.PaymentNo, type, order.PaymentType, c.Now));
            return effects.AnswerWith(new PayAgainAnswer(unpaid.PaymentNo, VendingPaymentStatus.Paying, unpaid.PaymentNo));
        }
        effects.Append(stream, new PayAgainRequested(order.OrderNo, c.NewPaymentNo, type, order.PaymentType, c.Now));
        Charging.Start(effects, order, type, order.TotalAmount, c.NewPaymentNo, c.User, null, c.StoreName, c.Now);
        return effects.AnswerWith(new PayAgainAnswer(c.NewPaymentNo, VendingPaymentStatus.Paying, null));
    }
}
