using Cabinets.Domain.Deciding;
using Cabinets.Domain.Fulfillment.Catalog;

namespace Cabinets.Domain.Fulfillment.Orders;

public sealed record OrderPaymentRecorded(string OrderId, string PaymentId, long AmountFen, string? PaymentName, DateTimeOffset PaidAt, DateTimeOffset At);

public sealed record OrderPaymentFailed(string OrderId, string PaymentId, DateTimeOffset At);

public sealed record OrderRefundApplied(string OrderId, string RefundId, long AmountFen, bool Full, string? Reason, DateTimeOffset At);

/// <summary>A channel payment of an order (`ome.payment.add`).</summary>
public sealed record OrderPayment(string PaymentId, long AmountFen, bool Failed);

/// <summary>
/// `ome.payment.add` and `ome.payment.status_update` (FULFILLMENT.md §2.1, decided): a payment is
/// recorded once by its `payment_id` (the same one again changes nothing; another amount under it is
/// refused); the order is PAID when its good payments reach its total, PARTIALLY_PAID below; a failed
/// payment no longer counts. No stock moves.
/// </summary>
public static class OrderPayments
{
    public const string PaymentConflict = "PAYMENT_CONFLICT";

    public static Decision<object> Add(ChannelOrderState? order, string paymentId, long amountFen, string? paymentName, DateTimeOffset paidAt, DateTimeOffset now)
    {
        if (order is null) return Decision<object>.Reject(FulfillmentErrors.NotFound, "no such order", "tid");
        if (order.Payments.FirstOrDefault(p => p.PaymentId == paymentId) is { } known)
            return known.AmountFen == amountFen ? Decision<object>.Accept() : Decision<object>.Reject(PaymentConflict, $"payment {paymentId} was recorded with {known.AmountFen} fen", "pay_fee");
        var payments = order.Payments.Append(new OrderPayment(paymentId, amountFen, false)).ToList();
        return Decision<object>.Accept([new OrderPaymentRecorded(order.OrderId, paymentId, amountFen, paymentName, paidAt, now), .. StatusChange(order, payments, now)]);
    }

    public static Decision<object> Fail(ChannelOrderState? order, string paymentId, DateTimeOffset now)
    {
        if (order?.Payments.FirstOrDefault(p => p.PaymentId == paymentId) is not { } payment)
            return Decision<object>.Reject(FulfillmentErrors.NotFound, $"no payment {paymentId}", "payment_id");
        if (payment.Failed) return Decision<object>.Accept();
        var payments = order.Payments.Select(p => p.PaymentId == paymentId ? p with { Failed = true } : p).ToList();
        return Decision<object>.Accept([new OrderPaymentFailed(order.OrderId, paymentId, now), .. StatusChange(order, payments, now)]);
    }

    /// <summary>
    /// `ome.refund.add` (§2.9, decided): recorded once by `refund_id`; an order not shipped yet is paused
    /// (its deliveries with it) so that nothing leaves while an operator looks; a full refund before
    /// shipping is for the operator to cancel. No stock moves.
    /// </summary>
    public static Decision<object> Refund(ChannelOrderState? order, IReadOnlyList<DeliveryState> deliveries, string refundId, long amountFen, bool full, string? reason, DateTimeOffset now)
    {
        if (order is null) return Decision<object>.Reject(FulfillmentErrors.NotFound, "no such order", "tid");
        if (order.RefundIds.Contains(refundId, StringComparer.Ordinal)) return Decision<object>.Accept();
        var events = new List<object> { new OrderRefundApplied(order.OrderId, refundId, amountFen, full, reason, now) };
        if (order.State == OrderLifecycle.Active && !order.Paused && order.ShipStatus == ShipStatus.NotShipped)
        {
            events.Add(new OrderPaused(order.OrderId, PauseReason.Refund, reason, now));
            events.AddRange(deliveries.Where(d => d.Status == DeliveryStatus.Normal).Select(d => (object)new DeliveryPaused(d.DeliveryId, now)));
        }
        return Decision<object>.Accept(events);
    }

    private static IEnumerable<object> StatusChange(ChannelOrderState order, IReadOnlyList<OrderPayment> payments, DateTimeOffset now)
    {
        var paid = payments.Where(p => !p.Failed).Sum(p => p.AmountFen);
        var status = paid >= order.TotalFen && paid > 0 ? PayStatus.Paid : paid > 0 ? PayStatus.PartiallyPaid : PayStatus.Unpaid;
        if (status != order.PayStatus || paid != order.PayedFen) yield return new OrderPayStatusChanged(order.OrderId, order.PayStatus, status, paid, now);
    }
}
