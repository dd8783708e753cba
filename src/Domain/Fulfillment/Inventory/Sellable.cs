using Cabinets.Domain.Fulfillment.Catalog;

namespace Cabinets.Domain.Fulfillment.Inventory;

/// <summary>A bundle part's share of the sellable quantity (§2.8): its material's sellable and how many bundles that makes.</summary>
public sealed record SellablePart(string BasicMaterialCode, int PerBundle, int Sellable, int Bundles);

/// <summary>
/// The sellable quantity of a sales material in a shop, with what it is made of: on hand and branch
/// freeze over the shop's branches, the shop freeze over every shop those branches supply.
/// </summary>
public sealed record SellableStock(string ShopCode, string SalesMaterialCode, int Sellable, int OnHand, int GlobalShopFreeze, int BranchFreeze,
    IReadOnlyList<BranchStockState> Branches, IReadOnlyList<SellablePart> Parts);

/// <summary>
/// 可售库存 (FULFILLMENT.md §2.8, L2542-2552): sellable(s,m) = Σ_{b∈B(s)} onHand(b,m) − Σ_{s'∈S(s)} shopFreeze(s',m)
/// − Σ_{b∈B(s)} branchFreeze(b,m), with B(s) the online SHIPPING branches linked to s and S(s) every shop
/// linked to one of them (全局预占). In transit does not count. It may read negative (oversold); the
/// write-back sends 0. A bundle sells min over its parts of ⌊sellable(part)/quantity⌋.
/// </summary>
public static class SellableStocks
{
    /// <summary>B(s): the branches whose stock shop <paramref name="shopCode"/> sells.</summary>
    public static IReadOnlyList<BranchState> BranchesOf(string shopCode, IEnumerable<BranchState> branches) =>
        branches.Where(b => b.SuppliesForSale(shopCode)).OrderBy(b => b.BranchCode, StringComparer.Ordinal).ToList();

    /// <summary>S(s): every shop supplied by one of <paramref name="branches"/> (the shop itself among them).</summary>
    public static IReadOnlyList<string> ShopsSharing(IEnumerable<BranchState> branches) =>
        branches.SelectMany(b => b.LinkedShopCodes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static SellableStock Of(string shopCode, SalesMaterialState material, IReadOnlyList<BranchState> supplying, IReadOnlyList<string> sharing, IStockLevels levels)
    {
        var parts = material.Components.Select(c =>
        {
            var sellable = OfBasic(c.BasicMaterialCode, supplying, sharing, levels);
            return new SellablePart(c.BasicMaterialCode, c.Quantity, sellable, FloorDivide(sellable, c.Quantity));
        }).ToList();
        var stocks = supplying.SelectMany(b => material.Components.Select(c => levels.Branch(b.BranchCode, c.BasicMaterialCode))).ToList();
        var single = material.Components.Count == 1 && material.Components[0].Quantity == 1;
        return new SellableStock(shopCode, material.Code, parts.Count == 0 ? 0 : parts.Min(p => p.Bundles),
            single ? stocks.Sum(s => s.OnHand) : 0,
            single ? sharing.Sum(s => levels.Shop(s, material.Components[0].BasicMaterialCode).Frozen) : 0,
            single ? stocks.Sum(s => s.BranchFreeze) : 0,
            stocks, parts);
    }

    /// <summary>sellable(s, m) of one basic material.</summary>
    public static int OfBasic(string basicMaterialCode, IReadOnlyList<BranchState> supplying, IReadOnlyList<string> sharing, IStockLevels levels)
    {
        long onHand = 0, branchFreeze = 0, shopFreeze = 0;
        foreach (var b in supplying)
        {
            var stock = levels.Branch(b.BranchCode, basicMaterialCode);
            onHand += stock.OnHand;
            branchFreeze += stock.BranchFreeze;
        }
        foreach (var s in sharing) shopFreeze += levels.Shop(s, basicMaterialCode).Frozen;
        return (int)Math.Clamp(onHand - shopFreeze - branchFreeze, int.MinValue, int.MaxValue);
    }

    /// <summary>⌊a/b⌋ also for a negative sellable (an oversold part makes no bundle, and reads negative).</summary>
    private static int FloorDivide(int a, int b) => (int)Math.Floor((double)a / b);
}
