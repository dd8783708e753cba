using Cabinets.Domain.Vending.Sessions;
using Cabinets.Domain.Vending.Users;

namespace Cabinets.Domain.Vending.Orders;

/// <summary>A pay-score service order a charge may complete instead of creating one: the session's, with its risk fund.</summary>
public sealed record ReusableServiceOrder(string PaymentNo, long RiskFundAmount);

/// <summary>
/// Charging (VENDING.md §2.5): tickets are debited in the same transaction as the payment record,
/// or nothing is and the payment fails; WeChat pay-score completes the session's service order (or a
/// new one) and waits for WeChat's deduction, its callback or the 15-minute query.
/// </summary>
public static class Charging
{
    public static readonly TimeSpan WeChatPaymentTimeout = TimeSpan.FromMinutes(15);

    /// <summary>Starts a charge of <paramref name="amount"/> on an order whose state is <paramref name="order"/> (the events already decided included).</summary>
    public static void Start(VendingEffects effects, VendingOrderState order, VendingPaymentType type, long amount, string newPaymentNo,
        VendingUserState? user, ReusableServiceOrder? serviceOrder, string storeName, DateTimeOffset now)
    {
        var stream = VendingEventNames.Order(order.OrderNo);
        if (type == VendingPaymentType.Tickets)
        {
            var tickets = VendingMoney.TicketsFor(amount);
            if (serviceOrder is not null) effects.Send(new PayScoreCancelOrder(serviceOrder.PaymentNo, order.OrderNo, "未产生消费"));
            effects.Append(stream, new ChargeStarted(order.OrderNo, newPaymentNo, type, amount, tickets, now));
            var debit = user is null ? null : VendingUserDecider.Tickets.Debit(user, tickets, order.OrderNo, newPaymentNo, now);
            if (debit is null)
            {
                effects.Append(stream, new PaymentFailed(order.OrderNo, newPaymentNo, PaymentFailureReason.InsufficientTickets,
                    $"{tickets} tickets needed, {user?.TicketBalance ?? 0} held", now));
                return;
            }
            effects.Append(VendingEventNames.User(user!.UserId), debit);
            effects.Append(stream, Succeeded(order, newPaymentNo, type, amount, tickets, null, now, now));
            return;
        }

        if (user is not { PayScoreAuthorized: true })
        {
            // Revoked since the scan: the session's service order will never be completed.
            if (serviceOrder is not null) effects.Send(new PayScoreCancelOrder(serviceOrder.PaymentNo, order.OrderNo, "用户已解除授权"));
            effects.Append(stream, new ChargeStarted(order.OrderNo, newPaymentNo, type, amount, 0, now),
                new PaymentFailed(order.OrderNo, newPaymentNo, PaymentFailureReason.PayscoreNotAuthorized, "WeChat pay-score is not authorized", now));
            return;
        }
        if (serviceOrder is not null && serviceOrder.RiskFundAmount >= amount)
        {
            effects.Append(stream, new ChargeStarted(order.OrderNo, serviceOrder.PaymentNo, type, amount, 0, now, serviceOrder.RiskFundAmount));
            effects.Send(Complete(order, serviceOrder.PaymentNo, amount, now));
            return;
        }
        // A service order whose risk fund is below the amount cannot take it: cancelled, charged through a new one (§2.6).
        if (serviceOrder is not null) effects.Send(new PayScoreCancelOrder(serviceOrder.PaymentNo, order.OrderNo, "金额超出预授权"));
        effects.Append(stream, new ChargeStarted(order.OrderNo, newPaymentNo, type, amount, 0, now));
        effects.Send(new PayScoreCreateOrder(newPaymentNo, null, order.OrderNo, user.UserId, storeName, amount, now));
    }

    public static PayScoreCompleteOrder Complete(VendingOrderState order, string paymentNo, long amount, DateTimeOffset now) =>
        new(order.OrderNo, paymentNo, order.Items, amount, now);

    public static PaymentSucceeded Succeeded(VendingOrderState order, string paymentNo, VendingPaymentType type, long amount, long tickets,
        string? transactionId, DateTimeOffset paidAt, DateTimeOffset now) =>
        new(order.OrderNo, paymentNo, type, amount, tickets, transactionId, paidAt,
            order.Items.Select(i => new MoneyLine(i.ProductCode, i.Quantity, i.Amount)).ToList(), order.StoreCode, order.DeviceCode, now);

    /// <summary>An order-level service order was answered: created → complete it; rejected or unreachable → the payment fails.</summary>
    public static VendingEffects ServiceOrderAnswered(VendingOrderState order, RecordOrderServiceOrder c)
    {
        var effects = new VendingEffects();
        if (order.Payment(c.PaymentNo) is not { Status: PaymentRecordStatus.Pending, ServiceOrderCreated: false } payment) return effects;
        var stream = VendingEventNames.Order(order.OrderNo);
        if (c.Created)
            return effects.Append(stream, new PayScoreOrderCreated(null, order.OrderNo, c.PaymentNo, payment.Amount, c.Now))
                .Send(Complete(order, c.PaymentNo, payment.Amount, c.Now));
        var reason = c.Code == "UNREACHABLE" ? PaymentFailureReason.WechatUnreachable : PaymentFailureReason.WechatRejected;
        return effects.Append(stream, new PayScoreOrderRejected(null, order.OrderNo, c.PaymentNo, c.Code ?? "REJECTED", c.Message ?? "", c.Now),
            new PaymentFailed(order.OrderNo, c.PaymentNo, reason, c.Message, c.Now));
    }

    /// <summary>WeChat took the complete: the order stays PAYING until the deduction, with a query 15 minutes on.</summary>
    public static VendingEffects Completed(VendingOrderState order, string paymentNo, long amount, DateTimeOffset now)
    {
        var effects = new VendingEffects();
        if (order.Payment(paymentNo) is not { ServiceOrderCompleted: false } payment) return effects;
        effects.Append(VendingEventNames.Order(order.OrderNo), new PayScoreOrderCompleted(order.OrderNo, paymentNo, amount, now));
        if (payment.Status == PaymentRecordStatus.Pending) effects.Send(new PayScoreQueryOrder(order.OrderNo, paymentNo), now + WeChatPaymentTimeout);
        return effects;
    }

    /// <summary>
    /// WeChat collected (callback or query): the payment succeeds, also after it was declared failed
    /// (a late deduction). An amount other than the charge's is recorded as received, with a task.
    /// </summary>
    public static VendingEffects Paid(VendingOrderState order, string paymentNo, long paidAmount, string? transactionId, DateTimeOffset paidAt, DateTimeOffset now)
    {
        var effects = new VendingEffects();
        if (order.Payment(paymentNo) is not { } payment || payment.Status == PaymentRecordStatus.Succeeded) return effects;
        effects.Append(VendingEventNames.Order(order.OrderNo), Succeeded(order, paymentNo, VendingPaymentType.Wechat, paidAmount, 0, transactionId, paidAt, now));
        if (paidAmount != payment.Amount)
            effects.Send(new ManualTasks.OpenManualTask($"T-{paymentNo}:amount", ManualTaskKind.PaymentAmountMismatch, order.OrderNo, order.OrderNo, order.DeviceCode,
                order.StoreCode, 1, $"expected {payment.Amount} fen, WeChat collected {paidAmount}", false, null, null, now));
        return effects;
    }

    /// <summary>A charge failed (WeChat rejected, unreachable, or the deduction still pending at the query): the order is FAILED, the user may pay again.</summary>
    public static VendingEffects Failed(VendingOrderState order, string paymentNo, PaymentFailureReason reason, string? detail, DateTimeOffset now)
    {
        var effects = new VendingEffects();
        if (order.Payment(paymentNo) is not { Status: PaymentRecordStatus.Pending }) return effects;
        return effects.Append(VendingEventNames.Order(order.OrderNo), new PaymentFailed(order.OrderNo, paymentNo, reason, detail, now));
    }
}

/// <summary>An order-level pay-score service order (补扣, pay-again, above the risk fund) was answered.</summary>
public sealed record RecordOrderServiceOrder(string OrderNo, string PaymentNo, bool Created, string? Code, string? Message, DateTimeOffset Now);
