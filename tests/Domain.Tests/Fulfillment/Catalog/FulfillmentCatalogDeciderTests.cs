using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Catalog;

namespace Cabinets.Domain.Tests.Fulfillment.Catalog;

/// <summary>Master data (§1.1-1.3, §4b.1): what a shop, a material and a branch must be.</summary>
public sealed class FulfillmentCatalogDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void a_sales_material_is_made_of_existing_basic_materials_one_for_normal_and_gift_several_for_a_bundle()
    {
        HashSet<string> known = ["M1", "M2"];
        RegisterSalesMaterial Sales(SalesMaterialType type, params (string Code, int Quantity)[] parts) =>
            new("SKU1", "礼盒", type, parts.Select(p => new SalesComponent(p.Code, p.Quantity)).ToList(), known, Now);
        FulfillmentCatalogDecider.SalesMaterial(Sales(SalesMaterialType.Normal, ("M1", 1), ("M2", 1)), null).Error!.Field.ShouldBe("components");
        FulfillmentCatalogDecider.SalesMaterial(Sales(SalesMaterialType.Bundle, ("M1", 2)), null).Error!.Field.ShouldBe("components");
        FulfillmentCatalogDecider.SalesMaterial(Sales(SalesMaterialType.Bundle, ("M1", 2), ("M9", 1)), null).Error!.Code.ShouldBe(FulfillmentErrors.NotFound);
        FulfillmentCatalogDecider.SalesMaterial(Sales(SalesMaterialType.Bundle, ("M1", 0), ("M2", 1)), null).Error!.Field.ShouldBe("components[0].quantity");
        FulfillmentCatalogDecider.SalesMaterial(Sales(SalesMaterialType.Bundle, ("M1", 2), ("M2", 3)), null).Events
            .ShouldBeEvents(new SalesMaterialRegistered("SKU1", "礼盒", SalesMaterialType.Bundle, [new SalesComponent("M1", 2), new SalesComponent("M2", 3)], Now));
    }

    [Fact]
    public void a_branch_links_existing_shops_and_a_third_party_one_names_its_wms()
    {
        HashSet<string> shops = ["S1"];
        RegisterBranch Branch(WmsType type, string? wms, params string[] linked) => new("B1", "一号仓", type, wms, true, BranchRole.Shipping, linked, "SF", shops, Now);
        FulfillmentCatalogDecider.Branch(Branch(WmsType.Own, null, "S9"), null).Error!.Field.ShouldBe("linkedShopCodes[0]");
        FulfillmentCatalogDecider.Branch(Branch(WmsType.ThirdParty, null, "S1"), null).Error!.Field.ShouldBe("wmsCode");
        var registered = (BranchRegistered)FulfillmentCatalogDecider.Branch(Branch(WmsType.Own, "ignored", "S1", "S1"), null).Events.Single();
        (registered.WmsCode, registered.LinkedShopCodes.Count).ShouldBe((null, 1));
    }

    [Fact]
    public void codes_are_unique_and_shops_start_with_write_back_on()
    {
        var shop = FulfillmentCatalogDecider.Shop(new RegisterShop("S1", "天猫旗舰店", Platform.Taobao, "node-1", "ps1:sealed", Now), null);
        var state = ShopState.Evolve(null, shop.Events.Single())!;
        state.StockWriteBack.ShouldBeTrue();
        FulfillmentCatalogDecider.Shop(new RegisterShop("S1", "again", Platform.Jd, "node-2", "ps1:sealed", Now), state).Error!.Code.ShouldBe(FulfillmentErrors.CodeTaken);
        FulfillmentCatalogDecider.Shop(new RegisterShop("S 1", "x", Platform.Jd, "n", "ps1:sealed", Now), null).Error!.Field.ShouldBe("shopCode");
        FulfillmentCatalogDecider.WriteBack(new SetShopStockWriteBack("S1", true, Now), state).Events.ShouldBeEmpty();
        FulfillmentCatalogDecider.WriteBack(new SetShopStockWriteBack("S1", false, Now), state).Events.Single().ShouldBe(new ShopStockWriteBackSwitched("S1", false, Now));
    }
}
