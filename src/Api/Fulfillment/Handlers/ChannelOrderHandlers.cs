using Cabinets.Api.Commands;
using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.Orders;
using Cabinets.Projections.Fulfillment;
using Marten;

namespace Cabinets.Api.Fulfillment.Handlers;

/// <summary>`ome.order.add` as the channel endpoint read it (consignee sealed, body hashed).</summary>
public sealed record ReceiveChannelOrderCommand(string ShopCode, ChannelOrderInput Order, string BodySha256, DateTimeOffset Now);

/// <summary>
/// Intake (§2.1): the order's stream (keyed by shop and tid) and the shop-freeze streams of its items
/// before and after, loaded for writing and written in one commit, decided by <see cref="ChannelIntake"/>.
/// Two arrivals of one new order at once collide on the stream: the loser decides again and finds it.
/// </summary>
public static class ReceiveChannelOrderCommandHandler
{
    public static async Task<CommandOutcome> Handle(ReceiveChannelOrderCommand c, IDocumentSession session, FulfillmentNumbers numbers, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ChannelOrderSnapshot>(FulfillmentEventNames.Order(c.ShopCode, c.Order.Tid), ct);
        var state = stream.Aggregate?.State;
        var materials = (await session.LoadManyAsync<SalesMaterialSnapshot>(ct, c.Order.Lines.Select(l => l.Bn).Distinct(StringComparer.Ordinal)
                .Select(FulfillmentEventNames.SalesMaterial).ToArray()))
            .Where(m => m.State is not null).ToDictionary(m => m.State!.Code, m => m.State!, StringComparer.Ordinal);
        var stock = new StockStreams(session);
        var items = ChannelIntake.Objects(c.Order.Lines, materials).Objects.SelectMany(o => o.Items).Select(i => i.BasicMaterialCode)
            .Concat(state?.Items.Select(i => i.BasicMaterialCode) ?? []);
        await stock.LoadShopAsync(c.ShopCode, items, ct);
        var orderBn = state is null ? await numbers.OrderAsync(ct) : state.OrderBn;

        var deliveries = new Dictionary<string, JasperFx.Events.IEventStream<DeliverySnapshot>>(StringComparer.Ordinal);
        foreach (var id in state?.DeliveryIds ?? []) deliveries[id] = await session.Events.FetchForWriting<DeliverySnapshot>(FulfillmentEventNames.Delivery(id), ct);

        var decision = ChannelIntake.Receive(new ReceiveChannelOrder(c.ShopCode, c.Order, c.BodySha256, orderBn, orderBn, materials, c.Now)
            { Deliveries = deliveries.Values.Select(d => d.Aggregate?.State).OfType<DeliveryState>().ToList() }, state, stock);
        if (decision.Error is { } error) return new CommandOutcome.Rejected(error);
        var change = decision.Events.Single();
        stream.AppendMany(change.OrderEvents.ToArray());
        foreach (var (deliveryId, e) in change.DeliveryEvents) deliveries[deliveryId].AppendOne(e);
        stock.Append(change.StockMoves);
        return new CommandOutcome.Accepted(change.Answer, change.OrderEvents.Count + change.StockMoves.Count);
    }
}
