namespace Cabinets.Domain.Vending.Orders;

/// <summary>One payment (VENDING.md §1.7): `PaymentNo` is also the WeChat `out_order_no` of its service order.</summary>
public sealed record PaymentRecord(string PaymentNo, VendingPaymentType PaymentType, long Amount, long Tickets, PaymentRecordStatus Status,
    PaymentFailureReason? FailureReason, string? WechatTransactionId, DateTimeOffset StartedAt, DateTimeOffset? SucceededAt,
    bool ServiceOrderCreated, bool ServiceOrderCompleted, bool ServiceOrderCancelled, long? RiskFundAmount)
{
    /// <summary>WeChat holds a completed service order nobody paid yet: it may still deduct, so nothing may charge it twice (§2.8).</summary>
    public bool CompletedUnpaid => PaymentType == VendingPaymentType.Wechat && ServiceOrderCompleted && !ServiceOrderCancelled && Status != PaymentRecordStatus.Succeeded;
}

public sealed record RefundRecord(string RefundNo, RefundMethod Method, string? PaymentNo, long Amount, long Tickets, RefundStatus Status,
    string? WechatRefundId, DateTimeOffset RequestedAt, DateTimeOffset? SucceededAt, string CorrectionId, IReadOnlyList<MoneyLine> Lines);

/// <summary>A correction as recorded, with its actor (from the event's metadata, set by the projection).</summary>
public sealed record CorrectionRecord(OrderCorrected Correction, string? Actor);

/// <summary>An order (VENDING.md §1.6) as `vending-order-{orderNo}` folds it.</summary>
public sealed record VendingOrderState(
    string OrderNo, VendingOrderType OrderType, string? WheatOrderNo, string? RelatedOrderNo, string? SessionNo, string? UserId,
    string DeviceCode, string StoreCode, DateTimeOffset OrderTime, DateTimeOffset RecordedAt, VendingPaymentType PaymentType,
    IReadOnlyList<OrderItem> Items, long TotalAmount, VendingPaymentStatus PaymentStatus, PaymentFailureReason? FailureReason, DateTimeOffset? PaidAt,
    ExceptionKind? ExceptionKind, string? ExceptionReason, ReviewStatus? ReviewStatus,
    IReadOnlyList<PaymentRecord> Payments, IReadOnlyList<RefundRecord> Refunds, IReadOnlyList<CorrectionRecord> Corrections,
    IReadOnlyList<string> SupplementaryOrderNos)
{
    public long WxPaymentAmount => Payments.Where(p => p.PaymentType == VendingPaymentType.Wechat && p.Status == PaymentRecordStatus.Succeeded).Sum(p => p.Amount);
    public long TicketPaymentAmount => Payments.Where(p => p.PaymentType == VendingPaymentType.Tickets && p.Status == PaymentRecordStatus.Succeeded).Sum(p => p.Amount);
    public long TicketsPaid => Payments.Where(p => p.Status == PaymentRecordStatus.Succeeded).Sum(p => p.Tickets);
    public long PaidAmount => WxPaymentAmount + TicketPaymentAmount;
    public long RefundedAmount => Refunds.Where(r => r.Status == RefundStatus.Succeeded).Sum(r => r.Amount);
    public long RefundedTickets => Refunds.Where(r => r.Status == RefundStatus.Succeeded).Sum(r => r.Tickets);

    /// <summary>An unpaid order blocks the user's scans (§1.6, decision 11).</summary>
    public bool Unpaid => PaymentStatus is VendingPaymentStatus.AwaitingReview or VendingPaymentStatus.Paying or VendingPaymentStatus.Failed;

    public PaymentRecord? LastPayment => Payments.Count > 0 ? Payments[^1] : null;

    public PaymentRecord? Payment(string paymentNo) => Payments.FirstOrDefault(p => p.PaymentNo == paymentNo);

    public static VendingOrderState? Evolve(VendingOrderState? s, object e)
    {
        if (e is VendingOrderRecorded r)
            return new(r.OrderNo, r.OrderType, r.WheatOrderNo, r.RelatedOrderNo, r.SessionNo, r.UserId, r.DeviceCode, r.StoreCode, r.OrderTime, r.At,
                r.PaymentType, r.Items, r.TotalAmount, VendingPaymentStatus.Paying, null, null, null, null, null, [], [], [], []);
        if (s is null) return s;
        return e switch
        {
            ExceptionOrderRaised x => s with { PaymentStatus = VendingPaymentStatus.AwaitingReview, ExceptionKind = x.ExceptionKind, ExceptionReason = x.ExceptionReason, ReviewStatus = Vending.ReviewStatus.Pending },
            ExceptionOrderApproved a => s with { ReviewStatus = Vending.ReviewStatus.Approved, UserId = a.UserId ?? s.UserId, PaymentType = a.PaymentType ?? s.PaymentType },
            ExceptionOrderVoided => s with { ReviewStatus = Vending.ReviewStatus.Voided, PaymentStatus = VendingPaymentStatus.Voided },
            SupplementaryOrderSuperseded => s with { PaymentStatus = VendingPaymentStatus.Voided },
            PaymentNotRequired => s with { PaymentStatus = VendingPaymentStatus.NotRequired },
            ChargeStarted c => s with
            {
                PaymentStatus = VendingPaymentStatus.Paying, FailureReason = null, PaymentType = c.PaymentType,
                Payments = s.Payment(c.PaymentNo) is { } reused
                    ? Replace(s.Payments, reused with { Amount = c.Amount, Tickets = c.Tickets, Status = PaymentRecordStatus.Pending, FailureReason = null })
                    : [.. s.Payments, new PaymentRecord(c.PaymentNo, c.PaymentType, c.Amount, c.Tickets, PaymentRecordStatus.Pending, null, null, c.At, null, c.ServiceOrderRiskFund is not null, false, false, c.ServiceOrderRiskFund)],
            },
            PaymentSucceeded p => s with
            {
                PaymentStatus = VendingPaymentStatus.Paid, FailureReason = null, PaidAt = s.PaidAt ?? p.PaidAt, PaymentType = p.PaymentType,
                Payments = Update(s.Payments, p.PaymentNo, x => x with { Status = PaymentRecordStatus.Succeeded, FailureReason = null, Amount = p.Amount, Tickets = p.Tickets,
                    WechatTransactionId = p.WechatTransactionId, SucceededAt = p.PaidAt }),
            },
            PaymentFailed f => s.Payment(f.PaymentNo) is { Status: PaymentRecordStatus.Succeeded } ? s : s with
            {
                PaymentStatus = VendingPaymentStatus.Failed, FailureReason = f.Reason,
                Payments = Update(s.Payments, f.PaymentNo, x => x with { Status = PaymentRecordStatus.Failed, FailureReason = f.Reason }),
            },
            PayScoreOrderCreated c => s with { Payments = Update(s.Payments, c.PaymentNo, x => x with { ServiceOrderCreated = true, RiskFundAmount = c.RiskFundAmount }) },
            PayScoreOrderCompleted c => s with { Payments = Update(s.Payments, c.PaymentNo, x => x with { ServiceOrderCreated = true, ServiceOrderCompleted = true, Amount = c.TotalAmount }) },
            PayScoreOrderModified m => s with { Payments = Update(s.Payments, m.PaymentNo, x => x with { Amount = m.TotalAmount }) },
            PayScoreOrderCancelled c => s with { Payments = Update(s.Payments, c.PaymentNo, x => x with { ServiceOrderCancelled = true }) },
            OrderCorrected c => s with
            {
                OrderType = s.OrderType == VendingOrderType.Normal ? VendingOrderType.Corrected : s.OrderType,
                Items = Corrected(s.Items, c.Lines), TotalAmount = c.NewTotal,
                Corrections = [.. s.Corrections, new CorrectionRecord(c, null)],
                SupplementaryOrderNos = c.SupplementaryOrderNo is { } no ? [.. s.SupplementaryOrderNos, no] : s.SupplementaryOrderNos,
            },
            RefundRequested q => s with
            {
                Refunds = [.. s.Refunds, new RefundRecord(q.RefundNo, q.Method, q.PaymentNo, q.Amount, q.Tickets, RefundStatus.Pending, null, q.At, null, q.CorrectionId, q.Lines)],
            },
            RefundSucceeded ok => s with { Refunds = UpdateRefund(s.Refunds, ok.RefundNo, x => x with { Status = RefundStatus.Succeeded, Method = ok.Method, WechatRefundId = ok.WechatRefundId, SucceededAt = ok.SucceededAt }) },
            RefundFailed ko => s with { Refunds = UpdateRefund(s.Refunds, ko.RefundNo, x => x.Status == RefundStatus.Succeeded ? x : x with { Status = RefundStatus.Failed }) },
            _ => s,
        };
    }

    /// <summary>The order's lines after a correction: quantities set, added products appended, lines at 0 kept out.</summary>
    public static IReadOnlyList<OrderItem> Corrected(IReadOnlyList<OrderItem> items, IReadOnlyList<CorrectionLine> lines)
    {
        var result = new List<OrderItem>();
        foreach (var item in items)
        {
            var line = lines.FirstOrDefault(l => l.ProductCode == item.ProductCode && l.UnitPrice == item.UnitPrice);
            var quantity = line?.NewQuantity ?? item.Quantity;
            if (quantity > 0) result.Add(item with { Quantity = quantity, Amount = quantity * item.UnitPrice });
        }
        foreach (var added in lines.Where(l => l.PreviousQuantity == 0 && l.NewQuantity > 0 && !items.Any(i => i.ProductCode == l.ProductCode && i.UnitPrice == l.UnitPrice)))
            result.Add(new OrderItem(added.ProductCode, added.ProductName, added.NewQuantity, added.UnitPrice, added.NewQuantity * added.UnitPrice, true));
        return result;
    }

    private static IReadOnlyList<PaymentRecord> Replace(IReadOnlyList<PaymentRecord> payments, PaymentRecord payment) =>
        payments.Select(p => p.PaymentNo == payment.PaymentNo ? payment : p).ToList();

    private static IReadOnlyList<PaymentRecord> Update(IReadOnlyList<PaymentRecord> payments, string paymentNo, Func<PaymentRecord, PaymentRecord> change) =>
        payments.Select(p => p.PaymentNo == paymentNo ? change(p) : p).ToList();

    private static IReadOnlyList<RefundRecord> UpdateRefund(IReadOnlyList<RefundRecord> refunds, string refundNo, Func<RefundRecord, RefundRecord> change) =>
        refunds.Select(r => r.RefundNo == refundNo ? change(r) : r).ToList();
}
