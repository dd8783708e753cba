using System.Globalization;
using Cabinets.Domain.Fulfillment.WriteBack;

namespace Cabinets.Domain.Tests.Fulfillment.WriteBack;

/// <summary>§2.10 and §6.16: 当 {可售库存} 大于 0 and its siblings, ANDed, absolute or as a fraction of Σ onHand.</summary>
public sealed class StockConditionTests
{
    // Values are strings: decimal is not an attribute constant.
    private static decimal D(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(StockComparator.Gt, "0", 1, true)]     // L2597, scenario 16
    [InlineData(StockComparator.Gt, "0", 0, false)]
    [InlineData(StockComparator.Gt, "0", -1, false)]
    [InlineData(StockComparator.Gte, "5", 5, true)]
    [InlineData(StockComparator.Gte, "5", 4, false)]
    [InlineData(StockComparator.Lt, "5", 4, true)]
    [InlineData(StockComparator.Lt, "5", 5, false)]
    [InlineData(StockComparator.Lte, "5", 5, true)]
    [InlineData(StockComparator.Lte, "5", 6, false)]
    [InlineData(StockComparator.Eq, "5", 5, true)]
    [InlineData(StockComparator.Eq, "5", 6, false)]
    [InlineData(StockComparator.Gt, "2.5", 3, true)]   // a decimal threshold compares exactly
    [InlineData(StockComparator.Lt, "2.5", 2, true)]
    [InlineData(StockComparator.Eq, "2.5", 2, false)]
    public void an_absolute_condition_compares_the_sellable_quantity(StockComparator comparator, string value, long sellable, bool holds) =>
        new StockCondition(comparator, D(value)).Holds(sellable, onHandTotal: 1_000).ShouldBe(holds);

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(15, true)]
    [InlineData(20, true)]
    [InlineData(21, false)]
    public void between_includes_both_ends(long sellable, bool holds) =>
        new StockCondition(StockComparator.Between, 10, 20).Holds(sellable, 0).ShouldBe(holds);

    [Theory]
    [InlineData(StockComparator.Gt, "0.2", null, 100, 21, true)]      // 21 > 0.2 × 100
    [InlineData(StockComparator.Gt, "0.2", null, 100, 20, false)]
    [InlineData(StockComparator.Lte, "0.2", null, 100, 20, true)]
    [InlineData(StockComparator.Eq, "0.5", null, 101, 50, false)]     // 50.5 is no whole quantity
    [InlineData(StockComparator.Eq, "0.5", null, 101, 51, false)]
    [InlineData(StockComparator.Between, "0.1", "0.5", 100, 10, true)]
    [InlineData(StockComparator.Between, "0.1", "0.5", 100, 50, true)]
    [InlineData(StockComparator.Between, "0.1", "0.5", 100, 51, false)]
    [InlineData(StockComparator.Gt, "0", null, 0, 1, true)]           // nothing on hand: the threshold is 0
    [InlineData(StockComparator.Gte, "1", null, 80, 80, true)]
    [InlineData(StockComparator.Gt, "0.3333333333333333333333333333", null, 3, 1, true)] // 0.999…9 × 3 < 1, exactly
    public void a_percentage_condition_compares_against_that_fraction_of_the_on_hand_total(
        StockComparator comparator, string value, string? valueTo, long onHandTotal, long sellable, bool holds) =>
        new StockCondition(comparator, D(value), valueTo is null ? null : D(valueTo), PercentMode: true).Holds(sellable, onHandTotal).ShouldBe(holds);

    [Fact]
    public void several_conditions_must_all_hold()
    {
        StockCondition[] between = [new(StockComparator.Gt, 0), new(StockComparator.Lt, 100)];
        StockCondition.AllHold(between, 50, 0).ShouldBeTrue();
        StockCondition.AllHold(between, 150, 0).ShouldBeFalse();
        StockCondition.AllHold(between, 0, 0).ShouldBeFalse();
        StockCondition[] mixed = [new(StockComparator.Gte, 10), new(StockComparator.Lt, 0.5m, PercentMode: true)];
        StockCondition.AllHold(mixed, 10, 100).ShouldBeTrue();
        StockCondition.AllHold(mixed, 10, 20).ShouldBeFalse();   // 10 is not below 0.5 × 20
    }

    [Fact]
    public void no_conditions_always_hold() => StockCondition.AllHold([], -5, 0).ShouldBeTrue();

    [Theory]
    [InlineData(StockComparator.Gt, "0", null, false)]
    [InlineData(StockComparator.Gt, "3.5", null, false)]
    [InlineData(StockComparator.Between, "5", "5", false)]
    [InlineData(StockComparator.Gt, "0", null, true)]
    [InlineData(StockComparator.Lt, "1", null, true)]
    [InlineData(StockComparator.Between, "0", "1", true)]
    public void valid_conditions_validate(StockComparator comparator, string value, string? valueTo, bool percent) =>
        new StockCondition(comparator, D(value), valueTo is null ? null : D(valueTo), percent).Validate().ShouldBeNull();

    [Theory]
    [InlineData(StockComparator.Gt, "1.5", null, true, "condition.value", "a percentage is a fraction from 0 to 1, not 1.5")]
    [InlineData(StockComparator.Gt, "-0.1", null, true, "condition.value", "a percentage is a fraction from 0 to 1, not -0.1")]
    [InlineData(StockComparator.Between, "0.2", "1.2", true, "condition.valueTo", "a percentage is a fraction from 0 to 1, not 1.2")]
    [InlineData(StockComparator.Gt, "-1", null, false, "condition.value", "must be at least 0, not -1")]
    [InlineData(StockComparator.Between, "0", "-1", false, "condition.valueTo", "must be at least 0, not -1")]
    [InlineData(StockComparator.Between, "20", "10", false, "condition.valueTo", "BETWEEN's second value must be at least the first (20)")]
    [InlineData(StockComparator.Between, "0.5", "0.4", true, "condition.valueTo", "BETWEEN's second value must be at least the first (0.5)")]
    [InlineData(StockComparator.Between, "5", null, false, "condition.valueTo", "BETWEEN needs a second value")]
    [InlineData(StockComparator.Gt, "5", "10", false, "condition.valueTo", "only BETWEEN takes a second value")]
    public void invalid_conditions_are_refused_on_their_field(StockComparator comparator, string value, string? valueTo, bool percent, string field, string message)
    {
        var error = new StockCondition(comparator, D(value), valueTo is null ? null : D(valueTo), percent).Validate();
        error.ShouldNotBeNull();
        error.Code.ShouldBe("VALIDATION");
        error.Field.ShouldBe(field);
        error.Message.ShouldBe(message);
    }

    [Fact]
    public void an_unknown_comparator_is_refused() =>
        new StockCondition((StockComparator)42, 0).Validate()!.Field.ShouldBe("condition.comparator");

    [Fact]
    public void the_first_invalid_condition_of_a_list_is_named_by_its_index()
    {
        StockCondition[] conditions = [new(StockComparator.Gt, 0), new(StockComparator.Gt, 2, PercentMode: true), new(StockComparator.Gt, -1)];
        StockCondition.ValidateAll(conditions)!.Field.ShouldBe("conditions[1].value");
        StockCondition.ValidateAll(conditions[..1]).ShouldBeNull();
    }
}
