using Cabinets.Api.Commands;
using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Orders;
using Cabinets.Projections.Fulfillment;
using Marten;

namespace Cabinets.Api.Fulfillment.Handlers;

/// <summary>`reviewOrder` as the console sends it (the order by its id, the branch and logistics chosen).</summary>
public sealed record ReviewOrderCommand(string OrderId, string BranchCode, string? LogisticsCode, DateTimeOffset Now);

/// <summary>
/// Manual review (§2.7): the order's stream, the shop-freeze and branch-stock streams of its items,
/// loaded for writing, and the new delivery's stream, in one commit (<see cref="OrderReview"/>). Two
/// reviews racing for the last units conflict on the branch stock: the loser decides again and is
/// refused INSUFFICIENT_STOCK. The answer is the delivery's id.
/// </summary>
public static class ReviewOrderCommandHandler
{
    public static async Task<CommandOutcome> Handle(ReviewOrderCommand c, IDocumentSession session, FulfillmentNumbers numbers, CancellationToken ct)
    {
        var found = await session.Query<ChannelOrderSnapshot>().Where(o => o.OrderBn == c.OrderId).FirstOrDefaultAsync(ct);
        var stream = found is null ? null : await session.Events.FetchForWriting<ChannelOrderSnapshot>(found.Id, ct);
        var order = stream?.Aggregate?.State;
        var branch = await FulfillmentLookups.BranchAsync(session, c.BranchCode, ct);
        var stock = new StockStreams(session);
        var materials = order?.Items.Select(i => i.BasicMaterialCode).ToList() ?? [];
        if (order is not null) await stock.LoadShopAsync(order.ShopCode, materials, ct);
        await stock.LoadBranchAsync(c.BranchCode, materials, ct);
        var barcodes = (await session.LoadManyAsync<BasicMaterialSnapshot>(ct, materials.Select(FulfillmentEventNames.BasicMaterial).ToArray()))
            .Where(m => m.State is not null).ToDictionary(m => m.State!.Code, m => m.State!.Barcode, StringComparer.Ordinal);
        var deliveryId = order is null ? "" : await numbers.DeliveryAsync(ct);

        var decision = OrderReview.Review(new ReviewOrder(c.OrderId, c.BranchCode, c.LogisticsCode, branch, deliveryId, deliveryId, barcodes, c.Now), order, stock);
        if (decision.Error is { } error) return new CommandOutcome.Rejected(error);
        var change = decision.Events.Single();
        stream!.AppendMany(change.OrderEvents.ToArray());
        session.Events.StartStream(FulfillmentEventNames.Delivery(deliveryId), change.DeliveryEvents.ToArray());
        stock.Append(change.StockMoves);
        return new CommandOutcome.Accepted(deliveryId, change.OrderEvents.Count + change.DeliveryEvents.Count + change.StockMoves.Count);
    }
}
