using Cabinets.Domain.Deciding;
using Cabinets.Domain.Vending.Users;

namespace Cabinets.Domain.Vending.Orders;

public sealed record CorrectionItem(string ProductCode, int Quantity);

/// <summary>A catalog product as a correction may add it (§1.8: at the ERP price).</summary>
public sealed record CatalogPrice(string ProductCode, string Name, long Price);

/// <summary>The numbers a correction may use: a 补扣 order and its payment, and refunds.</summary>
public sealed record CorrectionNumbers(string CorrectionId, string SupplementaryOrderNo, string PaymentNo, IReadOnlyList<string> RefundNos);

/// <summary>
/// `correctOrder` (§2.7): the order, its 补扣 orders (state), the catalog prices of listed products
/// not in the order, the user (for tickets) and the numbers to use.
/// </summary>
public sealed record CorrectOrder(VendingOrderState Order, IReadOnlyList<VendingOrderState> Supplementaries, IReadOnlyList<CorrectionItem> Items,
    IReadOnlyDictionary<string, CatalogPrice> Catalog, string Reason, string? ComplaintId, CorrectionNumbers Numbers, VendingUserState? User,
    string StoreName, DateTimeOffset Now);

/// <summary>
/// 多退少补 (VENDING.md §1.8, §2.7): new quantities, the delta against what was settled (paid,
/// plus paid 补扣 orders, minus refunds), then a 补扣 order (more), a refund by the original method
/// (less, WeChat payments newest first), nothing (equal), or a new amount to charge when the order
/// was never paid. One settlement at a time.
/// </summary>
public static class Corrections
{
    public static class Errors
    {
        public const string NotCorrectable = "ORDER_NOT_CORRECTABLE";
        public const string InProgress = "SETTLEMENT_IN_PROGRESS";
        public const string NoChange = "NO_CHANGE";
        public const string UnknownProduct = "UNKNOWN_PRODUCT";
        public const string NegativeQuantity = "NEGATIVE_QUANTITY";
        public const string Validation = "VALIDATION";
    }

    public static VendingEffects Correct(CorrectOrder c)
    {
        var order = c.Order;
        if (order.OrderType == VendingOrderType.Supplementary || order.PaymentStatus is VendingPaymentStatus.Voided or VendingPaymentStatus.AwaitingReview)
            return VendingEffects.Rejected(Errors.NotCorrectable, $"order {order.OrderNo} is {order.OrderType}/{order.PaymentStatus}: it cannot be corrected" +
                (order.PaymentStatus == VendingPaymentStatus.AwaitingReview ? " (review it instead)" : ""), "orderNo");
        if (InProgress(order, c.Supplementaries) is { } busy) return VendingEffects.Rejected(Errors.InProgress, busy, "orderNo");
        if (string.IsNullOrWhiteSpace(c.Reason) || c.Reason.Length > 200) return VendingEffects.Rejected(Errors.Validation, "a reason of 1-200 characters is required", "reason");
        if (Lines(order, c.Items, c.Catalog) is not { } lines) return VendingEffects.Rejected(LinesError(order, c.Items, c.Catalog)!);
        if (lines.All(l => l.PreviousQuantity == l.NewQuantity)) return VendingEffects.Rejected(Errors.NoChange, "no quantity changes", "items");

        var effects = new VendingEffects();
        var stream = VendingEventNames.Order(order.OrderNo);
        var superseded = c.Supplementaries.Where(s => s.PaymentStatus == VendingPaymentStatus.Failed).ToList();
        foreach (var s in superseded)
            effects.Append(VendingEventNames.Order(s.OrderNo), new SupplementaryOrderSuperseded(s.OrderNo, order.OrderNo, c.Numbers.CorrectionId, c.Now));

        var newItems = VendingOrderState.Corrected(order.Items, lines);
        var newTotal = newItems.Sum(i => i.Amount);
        var paidSupplementaries = c.Supplementaries.Where(s => s.PaymentStatus == VendingPaymentStatus.Paid).ToList();
        var settled = order.PaidAmount + paidSupplementaries.Sum(s => s.PaidAmount) - order.RefundedAmount;
        var reamount = order.PaymentStatus == VendingPaymentStatus.Failed;
        var delta = newTotal - settled;
        var settlement = reamount ? CorrectionSettlement.Reamount
            : delta > 0 ? CorrectionSettlement.SupplementaryCharge
            : delta < 0 ? CorrectionSettlement.Refund
            : CorrectionSettlement.None;

        var refunds = settlement == CorrectionSettlement.Refund ? RefundSources(order, paidSupplementaries, -delta, c.Numbers.RefundNos) : [];
        var corrected = new OrderCorrected(order.OrderNo, c.Numbers.CorrectionId, c.Reason.Trim(), lines, order.TotalAmount, newTotal, settled,
            reamount ? newTotal - order.TotalAmount : delta, settlement,
            settlement == CorrectionSettlement.SupplementaryCharge ? c.Numbers.SupplementaryOrderNo : null, refunds.Select(r => r.RefundNo).ToList(), c.ComplaintId, c.Now);
        effects.Append(stream, corrected);
        var after = VendingOrderState.Evolve(order, corrected)!;

        switch (settlement)
        {
            case CorrectionSettlement.SupplementaryCharge:
                Supplementary(effects, after, order.Items, superseded, delta, c);
                break;
            case CorrectionSettlement.Refund:
                Refund(effects, after, lines, refunds, c);
                break;
            case CorrectionSettlement.Reamount when newTotal == 0:
                effects.Append(stream, new PaymentNotRequired(order.OrderNo, c.Now));
                foreach (var p in order.Payments.Where(p => p.ServiceOrderCreated && !p.ServiceOrderCancelled && p.Status != PaymentRecordStatus.Succeeded))
                    effects.Send(new PayScoreCancelOrder(p.PaymentNo, order.OrderNo, "未产生消费"));
                break;
            case CorrectionSettlement.Reamount when order.LastPayment is { CompletedUnpaid: true } unpaid:
                effects.Send(new PayScoreModifyOrder(order.OrderNo, unpaid.PaymentNo, newItems, newTotal, c.Numbers.CorrectionId));
                break;
        }
        return effects.AnswerWith(corrected);
    }

    /// <summary>Why a settlement is still running (§2.7 step 3), or null.</summary>
    public static string? InProgress(VendingOrderState order, IReadOnlyList<VendingOrderState> supplementaries)
    {
        if (order.PaymentStatus == VendingPaymentStatus.Paying) return $"order {order.OrderNo} is being charged";
        if (supplementaries.FirstOrDefault(s => s.PaymentStatus == VendingPaymentStatus.Paying) is { } paying) return $"补扣 order {paying.OrderNo} is being charged";
        if (supplementaries.FirstOrDefault(s => s.PaymentStatus == VendingPaymentStatus.Failed && s.LastPayment is { CompletedUnpaid: true }) is { } waiting)
            return $"补扣 order {waiting.OrderNo} has a completed WeChat order WeChat may still deduct";
        if (order.Refunds.FirstOrDefault(r => r.Status == RefundStatus.Pending) is { } pending) return $"refund {pending.RefundNo} is pending";
        return null;
    }

    /// <summary>The correction's lines: each listed product with its previous and new quantity; null when an item is not acceptable.</summary>
    public static IReadOnlyList<CorrectionLine>? Lines(VendingOrderState order, IReadOnlyList<CorrectionItem> items, IReadOnlyDictionary<string, CatalogPrice> catalog) =>
        LinesError(order, items, catalog) is not null ? null
            : items.Select(i => order.Items.FirstOrDefault(o => o.ProductCode == i.ProductCode) is { } existing
                    ? new CorrectionLine(i.ProductCode, existing.ProductName, existing.UnitPrice, existing.Quantity, i.Quantity)
                    : new CorrectionLine(i.ProductCode, catalog[i.ProductCode].Name, catalog[i.ProductCode].Price, 0, i.Quantity))
                .ToList();

    public static DomainError? LinesError(VendingOrderState order, IReadOnlyList<CorrectionItem> items, IReadOnlyDictionary<string, CatalogPrice> catalog)
    {
        if (items.Count == 0) return new DomainError(Errors.Validation, "list at least one product", "items");
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.Quantity < 0) return new DomainError(Errors.NegativeQuantity, "a quantity is 0 or more", $"items[{i}].quantity");
            if (item.Quantity > 999) return new DomainError(Errors.Validation, "a quantity is at most 999", $"items[{i}].quantity");
            if (items.Take(i).Any(x => x.ProductCode == item.ProductCode)) return new DomainError(Errors.Validation, "each product once", $"items[{i}].productCode");
            if (!order.Items.Any(o => o.ProductCode == item.ProductCode) && !catalog.ContainsKey(item.ProductCode))
                return new DomainError(Errors.UnknownProduct, $"product {item.ProductCode} is neither in the order nor in the catalog", $"items[{i}].productCode");
        }
        return null;
    }

    /// <summary>
    /// The 补扣 order (§2.7 step 5): the per-product differences between the corrected quantities and
    /// what was settled, charged by the order's method. What was settled is the order's quantities
    /// before this correction less what superseded (failed, never paid) 补扣 orders added.
    /// </summary>
    private static void Supplementary(VendingEffects effects, VendingOrderState order, IReadOnlyList<OrderItem> before,
        IReadOnlyList<VendingOrderState> superseded, long delta, CorrectOrder c)
    {
        var unsettled = superseded.SelectMany(s => s.Items).GroupBy(i => i.ProductCode).ToDictionary(g => g.Key, g => g.Sum(i => i.Quantity), StringComparer.Ordinal);
        int Settled(string code) => (before.FirstOrDefault(i => i.ProductCode == code)?.Quantity ?? 0) - unsettled.GetValueOrDefault(code);
        var items = order.Items.Select(i => (Item: i, Difference: i.Quantity - Settled(i.ProductCode)))
            .Concat(before.Where(b => order.Items.All(i => i.ProductCode != b.ProductCode)).Select(b => (Item: b with { Quantity = 0 }, Difference: -Settled(b.ProductCode))))
            .Where(x => x.Difference != 0)
            .Select(x => new OrderItem(x.Item.ProductCode, x.Item.ProductName, x.Difference, x.Item.UnitPrice, x.Difference * x.Item.UnitPrice, x.Item.KnownProduct))
            .ToList();
        var rest = delta - items.Sum(i => i.Amount); // 0 unless what was settled is not quantities × unit prices: that difference as one line
        if (rest != 0) items.Add(new OrderItem("SETTLEMENT", "前次补扣", 1, rest, rest, false));
        var recorded = new VendingOrderRecorded(c.Numbers.SupplementaryOrderNo, VendingOrderType.Supplementary, null, order.OrderNo, null, order.UserId,
            order.DeviceCode, order.StoreCode, c.Now, order.PaymentType, items, delta, c.Now);
        effects.Start(VendingEventNames.Order(recorded.OrderNo), recorded);
        Charging.Start(effects, VendingOrderState.Evolve(null, recorded)!, order.PaymentType, delta, c.Numbers.PaymentNo, c.User, null, c.StoreName, c.Now);
    }

    public sealed record RefundSource(string RefundNo, PaymentRecord Payment, long Amount);

    /// <summary>Refunds by the original method: the order's and its 补扣 orders' payments, newest first, each up to what is not refunded yet.</summary>
    private static IReadOnlyList<RefundSource> RefundSources(VendingOrderState order, IReadOnlyList<VendingOrderState> paidSupplementaries, long amount, IReadOnlyList<string> refundNos)
    {
        var payments = paidSupplementaries.SelectMany(s => s.Payments).Concat(order.Payments)
            .Where(p => p.Status == PaymentRecordStatus.Succeeded)
            .OrderByDescending(p => p.SucceededAt).ToList();
        var sources = new List<RefundSource>();
        foreach (var payment in payments)
        {
            if (amount == 0) break;
            var refunded = order.Refunds.Where(r => r.PaymentNo == payment.PaymentNo && r.Status != RefundStatus.Failed).Sum(r => r.Amount);
            var available = payment.Amount - refunded;
            if (available <= 0) continue;
            var take = Math.Min(available, amount);
            sources.Add(new RefundSource(refundNos[sources.Count], payment, take));
            amount -= take;
        }
        // Tickets go back to one balance: one refund for all of them, under the newest ticket payment.
        var tickets = sources.Where(s => s.Payment.PaymentType == VendingPaymentType.Tickets).ToList();
        if (tickets.Count <= 1) return sources;
        var merged = tickets[0] with { Amount = tickets.Sum(t => t.Amount) };
        return [.. sources.Where(s => s.Payment.PaymentType != VendingPaymentType.Tickets || s == tickets[0]).Select(s => s == tickets[0] ? merged : s)];
    }

    private static void Refund(VendingEffects effects, VendingOrderState order, IReadOnlyList<CorrectionLine> lines, IReadOnlyList<RefundSource> sources, CorrectOrder c)
    {
        var stream = VendingEventNames.Order(order.OrderNo);
        var refundedLines = lines.Where(l => l.NewQuantity < l.PreviousQuantity)
            .Select(l => new MoneyLine(l.ProductCode, l.PreviousQuantity - l.NewQuantity, (l.PreviousQuantity - l.NewQuantity) * l.UnitPrice)).ToList();
        var user = c.User;
        for (var i = 0; i < sources.Count; i++)
        {
            var (refundNo, payment, amount) = sources[i];
            var lineShare = i == 0 ? refundedLines : [];
            if (payment.PaymentType == VendingPaymentType.Tickets)
            {
                var tickets = VendingMoney.TicketsFor(amount);
                effects.Append(stream, new RefundRequested(order.OrderNo, refundNo, RefundMethod.Tickets, payment.PaymentNo, amount, tickets, c.Numbers.CorrectionId, lineShare, c.Now));
                if (user is not null)
                {
                    var credit = VendingUserDecider.Tickets.Credit(user, tickets, order.OrderNo, refundNo, c.Now);
                    effects.Append(VendingEventNames.User(user.UserId), credit);
                    user = VendingUserState.Evolve(user, credit);
                }
                effects.Append(stream, new RefundSucceeded(order.OrderNo, refundNo, RefundMethod.Tickets, amount, tickets, null, c.Now, lineShare, order.StoreCode, order.DeviceCode, c.Now));
            }
            else
            {
                effects.Append(stream, new RefundRequested(order.OrderNo, refundNo, RefundMethod.Wechat, payment.PaymentNo, amount, 0, c.Numbers.CorrectionId, lineShare, c.Now));
                effects.Send(new WeChatRefund(order.OrderNo, refundNo, payment.PaymentNo, payment.WechatTransactionId ?? "", amount, payment.Amount));
            }
        }
    }

    /// <summary>A WeChat refund settled (its answer, its callback, or an admin's HANDLED_OUTSIDE as OFFLINE).</summary>
    public static VendingEffects RefundSettled(VendingOrderState order, string refundNo, bool succeeded, RefundMethod method, string? refundId, string? code, string? message, DateTimeOffset at, DateTimeOffset now)
    {
        var effects = new VendingEffects();
        if (order.Refunds.FirstOrDefault(r => r.RefundNo == refundNo) is not { } refund || refund.Status == RefundStatus.Succeeded) return effects;
        if (!succeeded && refund.Status == RefundStatus.Failed) return effects;
        var stream = VendingEventNames.Order(order.OrderNo);
        return succeeded
            ? effects.Append(stream, new RefundSucceeded(order.OrderNo, refundNo, method, refund.Amount, refund.Tickets, refundId, at, refund.Lines, order.StoreCode, order.DeviceCode, now))
            : effects.Append(stream, new RefundFailed(order.OrderNo, refundNo, code ?? "FAILED", message ?? "", now));
    }
}
