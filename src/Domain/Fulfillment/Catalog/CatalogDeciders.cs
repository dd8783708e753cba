using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Fulfillment.Catalog;

/// <summary>`registerShop`; the Api seals the token before it is a command (the clear token is never in a message or an event).</summary>
public sealed record RegisterShop(string ShopCode, string Name, Platform Platform, string NodeId, string SealedToken, DateTimeOffset Now);

public sealed record SetShopStockWriteBack(string ShopCode, bool Enabled, DateTimeOffset Now);

public sealed record RegisterBasicMaterial(string Code, string Name, string? Barcode, int? WeightGrams, DateTimeOffset Now);

/// <summary>`registerSalesMaterial`; <paramref name="KnownBasicMaterials"/> are the components' codes that exist (the handler looks them up).</summary>
public sealed record RegisterSalesMaterial(string Code, string Name, SalesMaterialType Type, IReadOnlyList<SalesComponent> Components,
    IReadOnlySet<string> KnownBasicMaterials, DateTimeOffset Now);

/// <summary>`registerBranch`; <paramref name="KnownShops"/> are the linked shops that exist.</summary>
public sealed record RegisterBranch(string BranchCode, string Name, WmsType WmsType, string? WmsCode, bool Online, BranchRole Role,
    IReadOnlyList<string> LinkedShopCodes, string? DefaultLogisticsCode, IReadOnlySet<string> KnownShops, DateTimeOffset Now);

/// <summary>
/// The master data of FULFILLMENT.md §1.1-1.3 and §4b.1: codes unique and immutable, texts within
/// their lengths, a sales material's components existing basic materials (a NORMAL or GIFT one
/// exactly one, a BUNDLE at least two distinct ones), a THIRD_PARTY branch naming its WMS.
/// </summary>
public static class FulfillmentCatalogDecider
{
    public static Decision<object> Shop(RegisterShop c, ShopState? state)
    {
        var invalid = FulfillmentErrors.Code("shopCode", c.ShopCode) ?? FulfillmentErrors.Text("name", c.Name, 100)
            ?? FulfillmentErrors.Defined(c.Platform, "platform") ?? FulfillmentErrors.Text("nodeId", c.NodeId, 100)
            ?? (string.IsNullOrEmpty(c.SealedToken) ? new DomainError(FulfillmentErrors.Validation, "a token is required", "token") : null);
        if (invalid is not null) return invalid;
        if (state is not null) return Decision<object>.Reject(FulfillmentErrors.CodeTaken, $"shop {c.ShopCode} exists", "shopCode");
        return Decision<object>.Accept(new ShopRegistered(c.ShopCode, c.Name.Trim(), c.Platform, c.NodeId.Trim(), c.SealedToken, c.Now));
    }

    public static Decision<object> WriteBack(SetShopStockWriteBack c, ShopState? state) =>
        state is null ? Decision<object>.Reject(FulfillmentErrors.NotFound, $"no shop {c.ShopCode}", "shopCode")
        : state.StockWriteBack == c.Enabled ? Decision<object>.Accept()
        : Decision<object>.Accept(new ShopStockWriteBackSwitched(c.ShopCode, c.Enabled, c.Now));

    public static Decision<object> BasicMaterial(RegisterBasicMaterial c, BasicMaterialState? state)
    {
        var invalid = FulfillmentErrors.Code("code", c.Code) ?? FulfillmentErrors.Text("name", c.Name, 100)
            ?? (c.Barcode is null ? null : FulfillmentErrors.Text("barcode", c.Barcode, 64))
            ?? (c.WeightGrams is < 0 or > 1_000_000 ? new DomainError(FulfillmentErrors.Validation, "0 to 1,000,000 grams", "weightGrams") : null);
        if (invalid is not null) return invalid;
        if (state is not null) return Decision<object>.Reject(FulfillmentErrors.CodeTaken, $"basic material {c.Code} exists", "code");
        return Decision<object>.Accept(new BasicMaterialRegistered(c.Code, c.Name.Trim(), c.Barcode?.Trim(), c.WeightGrams, c.Now));
    }

    public static Decision<object> SalesMaterial(RegisterSalesMaterial c, SalesMaterialState? state)
    {
        var invalid = FulfillmentErrors.Code("code", c.Code) ?? FulfillmentErrors.Text("name", c.Name, 100) ?? FulfillmentErrors.Defined(c.Type, "type");
        if (invalid is not null) return invalid;
        var single = c.Type is SalesMaterialType.Normal or SalesMaterialType.Gift;
        if (single ? c.Components.Count != 1 : c.Components.Count < 2)
            return Decision<object>.Reject(FulfillmentErrors.Validation, single ? "a NORMAL or GIFT sales material has exactly one component" : "a BUNDLE has two components or more", "components");
        for (var i = 0; i < c.Components.Count; i++)
        {
            var part = c.Components[i];
            if (FulfillmentErrors.Quantity($"components[{i}].quantity", part.Quantity, 999) is { } bad) return bad;
            if (c.Components.Take(i).Any(p => p.BasicMaterialCode == part.BasicMaterialCode))
                return Decision<object>.Reject(FulfillmentErrors.Validation, "each basic material once", $"components[{i}].basicMaterialCode");
            if (!c.KnownBasicMaterials.Contains(part.BasicMaterialCode))
                return Decision<object>.Reject(FulfillmentErrors.NotFound, $"no basic material {part.BasicMaterialCode}", $"components[{i}].basicMaterialCode");
        }
        if (state is not null) return Decision<object>.Reject(FulfillmentErrors.CodeTaken, $"sales material {c.Code} exists", "code");
        return Decision<object>.Accept(new SalesMaterialRegistered(c.Code, c.Name.Trim(), c.Type, c.Components, c.Now));
    }

    public static Decision<object> Branch(RegisterBranch c, BranchState? state)
    {
        var invalid = FulfillmentErrors.Code("branchCode", c.BranchCode) ?? FulfillmentErrors.Text("name", c.Name, 100)
            ?? FulfillmentErrors.Defined(c.WmsType, "wmsType") ?? FulfillmentErrors.Defined(c.Role, "role")
            ?? (c.WmsType == WmsType.ThirdParty ? FulfillmentErrors.Code("wmsCode", c.WmsCode) : null)
            ?? (c.DefaultLogisticsCode is null ? null : FulfillmentErrors.Code("defaultLogisticsCode", c.DefaultLogisticsCode));
        if (invalid is not null) return invalid;
        for (var i = 0; i < c.LinkedShopCodes.Count; i++)
            if (!c.KnownShops.Contains(c.LinkedShopCodes[i]))
                return Decision<object>.Reject(FulfillmentErrors.NotFound, $"no shop {c.LinkedShopCodes[i]}", $"linkedShopCodes[{i}]");
        if (state is not null) return Decision<object>.Reject(FulfillmentErrors.CodeTaken, $"branch {c.BranchCode} exists", "branchCode");
        return Decision<object>.Accept(new BranchRegistered(c.BranchCode, c.Name.Trim(), c.WmsType, c.WmsType == WmsType.ThirdParty ? c.WmsCode : null,
            c.Online, c.Role, c.LinkedShopCodes.Distinct(StringComparer.Ordinal).ToList(), c.DefaultLogisticsCode, c.Now));
    }
}
