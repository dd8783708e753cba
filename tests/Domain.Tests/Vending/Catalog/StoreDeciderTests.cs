using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;

namespace Cabinets.Domain.Tests.Vending.Catalog;

public sealed class StoreDeciderTests : CatalogSpecs
{
    private static RegisterStore Register(string code = "S001", long limit = 20000, string name = "欢乐儿童店") =>
        new(code, name, StoreType.Kids, StoreProperty.Direct, "上海市徐汇区", "021-5555", limit, Now);

    [Fact]
    public void a_new_store_is_registered_enabled_with_its_limit()
    {
        var registered = StoreDecider.Decide(Register(), null).Events.ShouldHaveSingleItem().ShouldBeOfType<StoreRegistered>();
        registered.ShouldBe(S001);
        StoreState.Evolve(null, registered)!.Enabled.ShouldBeTrue();
    }

    [Fact]
    public void a_store_code_is_registered_once()
    {
        var error = StoreDecider.Decide(Register(), S001State).Error.ShouldNotBeNull();
        (error.Code, error.Field).ShouldBe((CatalogErrors.DuplicateCode, "storeCode"));
    }

    [Theory]
    [InlineData("", 20000, "欢乐儿童店", "storeCode")]
    [InlineData("S 1", 20000, "欢乐儿童店", "storeCode")]
    [InlineData("S001", 0, "欢乐儿童店", "amountLimit")]
    [InlineData("S001", 10_000_001, "欢乐儿童店", "amountLimit")]
    [InlineData("S001", 20000, "  ", "storeName")]
    public void bad_input_is_refused_with_its_field(string code, long limit, string name, string field)
    {
        var error = StoreDecider.Decide(Register(code, limit, name), null).Error.ShouldNotBeNull();
        (error.Code, error.Field).ShouldBe((CatalogErrors.Validation, field));
    }

    [Fact]
    public void the_limit_bounds_are_allowed()
    {
        StoreDecider.Decide(Register(limit: 1), null).Error.ShouldBeNull();
        StoreDecider.Decide(Register(limit: 10_000_000), null).Error.ShouldBeNull();
    }

    [Fact]
    public void an_update_records_only_what_changed_and_the_limit_apart()
    {
        var events = StoreDecider.Decide(new UpdateStore("S001", "欢乐儿童店", null, StoreProperty.Franchise, null, null, 30000, false, Now), S001State).Events;
        events.Count.ShouldBe(2);
        var updated = events[0].ShouldBeOfType<StoreUpdated>();
        updated.ShouldBe(new StoreUpdated("S001", null, null, StoreProperty.Franchise, null, null, false, Now));
        events[1].ShouldBe(new StoreAmountLimitChanged("S001", 20000, 30000, Now));
    }

    [Fact]
    public void an_update_that_changes_nothing_records_nothing()
    {
        StoreDecider.Decide(new UpdateStore("S001", "欢乐儿童店", StoreType.Kids, null, null, null, 20000, true, Now), S001State).Events.ShouldBeEmpty();
    }

    [Fact]
    public void an_unknown_store_or_a_bad_limit_is_refused_on_update()
    {
        StoreDecider.Decide(new UpdateStore("S404", "x", null, null, null, null, null, null, Now), null).Error!.Code.ShouldBe(CatalogErrors.NotFound);
        StoreDecider.Decide(new UpdateStore("S001", null, null, null, null, null, 0, null, Now), S001State).Error!.Field.ShouldBe("amountLimit");
    }
}
