using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.Inventory;

namespace Cabinets.Domain.Tests.Fulfillment.Inventory;

/// <summary>可售库存 (§2.8): which branches and which shops' freezes count, bundles as the minimum over their parts.</summary>
public sealed class SellableTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private static BranchState Branch(string code, bool online = true, BranchRole role = BranchRole.Shipping, params string[] shops) =>
        new(code, code, WmsType.Own, null, online, role, shops, null);

    private static StockBook Book(params (string Branch, string Material, int OnHand)[] stock)
    {
        var book = new StockBook();
        foreach (var (branch, material, onHand) in stock)
        {
            book.Apply(StockMovements.InTransitAdded(branch, "PR-" + branch, [new StockLine(material, onHand)], Now));
            book.Apply(StockMovements.Received(book, branch, "PR-" + branch, [new StockLine(material, onHand)], Now));
        }
        return book;
    }

    private static SalesMaterialState Normal(string material) => new("SKU-" + material, material, SalesMaterialType.Normal, [new SalesComponent(material, 1)]);

    [Fact]
    public void only_online_shipping_branches_linked_to_the_shop_count_and_in_transit_does_not()
    {
        var branches = new[]
        {
            Branch("B1", shops: ["S1"]), Branch("B2", shops: ["S1", "S2"]),
            Branch("B3", online: false, shops: ["S1"]), Branch("B4", role: BranchRole.Stocking, shops: ["S1"]), Branch("B5", shops: ["S2"]),
        };
        var book = Book(("B1", "M1", 10), ("B2", "M1", 5), ("B3", "M1", 100), ("B4", "M1", 100), ("B5", "M1", 100));
        book.Apply(StockMovements.InTransitAdded("B1", "PR9", [new StockLine("M1", 50)], Now));
        var supplying = SellableStocks.BranchesOf("S1", branches);
        supplying.Select(b => b.BranchCode).ShouldBe(["B1", "B2"]);
        SellableStocks.OfBasic("M1", supplying, SellableStocks.ShopsSharing(supplying), book).ShouldBe(15);
    }

    [Fact]
    public void every_shop_sharing_a_branch_holds_its_freeze_against_the_others_and_review_freezes_count_too()
    {
        var branches = new[] { Branch("B1", shops: ["S1", "S2"]) };
        var book = Book(("B1", "M1", 10));
        book.Apply(StockMovements.FreezeForShop("S2", "O1", [new StockLine("M1", 3)], ShopFreezeCause.OrderCreated, Now).Events);
        book.Apply(StockMovements.FreezeForShop("S1", "O2", [new StockLine("M1", 2)], ShopFreezeCause.OrderCreated, Now).Events);
        book.Apply(StockMovements.DeliveryCreated(book, "S1", "B1", "O2", "D1", [new StockLine("M1", 2)], Now).Events);
        var supplying = SellableStocks.BranchesOf("S1", branches);
        var sellable = SellableStocks.Of("S1", Normal("M1"), supplying, SellableStocks.ShopsSharing(supplying), book);
        (sellable.Sellable, sellable.OnHand, sellable.GlobalShopFreeze, sellable.BranchFreeze).ShouldBe((5, 10, 3, 2)); // 10 − 3 (S2's order) − 2 (in a delivery)
    }

    [Fact]
    public void a_bundle_sells_the_fewest_whole_sets_its_parts_make()
    {
        var branches = new[] { Branch("B1", shops: ["S1"]) };
        var book = Book(("B1", "M1", 10), ("B1", "M2", 7));
        var bundle = new SalesMaterialState("GIFTBOX", "礼盒", SalesMaterialType.Bundle, [new SalesComponent("M1", 2), new SalesComponent("M2", 3)]);
        var sellable = SellableStocks.Of("S1", bundle, branches, ["S1"], book);
        sellable.Sellable.ShouldBe(2); // M1: 10/2 = 5 sets, M2: ⌊7/3⌋ = 2 sets
        sellable.Parts.ShouldBe([new SellablePart("M1", 2, 10, 5), new SellablePart("M2", 3, 7, 2)]);
    }

    [Fact]
    public void an_oversold_material_reads_negative()
    {
        var branches = new[] { Branch("B1", shops: ["S1"]) };
        var book = Book(("B1", "M1", 1));
        book.Apply(StockMovements.FreezeForShop("S1", "O1", [new StockLine("M1", 3)], ShopFreezeCause.OrderCreated, Now).Events);
        SellableStocks.OfBasic("M1", branches, ["S1"], book).ShouldBe(-2);
        SellableStocks.Of("S1", new SalesMaterialState("PAIR", "两件", SalesMaterialType.Bundle, [new SalesComponent("M1", 2), new SalesComponent("M9", 1)]), branches, ["S1"], book)
            .Sellable.ShouldBe(-1); // ⌊−2/2⌋
    }
}
