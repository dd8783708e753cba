using Cabinets.Api.Commands;
using Cabinets.Domain.Deciding;
using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Orders;
using Cabinets.Projections.Fulfillment;
using Marten;

namespace Cabinets.Api.Fulfillment.Handlers;

public sealed record RecordChannelPaymentCommand(string ShopCode, string Tid, string PaymentId, long AmountFen, string? PaymentName, DateTimeOffset PaidAt, DateTimeOffset Now);

public sealed record FailChannelPaymentCommand(string ShopCode, string PaymentId, DateTimeOffset Now);

/// <summary>Which order a channel payment belongs to (`{shop}:{payment_id}`), for its later status update.</summary>
public sealed class ChannelPaymentReference
{
    public string Id { get; set; } = "";

    public string OrderStreamId { get; set; } = "";

    public static string IdOf(string shopCode, string paymentId) => $"{shopCode}:{paymentId}";
}

/// <summary>`ome.payment.add` (§2.1): the order's stream, decided by <see cref="OrderPayments"/>; the answer is the payment id.</summary>
public static class RecordChannelPaymentCommandHandler
{
    public static async Task<CommandOutcome> Handle(RecordChannelPaymentCommand c, IDocumentSession session, CancellationToken ct)
    {
        var streamId = FulfillmentEventNames.Order(c.ShopCode, c.Tid);
        var stream = await session.Events.FetchForWriting<ChannelOrderSnapshot>(streamId, ct);
        var decision = OrderPayments.Add(stream.Aggregate?.State, c.PaymentId, c.AmountFen, c.PaymentName, c.PaidAt, c.Now);
        if (decision.Error is { } error) return new CommandOutcome.Rejected(error);
        if (decision.Events.Count > 0)
        {
            stream.AppendMany(decision.Events.ToArray());
            session.Store(new ChannelPaymentReference { Id = ChannelPaymentReference.IdOf(c.ShopCode, c.PaymentId), OrderStreamId = streamId });
        }
        return new CommandOutcome.Accepted(c.PaymentId, decision.Events.Count);
    }
}

/// <summary>`ome.payment.status_update` with `failed` (§2.1): the payment no longer counts.</summary>
public static class FailChannelPaymentCommandHandler
{
    public static async Task<CommandOutcome> Handle(FailChannelPaymentCommand c, IDocumentSession session, CancellationToken ct)
    {
        var reference = await session.LoadAsync<ChannelPaymentReference>(ChannelPaymentReference.IdOf(c.ShopCode, c.PaymentId), ct);
        if (reference is null) return new CommandOutcome.Rejected(new DomainError(Domain.Fulfillment.Catalog.FulfillmentErrors.NotFound, $"no payment {c.PaymentId}", "payment_id"));
        var stream = await session.Events.FetchForWriting<ChannelOrderSnapshot>(reference.OrderStreamId, ct);
        var decision = OrderPayments.Fail(stream.Aggregate?.State, c.PaymentId, c.Now);
        if (decision.Error is { } error) return new CommandOutcome.Rejected(error);
        stream.AppendMany(decision.Events.ToArray());
        return new CommandOutcome.Accepted(c.PaymentId, decision.Events.Count);
    }
}

public sealed record ApplyChannelRefundCommand(string ShopCode, string Tid, string RefundId, long AmountFen, bool Full, string? Reason, DateTimeOffset Now);

/// <summary>`ome.refund.add` (§2.9): the order's stream and its deliveries', decided by <see cref="OrderPayments.Refund"/>.</summary>
public static class ApplyChannelRefundCommandHandler
{
    public static async Task<CommandOutcome> Handle(ApplyChannelRefundCommand c, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ChannelOrderSnapshot>(FulfillmentEventNames.Order(c.ShopCode, c.Tid), ct);
        var order = stream.Aggregate?.State;
        var deliveries = new Dictionary<string, JasperFx.Events.IEventStream<DeliverySnapshot>>(StringComparer.Ordinal);
        foreach (var id in order?.DeliveryIds ?? []) deliveries[id] = await session.Events.FetchForWriting<DeliverySnapshot>(FulfillmentEventNames.Delivery(id), ct);
        var decision = OrderPayments.Refund(order, deliveries.Values.Select(d => d.Aggregate?.State).OfType<DeliveryState>().ToList(), c.RefundId, c.AmountFen, c.Full, c.Reason, c.Now);
        if (decision.Error is { } error) return new CommandOutcome.Rejected(error);
        foreach (var e in decision.Events)
            if (e is DeliveryPaused paused) deliveries[paused.DeliveryId].AppendOne(e);
            else stream.AppendOne(e);
        return new CommandOutcome.Accepted(c.RefundId, decision.Events.Count);
    }
}
