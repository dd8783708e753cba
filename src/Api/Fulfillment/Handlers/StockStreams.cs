using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Inventory;
using Cabinets.Projections.Fulfillment;
using Marten;
using JasperFx.Events;

namespace Cabinets.Api.Fulfillment.Handlers;

/// <summary>
/// The stock streams a step reads, loaded for writing (ADR-0034): each stream's version becomes the
/// expected version of what the step appends, so two steps racing for the same units conflict at
/// commit and the loser decides again on the new quantities. A stream never written reads as zero.
/// </summary>
internal sealed class StockStreams(IDocumentSession session) : IStockLevels
{
    private readonly Dictionary<string, IEventStream<BranchStockSnapshot>> branches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IEventStream<ShopFreezeSnapshot>> shops = new(StringComparer.Ordinal);

    public async Task LoadBranchAsync(string branchCode, IEnumerable<string> basicMaterialCodes, CancellationToken ct)
    {
        foreach (var code in basicMaterialCodes.Distinct(StringComparer.Ordinal))
        {
            var id = FulfillmentEventNames.BranchStock(branchCode, code);
            if (!branches.ContainsKey(id)) branches[id] = await session.Events.FetchForWriting<BranchStockSnapshot>(id, ct);
        }
    }

    public async Task LoadShopAsync(string shopCode, IEnumerable<string> basicMaterialCodes, CancellationToken ct)
    {
        foreach (var code in basicMaterialCodes.Distinct(StringComparer.Ordinal))
        {
            var id = FulfillmentEventNames.ShopFreeze(shopCode, code);
            if (!shops.ContainsKey(id)) shops[id] = await session.Events.FetchForWriting<ShopFreezeSnapshot>(id, ct);
        }
    }

    public BranchStockState Branch(string branchCode, string basicMaterialCode) =>
        Loaded(branches, FulfillmentEventNames.BranchStock(branchCode, basicMaterialCode)).Aggregate?.ToState() ?? BranchStockState.Empty(branchCode, basicMaterialCode);

    public ShopFreezeState Shop(string shopCode, string basicMaterialCode) =>
        Loaded(shops, FulfillmentEventNames.ShopFreeze(shopCode, basicMaterialCode)).Aggregate?.ToState() ?? new ShopFreezeState(shopCode, basicMaterialCode, 0);

    /// <summary>Appends each move to its loaded stream, in order.</summary>
    public void Append(IEnumerable<StockMove> moves)
    {
        foreach (var move in moves)
        {
            if (branches.TryGetValue(move.StreamId, out var branch)) branch.AppendOne(move.Event);
            else Loaded(shops, move.StreamId).AppendOne(move.Event);
        }
    }

    private static IEventStream<T> Loaded<T>(Dictionary<string, IEventStream<T>> streams, string id) where T : class =>
        streams.TryGetValue(id, out var stream) ? stream : throw new InvalidOperationException($"stock stream {id} was not loaded before the step read it");
}
