using Cabinets.Api.Commands;
using Cabinets.Api.Vending.Ports;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Orders;
using Cabinets.Domain.Vending.Sessions;
using Cabinets.Projections.Vending.Orders;
using Cabinets.Projections.Vending.Sessions;
using Marten;
using Wolverine;

namespace Cabinets.Api.Vending.Handlers;

/// <summary>An order's stream loaded for writing, decided by <paramref name="decide"/>; an unknown order decides nothing.</summary>
internal static class OrderStream
{
    public static async Task<CommandOutcome> DecideAsync(IDocumentSession session, IMessageContext messages, string orderNo,
        Func<VendingOrderState, VendingEffects> decide, CancellationToken ct)
    {
        var streams = new StreamSet(session);
        var order = (await streams.LoadAsync<VendingOrderSnapshot>(VendingEventNames.Order(orderNo), ct))?.State;
        return order is null ? new CommandOutcome.Accepted(null, 0) : await streams.CommitAsync(decide(order), messages);
    }
}

/// <summary>`PayScoreCompleteOrder` (§2.5 step 2): WeChat now deducts on its own; rejected → the payment fails.</summary>
public static class PayScoreCompleteOrderHandler
{
    public static async Task Handle(PayScoreCompleteOrder message, IWeChatPayScore wechat, IDocumentSession session, IMessageContext messages, TimeProvider clock, CancellationToken ct)
    {
        try
        {
            await AttemptAsync(message, wechat, session, messages, clock, ct);
        }
        catch (ExternalRejectedException e)
        {
            await OrderStream.DecideAsync(session, messages, message.OrderNo,
                o => Charging.Failed(o, message.PaymentNo, PaymentFailureReason.WechatRejected, $"{e.Code}: {e.Reason}", clock.GetUtcNow()), ct);
        }
    }

    public static async Task AttemptAsync(PayScoreCompleteOrder m, IWeChatPayScore wechat, IDocumentSession session, IMessageContext messages, TimeProvider clock, CancellationToken ct)
    {
        await wechat.CompleteServiceOrderAsync(new CompleteServiceOrderRequest(m.PaymentNo, PostPayments(m.Lines, m.TotalAmount), m.TotalAmount, m.EndTime), ct);
        await OrderStream.DecideAsync(session, messages, m.OrderNo, o => Charging.Completed(o, m.PaymentNo, m.TotalAmount, clock.GetUtcNow()), ct);
    }

    /// <summary>
    /// WeChat's `post_payments` (§4.3): one entry per line, the name cut to 20 characters, the count
    /// 1-100 (larger sent as 1); a 补扣 order's differences (some negative) go as one line of its total.
    /// </summary>
    public static IReadOnlyList<PayScoreLine> PostPayments(IReadOnlyList<OrderItem> lines, long total) =>
        lines.Count == 0 || lines.Any(l => l.Quantity <= 0 || l.Amount < 0) || lines.Sum(l => l.Amount) != total
            ? [new PayScoreLine("订单补扣", total, 1)]
            : lines.Select(l => new PayScoreLine(l.ProductName.Length > 20 ? l.ProductName[..20] : l.ProductName, l.Amount, l.Quantity is >= 1 and <= 100 ? l.Quantity : 1)).ToList();
}

/// <summary>`PayScoreQueryOrder`, 15 minutes after the complete (§2.5): collected → paid; otherwise the payment fails DEDUCTION_PENDING (a later USER_PAID still pays it).</summary>
public static class PayScoreQueryOrderHandler
{
    public static async Task Handle(PayScoreQueryOrder message, IWeChatPayScore wechat, IDocumentSession session, IMessageContext messages, TimeProvider clock, CancellationToken ct)
    {
        try
        {
            await AttemptAsync(message, wechat, session, messages, clock, ct);
        }
        catch (ExternalRejectedException e)
        {
            await OrderStream.DecideAsync(session, messages, message.OrderNo,
                o => Charging.Failed(o, message.PaymentNo, PaymentFailureReason.WechatDeductionPending, $"{e.Code}: {e.Reason}", clock.GetUtcNow()), ct);
        }
    }

    public static async Task AttemptAsync(PayScoreQueryOrder m, IWeChatPayScore wechat, IDocumentSession session, IMessageContext messages, TimeProvider clock, CancellationToken ct)
    {
        var order = (await session.LoadAsync<VendingOrderSnapshot>(VendingEventNames.Order(m.OrderNo), ct))?.State;
        if (order?.Payment(m.PaymentNo) is not { Status: PaymentRecordStatus.Pending }) return; // settled meanwhile: nothing to ask
        var status = await wechat.QueryServiceOrderAsync(m.PaymentNo, ct);
        var now = clock.GetUtcNow();
        await OrderStream.DecideAsync(session, messages, m.OrderNo, o => status is { State: "DONE", CollectionState: "USER_PAID" }
            ? Charging.Paid(o, m.PaymentNo, status.PaidAmount ?? status.TotalAmount ?? 0, status.TransactionId, status.PaidTime ?? now, now)
            : Charging.Failed(o, m.PaymentNo, PaymentFailureReason.WechatDeductionPending, $"WeChat: {status.State}/{status.CollectionState ?? "-"}", now), ct);
    }
}

public static class RecordPaymentFailureHandler
{
    public static Task<CommandOutcome> Handle(RecordPaymentFailure command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        OrderStream.DecideAsync(session, messages, command.OrderNo, o => Charging.Failed(o, command.PaymentNo, command.Reason, command.Detail, command.Now), ct);
}

/// <summary>`PayScoreCancelOrder`: the service order will not be charged (no door, nothing taken, voided, replaced).</summary>
public static class PayScoreCancelOrderHandler
{
    public static Task Handle(PayScoreCancelOrder message, IWeChatPayScore wechat, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        AttemptAsync(message, wechat, session, clock, ct);

    public static async Task AttemptAsync(PayScoreCancelOrder m, IWeChatPayScore wechat, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        await wechat.CancelServiceOrderAsync(m.PaymentNo, m.Reason, ct);
        var cancelled = new PayScoreOrderCancelled(m.PaymentNo, m.Reason, clock.GetUtcNow());
        var reference = await VendingLookups.ReferenceAsync(session, m.PaymentNo, ct);
        if (m.OrderNo is not null || reference?.OrderNo is not null) session.Events.Append(VendingEventNames.Order(m.OrderNo ?? reference!.OrderNo!), cancelled);
        else if (reference?.SessionNo is { } sessionNo) session.Events.Append(VendingEventNames.Session(sessionNo), cancelled);
    }
}

/// <summary>`PayScoreModifyOrder`: a never-paid order's new amount after a correction (§2.7 step 7).</summary>
public static class PayScoreModifyOrderHandler
{
    public static Task Handle(PayScoreModifyOrder message, IWeChatPayScore wechat, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        AttemptAsync(message, wechat, session, clock, ct);

    public static async Task AttemptAsync(PayScoreModifyOrder m, IWeChatPayScore wechat, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        await wechat.ModifyServiceOrderAsync(new ModifyServiceOrderRequest(m.PaymentNo, PayScoreCompleteOrderHandler.PostPayments(m.Lines, m.TotalAmount), m.TotalAmount), ct);
        session.Events.Append(VendingEventNames.Order(m.OrderNo), new PayScoreOrderModified(m.OrderNo, m.PaymentNo, m.TotalAmount, clock.GetUtcNow()));
    }
}

/// <summary>`WeChatRefund` (§2.7 step 6): SUCCESS settles at once, PROCESSING waits for the callback, CLOSED/ABNORMAL or a rejection fail it (with a task).</summary>
public static class WeChatRefundHandler
{
    public static async Task Handle(WeChatRefund message, IWeChatRefunds wechat, IDocumentSession session, IMessageContext messages, TimeProvider clock, CancellationToken ct)
    {
        try
        {
            await AttemptAsync(message, wechat, session, messages, clock, ct);
        }
        catch (ExternalRejectedException e)
        {
            await FailAsync(message, e.Code, e.Reason, session, messages, clock, ct);
        }
    }

    public static async Task AttemptAsync(WeChatRefund m, IWeChatRefunds wechat, IDocumentSession session, IMessageContext messages, TimeProvider clock, CancellationToken ct)
    {
        var answer = await wechat.RefundAsync(new WeChatRefundRequest(m.TransactionId, m.RefundNo, m.Refund, m.Total, "订单修正退款"), ct);
        var now = clock.GetUtcNow();
        switch (answer.Status)
        {
            case "SUCCESS":
                await OrderStream.DecideAsync(session, messages, m.OrderNo,
                    o => Corrections.RefundSettled(o, m.RefundNo, true, RefundMethod.Wechat, answer.RefundId, null, null, answer.SuccessTime ?? now, now), ct);
                break;
            case "CLOSED" or "ABNORMAL":
                await FailAsync(m, answer.Status, $"WeChat answered {answer.Status}", session, messages, clock, ct);
                break;
        }
    }

    public static async Task FailAsync(WeChatRefund m, string code, string message, IDocumentSession session, IMessageContext messages, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await OrderStream.DecideAsync(session, messages, m.OrderNo, o => Corrections.RefundSettled(o, m.RefundNo, false, RefundMethod.Wechat, null, code, message, now, now), ct);
        await messages.PublishAsync(Outbound.OutboundGaveUp.OpenTask(m, ManualTaskKind.WechatRefund, 1, $"{code}: {message}", now));
    }
}

public static class RecordRefundFailureHandler
{
    public static Task<CommandOutcome> Handle(RecordRefundFailure command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        OrderStream.DecideAsync(session, messages, command.OrderNo,
            o => Corrections.RefundSettled(o, command.RefundNo, false, RefundMethod.Wechat, null, command.Code, command.Message, command.Now, command.Now), ct);
}
