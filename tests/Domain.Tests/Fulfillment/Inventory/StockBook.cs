using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Inventory;

namespace Cabinets.Domain.Tests.Fulfillment.Inventory;

/// <summary>The stock streams in memory: the levels a step reads, and the moves it returns applied as the store would fold them.</summary>
internal sealed class StockBook : IStockLevels
{
    private readonly Dictionary<string, BranchStockState> branches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ShopFreezeState> shops = new(StringComparer.Ordinal);

    public List<object> Events { get; } = [];

    public BranchStockState Branch(string branchCode, string basicMaterialCode) =>
        branches.GetValueOrDefault(FulfillmentEventNames.BranchStock(branchCode, basicMaterialCode)) ?? BranchStockState.Empty(branchCode, basicMaterialCode);

    public ShopFreezeState Shop(string shopCode, string basicMaterialCode) =>
        shops.GetValueOrDefault(FulfillmentEventNames.ShopFreeze(shopCode, basicMaterialCode)) ?? new ShopFreezeState(shopCode, basicMaterialCode, 0);

    public IEnumerable<BranchStockState> AllBranchStocks => branches.Values;

    public IEnumerable<ShopFreezeState> AllShopFreezes => shops.Values;

    public StockBook Apply(IEnumerable<StockMove> moves)
    {
        foreach (var move in moves)
        {
            Events.Add(move.Event);
            if (move.StreamId.StartsWith("fulfillment-branch-stock-", StringComparison.Ordinal))
                branches[move.StreamId] = BranchStockState.Evolve(branches.GetValueOrDefault(move.StreamId), move.Event)!;
            else
                shops[move.StreamId] = ShopFreezeState.Evolve(shops.GetValueOrDefault(move.StreamId), move.Event)!;
        }
        return this;
    }
}
