namespace Cabinets.Domain.Fulfillment.Inventory;

/// <summary>One basic material in one branch (§2.8): on hand 实际库存, in transit 在途, branch freeze 仓库冻结.</summary>
public sealed record BranchStockState(string BranchCode, string BasicMaterialCode, int OnHand, int InTransit, int BranchFreeze)
{
    /// <summary>What review may take (§2.7, decided): on hand less what deliveries and transfers already hold.</summary>
    public int Available => OnHand - BranchFreeze;

    public static BranchStockState Empty(string branchCode, string basicMaterialCode) => new(branchCode, basicMaterialCode, 0, 0, 0);

    public static BranchStockState? Evolve(BranchStockState? state, object e) => e switch
    {
        BranchStockFrozen f => (state ?? Empty(f.BranchCode, f.BasicMaterialCode)) with { BranchFreeze = (state?.BranchFreeze ?? 0) + f.Quantity },
        BranchStockReleased r => (state ?? Empty(r.BranchCode, r.BasicMaterialCode)) with { BranchFreeze = (state?.BranchFreeze ?? 0) - r.Quantity },
        StockIssued i => (state ?? Empty(i.BranchCode, i.BasicMaterialCode)) with { OnHand = i.OnHandAfter },
        StockReceived r => (state ?? Empty(r.BranchCode, r.BasicMaterialCode)) with { OnHand = r.OnHandAfter },
        StockInTransitAdded a => (state ?? Empty(a.BranchCode, a.BasicMaterialCode)) with { InTransit = (state?.InTransit ?? 0) + a.Quantity },
        StockInTransitRemoved r => (state ?? Empty(r.BranchCode, r.BasicMaterialCode)) with { InTransit = (state?.InTransit ?? 0) - r.Quantity },
        _ => state,
    };
}

/// <summary>One basic material held for one shop's orders not yet in a delivery (店铺预占, §2.8).</summary>
public sealed record ShopFreezeState(string ShopCode, string BasicMaterialCode, int Frozen)
{
    public static ShopFreezeState? Evolve(ShopFreezeState? state, object e) => e switch
    {
        ShopStockFrozen f => new(f.ShopCode, f.BasicMaterialCode, (state?.Frozen ?? 0) + f.Quantity),
        ShopStockReleased r => new(r.ShopCode, r.BasicMaterialCode, (state?.Frozen ?? 0) - r.Quantity),
        _ => state,
    };
}
