using Cabinets.Domain.Fulfillment.WriteBack;
using static Cabinets.Domain.Tests.Fulfillment.WriteBack.Formulas;

namespace Cabinets.Domain.Tests.Fulfillment.WriteBack;

/// <summary>Rule selection of §2.10 and §6.17: enabled, in scope, SKU before shop, then priority; else `{可售库存}`.</summary>
public sealed class StockWriteBackTests
{
    private static readonly StockCondition PositiveStock = new(StockComparator.Gt, 0);

    private static WriteBackRule Rule(string code, string formula, int priority = 0, string[]? shops = null, string[]? skus = null,
        bool enabled = true, params StockCondition[] conditions) =>
        new(code, $"rule {code}", enabled, priority, shops ?? ["S1"], skus ?? [], conditions, F(formula));

    private static WriteBackOutcome Decide(IEnumerable<WriteBackRule> rules, long sellable, string shop = "S1", string sku = "SM1", long onHand = 100) =>
        StockWriteBack.Decide(rules, shop, sku, sellable, onHand);

    [Fact]
    public void scenario_16_a_shared_stock_rule_then_an_inflating_one_then_none()
    {
        var r1 = Rule("R1", "{可售库存}*0.3", conditions: PositiveStock);
        Decide([r1], 80).ShouldBe(new WriteBackOutcome("R1", FormulaEvaluation.Sent(24)));
        Decide([r1 with { Formula = F("{可售库存}*3") }], 80).Quantity.ShouldBe(240);
        Decide([r1 with { Enabled = false }], 80).ShouldBe(new WriteBackOutcome(null, FormulaEvaluation.Sent(80)));
        Decide([r1], 80, shop: "S2").ShouldBe(new WriteBackOutcome(null, FormulaEvaluation.Sent(80)));
    }

    [Fact]
    public void without_a_rule_the_sellable_quantity_is_sent_floored_at_0()
    {
        Decide([], 7).ShouldBe(new WriteBackOutcome(null, FormulaEvaluation.Sent(7)));
        Decide([], -4).ShouldBe(new WriteBackOutcome(null, FormulaEvaluation.Sent(0)));
        Decide([], -4).WillSend.ShouldBeTrue();
    }

    [Fact]
    public void a_sku_rule_beats_a_shop_rule_whatever_their_priorities()
    {
        var shop = Rule("SHOP", "1", priority: 0);
        var sku = Rule("SKU", "2", priority: 99, skus: ["SM1"]);
        Decide([shop, sku], 10).RuleCode.ShouldBe("SKU");
        Decide([shop, sku], 10, sku: "SM2").RuleCode.ShouldBe("SHOP");    // the SKU rule is not written for SM2
    }

    [Fact]
    public void within_a_scope_the_lower_priority_wins_then_the_lower_code_whatever_the_list_order()
    {
        WriteBackRule[] rules = [Rule("B", "2", priority: 1), Rule("C", "3", priority: 2), Rule("A", "1", priority: 1), Rule("Z", "0", priority: -1)];
        Decide(rules, 10).RuleCode.ShouldBe("Z");
        Decide(rules[..3], 10).RuleCode.ShouldBe("A");
        Decide(Enumerable.Reverse(rules[..3]), 10).RuleCode.ShouldBe("A");
        StockWriteBack.InScope(rules, "S1", "SM1").Select(r => r.Code).ShouldBe(["Z", "A", "B", "C"]);
    }

    [Fact]
    public void the_first_rule_whose_conditions_hold_applies_and_the_others_fall_through()
    {
        var bigStock = Rule("SKU-BIG", "{可售库存}*0.5", skus: ["SM1"], conditions: new StockCondition(StockComparator.Gte, 100));
        var anyStock = Rule("SHOP-ANY", "{可售库存}-5", conditions: PositiveStock);
        Decide([anyStock, bigStock], 200).ShouldBe(new WriteBackOutcome("SKU-BIG", FormulaEvaluation.Sent(100)));
        Decide([anyStock, bigStock], 50).ShouldBe(new WriteBackOutcome("SHOP-ANY", FormulaEvaluation.Sent(45)));
        Decide([anyStock, bigStock], 0).ShouldBe(new WriteBackOutcome(null, FormulaEvaluation.Sent(0)));
    }

    [Fact]
    public void percentage_conditions_read_the_on_hand_total()
    {
        var lowStock = Rule("LOW", "0", conditions: new StockCondition(StockComparator.Lt, 0.1m, PercentMode: true));
        Decide([lowStock], 9, onHand: 100).ShouldBe(new WriteBackOutcome("LOW", FormulaEvaluation.Sent(0)));
        Decide([lowStock], 10, onHand: 100).ShouldBe(new WriteBackOutcome(null, FormulaEvaluation.Sent(10)));
    }

    [Fact]
    public void a_rule_whose_formula_fails_is_not_sent_and_no_other_rule_is_tried()
    {
        var failing = Rule("DIV", "{可售库存}/({可售库存}-10)", priority: 0);
        var fallback = Rule("NEXT", "{可售库存}", priority: 1);
        var outcome = Decide([failing, fallback], 10);
        outcome.RuleCode.ShouldBe("DIV");
        outcome.WillSend.ShouldBeFalse();
        outcome.Quantity.ShouldBeNull();
        outcome.Evaluation.Failure.ShouldBe(FormulaFailure.DivisionByZero);
    }

    [Fact]
    public void disabled_rules_and_rules_of_other_shops_or_skus_are_out_of_scope()
    {
        WriteBackRule[] rules =
        [
            Rule("OFF", "1", enabled: false),
            Rule("S2", "2", shops: ["S2"]),
            Rule("SM9", "3", skus: ["SM9"]),
            Rule("s1", "4", shops: ["s1"]),            // codes are compared ordinally
        ];
        StockWriteBack.InScope(rules, "S1", "SM1").ShouldBeEmpty();
        Decide(rules, 10).ShouldBe(new WriteBackOutcome(null, FormulaEvaluation.Sent(10)));
        Rule("BOTH", "5", shops: ["S1", "S2"], skus: ["SM1", "SM2"]).Covers("S2", "SM2").ShouldBeTrue();
    }

    [Fact]
    public void a_rule_names_at_least_one_shop_and_valid_conditions()
    {
        Rule("R", "1", conditions: PositiveStock).Validate().ShouldBeNull();
        Rule("R", "1", shops: []).Validate()!.Field.ShouldBe("shopCodes");
        Rule("R", "1", conditions: [PositiveStock, new(StockComparator.Between, 5, 1)]).Validate()!.Field.ShouldBe("conditions[1].valueTo");
    }
}
