using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.Inventory;
using Cabinets.Projections.Fulfillment;
using Marten;

namespace Cabinets.Api.Fulfillment.Stock;

/// <summary>
/// `sellableStock` (FULFILLMENT.md §2.8) over the inline stock snapshots, in two batched round trips:
/// the sales material and the branches, then every (branch, part) stock and every (sharing shop, part)
/// freeze by id (`bench/Fulfillment.Bench`). The arithmetic is <see cref="SellableStocks"/>'s, the same the write-back uses.
/// </summary>
public sealed class SellableQueries(IDocumentStore store)
{
    public async Task<SellableStock?> SellableAsync(string shopCode, string salesMaterialCode, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var first = session.CreateBatchQuery();
        var materialLoad = first.Load<SalesMaterialSnapshot>(FulfillmentEventNames.SalesMaterial(salesMaterialCode));
        var branchesLoad = first.Query<BranchSnapshot>().ToList();
        await first.Execute(ct);
        if ((await materialLoad)?.State is not { } material) return null;
        var supplying = SellableStocks.BranchesOf(shopCode, (await branchesLoad).Select(b => b.State).OfType<BranchState>());
        var sharing = SellableStocks.ShopsSharing(supplying);
        var parts = material.Components.Select(c => c.BasicMaterialCode).ToList();

        var stockIds = supplying.SelectMany(b => parts.Select(p => FulfillmentEventNames.BranchStock(b.BranchCode, p))).ToArray();
        var freezeIds = sharing.SelectMany(s => parts.Select(p => FulfillmentEventNames.ShopFreeze(s, p))).ToArray();
        if (stockIds.Length == 0) return SellableStocks.Of(shopCode, material, supplying, sharing, new Levels([], []));
        var second = session.CreateBatchQuery();
        var stocksLoad = second.LoadMany<BranchStockSnapshot>().ById(stockIds);
        var freezesLoad = second.LoadMany<ShopFreezeSnapshot>().ById(freezeIds);
        await second.Execute(ct);
        var levels = new Levels((await stocksLoad).ToDictionary(s => s.Id, StringComparer.Ordinal), (await freezesLoad).ToDictionary(s => s.Id, StringComparer.Ordinal));
        return SellableStocks.Of(shopCode, material, supplying, sharing, levels);
    }

    private sealed class Levels(Dictionary<string, BranchStockSnapshot> stocks, Dictionary<string, ShopFreezeSnapshot> freezes) : IStockLevels
    {
        public BranchStockState Branch(string branchCode, string basicMaterialCode) =>
            stocks.GetValueOrDefault(FulfillmentEventNames.BranchStock(branchCode, basicMaterialCode))?.ToState() ?? BranchStockState.Empty(branchCode, basicMaterialCode);

        public ShopFreezeState Shop(string shopCode, string basicMaterialCode) =>
            freezes.GetValueOrDefault(FulfillmentEventNames.ShopFreeze(shopCode, basicMaterialCode))?.ToState() ?? new ShopFreezeState(shopCode, basicMaterialCode, 0);
    }
}
