using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.WriteBack;

namespace Cabinets.Domain.Tests.Fulfillment.WriteBack;

/// <summary>Write-back rules as the console saves them (§2.10): given a rule's history, when saved, enabled or deleted, then these events or this error.</summary>
public sealed class WriteBackRuleDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<string> Shops = ["S1", "S2"];

    private static SaveStockWriteBackRule Save(bool create = true, string formula = "{sellable} * 0.3", string[]? shops = null, params StockCondition[] conditions) =>
        new(create, "R1", "共享库存", false, 10, shops ?? ["S1"], [], conditions, formula, Shops, Now);

    private static WriteBackRuleState? Fold(params object[] events) => events.Aggregate((WriteBackRuleState?)null, WriteBackRuleState.Evolve);

    [Fact]
    public void a_new_rule_stores_its_formula_as_canonical_text_and_is_selected_by_it()
    {
        var saved = (StockWriteBackRuleSaved)WriteBackRuleDecider.Decide(Save(conditions: new StockCondition(StockComparator.Gt, 0)), null).Events.Single();
        (saved.Formula, saved.Enabled).ShouldBe(("{可售库存}*0.3", false)); // new rules start off (L2589)
        var rule = Fold(saved)!.ToRule() with { Enabled = true };
        StockWriteBack.Decide([rule], "S1", "SKU1", 10, 10).Quantity.ShouldBe(3);
    }

    [Fact]
    public void a_rule_is_refused_with_the_field_that_is_wrong()
    {
        var formula = WriteBackRuleDecider.Decide(Save(formula: "{可售库存}*"), null).Error!;
        (formula.Code, formula.Field).ShouldBe((WriteBackErrors.InvalidFormula, "formula"));
        WriteBackRuleDecider.Decide(Save(shops: ["S9"]), null).Error!.Field.ShouldBe("shopCodes[0]");
        WriteBackRuleDecider.Decide(Save(shops: []), null).Error!.Field.ShouldBe("shopCodes");
        WriteBackRuleDecider.Decide(Save(conditions: new StockCondition(StockComparator.Between, 5, 2)), null).Error!.Field.ShouldBe("conditions[0].valueTo");
        WriteBackRuleDecider.Decide(Save(create: false), null).Error!.Code.ShouldBe(FulfillmentErrors.NotFound);
    }

    [Fact]
    public void a_code_is_taken_while_its_rule_lives_and_free_again_once_deleted()
    {
        var live = Fold(WriteBackRuleDecider.Decide(Save(), null).Events.Single());
        WriteBackRuleDecider.Decide(Save(), live).Error!.Code.ShouldBe(WriteBackRuleDecider.RuleCodeTaken);
        WriteBackRuleDecider.Decide(Save(create: false), live).Events.ShouldBeEmpty(); // the same definition again: nothing to record
        var enabled = WriteBackRuleDecider.Decide(new SetStockWriteBackRuleEnabled("R1", true, Now), live).Events.Single();
        ((StockWriteBackRuleSaved)enabled).Enabled.ShouldBeTrue();
        var deleted = Fold(WriteBackRuleDecider.Decide(Save(), null).Events.Single(), new StockWriteBackRuleDeleted("R1", Now));
        WriteBackRuleDecider.Decide(new DeleteStockWriteBackRule("R1", Now), deleted).Error!.Code.ShouldBe(FulfillmentErrors.NotFound);
        WriteBackRuleDecider.Decide(Save(), deleted).Events.ShouldHaveSingleItem();
    }
}
