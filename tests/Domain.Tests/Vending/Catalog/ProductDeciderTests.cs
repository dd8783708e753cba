using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;

namespace Cabinets.Domain.Tests.Vending.Catalog;

public sealed class ProductDeciderTests : CatalogSpecs
{
    private static readonly DateTimeOffset Updated = new(2026, 11, 21, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void a_new_product_is_synced_without_a_previous_price()
    {
        var product = ProductDecider.Read(new ErpItem("P100", "牛奶", 1250, "乳品", "ENABLED", Updated), Now)!;
        ProductDecider.Decide(product, null).Events.ShouldBe([new ProductSynced("P100", "牛奶", 1250, "乳品", ProductStatus.Enabled, Updated, null, Now)]);
    }

    [Fact]
    public void the_same_product_again_records_nothing_and_a_price_change_records_the_old_price()
    {
        var state = ProductState.Evolve(null, new ProductSynced("P100", "牛奶", 1250, "乳品", ProductStatus.Enabled, Updated, null, Now));
        ProductDecider.Decide(ProductDecider.Read(new ErpItem("P100", "牛奶", 1250, "乳品", "ENABLED", Updated), Now)!, state).Events.ShouldBeEmpty();
        ProductDecider.Decide(ProductDecider.Read(new ErpItem("P100", "牛奶", 1300, "乳品", "ENABLED", Updated.AddHours(1)), Now)!, state).Events
            .ShouldHaveSingleItem().ShouldBeOfType<ProductSynced>().PreviousPrice.ShouldBe(1250);
    }

    [Fact]
    public void invalid_items_are_skipped_and_listed_and_the_last_of_a_code_wins()
    {
        var pull = ProductDecider.Sort(
        [
            new ErpItem("P100", "牛奶", 1250, "乳品", "ENABLED", Updated),
            new ErpItem(null, "无码", 100, "x", "ENABLED", Updated),
            new ErpItem("P500", "负价", -1, "x", "ENABLED", Updated),
            new ErpItem("P600", "怪状态", 100, "x", "GONE", Updated),
            new ErpItem("P100", "牛奶", 1300, "乳品", "ENABLED", Updated),
        ], Now);
        pull.Received.ShouldBe(5);
        pull.RejectedCodes.ShouldBe(["", "P500", "P600"]);
        pull.Valid.ShouldHaveSingleItem().Price.ShouldBe(1300);
    }

    [Fact]
    public void each_pull_overlaps_the_last_completed_one_by_five_minutes()
    {
        ProductDecider.UpdatedSince(null).ShouldBe(DateTimeOffset.UnixEpoch);
        ProductDecider.UpdatedSince(Now).ShouldBe(Now.AddMinutes(-5));
    }
}
