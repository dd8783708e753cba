using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Fulfillment.WriteBack;

/// <summary>
/// A stock write-back rule 库存回写规则 of type UPDATE_SHOP_STOCK (FULFILLMENT.md §2.10): for the shops in
/// <see cref="ShopCodes"/> and, when <see cref="SalesMaterialCodes"/> is not empty, only those sales
/// materials (细到每一个sku, L2536), 店铺库存 = <see cref="Formula"/> when all <see cref="Conditions"/> hold.
/// </summary>
public sealed record WriteBackRule(
    string Code,
    string Name,
    bool Enabled,
    int Priority,
    IReadOnlyList<string> ShopCodes,
    IReadOnlyList<string> SalesMaterialCodes,
    IReadOnlyList<StockCondition> Conditions,
    StockFormula Formula)
{
    public bool IsSkuScoped => SalesMaterialCodes.Count > 0;

    /// <summary>Whether the rule is written for this shop and SKU, enabled or not (codes compare ordinally).</summary>
    public bool Covers(string shopCode, string salesMaterialCode) =>
        ShopCodes.Contains(shopCode, StringComparer.Ordinal)
        && (!IsSkuScoped || SalesMaterialCodes.Contains(salesMaterialCode, StringComparer.Ordinal));

    /// <summary>What selection relies on: at least one shop, valid conditions. The formula is valid by construction.</summary>
    public DomainError? Validate() =>
        ShopCodes.Count == 0 ? WriteBackErrors.Invalid("shopCodes", "a rule applies to at least one shop")
        : StockCondition.ValidateAll(Conditions);
}
