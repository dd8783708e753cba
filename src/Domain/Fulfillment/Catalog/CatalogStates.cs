namespace Cabinets.Domain.Fulfillment.Catalog;

/// <summary>A selling account on one platform (§1.1).</summary>
public sealed record ShopState(string ShopCode, string Name, Platform Platform, string NodeId, string SealedToken, bool StockWriteBack)
{
    public static ShopState? Evolve(ShopState? state, object e) => e switch
    {
        ShopRegistered r => new(r.ShopCode, r.Name, r.Platform, r.NodeId, r.SealedToken, true),
        ShopStockWriteBackSwitched s when state is not null => state with { StockWriteBack = s.Enabled },
        _ => state,
    };
}

/// <summary>What the warehouse ships (§1.2).</summary>
public sealed record BasicMaterialState(string Code, string Name, string? Barcode, int? WeightGrams)
{
    public static BasicMaterialState? Evolve(BasicMaterialState? state, object e) =>
        e is BasicMaterialRegistered r ? new(r.Code, r.Name, r.Barcode, r.WeightGrams) : state;
}

/// <summary>What the platform sells (§1.2): NORMAL and GIFT have one component, a BUNDLE several.</summary>
public sealed record SalesMaterialState(string Code, string Name, SalesMaterialType Type, IReadOnlyList<SalesComponent> Components)
{
    public static SalesMaterialState? Evolve(SalesMaterialState? state, object e) =>
        e is SalesMaterialRegistered r ? new(r.Code, r.Name, r.Type, r.Components) : state;
}

/// <summary>A warehouse (§1.3): only online SHIPPING branches count for the shops they are linked to (§2.8).</summary>
public sealed record BranchState(string BranchCode, string Name, WmsType WmsType, string? WmsCode, bool Online, BranchRole Role,
    IReadOnlyList<string> LinkedShopCodes, string? DefaultLogisticsCode)
{
    /// <summary>B(s) of §2.8: a branch whose stock a shop may sell.</summary>
    public bool SuppliesForSale(string shopCode) => Online && Role == BranchRole.Shipping && LinkedShopCodes.Contains(shopCode, StringComparer.Ordinal);

    public static BranchState? Evolve(BranchState? state, object e) =>
        e is BranchRegistered r ? new(r.BranchCode, r.Name, r.WmsType, r.WmsCode, r.Online, r.Role, r.LinkedShopCodes, r.DefaultLogisticsCode) : state;
}
