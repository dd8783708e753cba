namespace Cabinets.Domain.Fulfillment.WriteBack;

/// <summary>
/// What write-back sends for one (shop, sales material): <see cref="RuleCode"/> is the rule that
/// applied, null when none did and `{可售库存}` itself was used.
/// </summary>
public sealed record WriteBackOutcome(string? RuleCode, FormulaEvaluation Evaluation)
{
    public long? Quantity => Evaluation.Quantity;

    public bool WillSend => Evaluation.IsSent;
}

/// <summary>
/// Rule selection of FULFILLMENT.md §2.10 and §6.17, a pure function over the rules: enabled rules
/// covering the shop and SKU, SKU-scoped before shop-scoped, then lower priority, then lower code
/// (so the order never depends on the list's); the first whose conditions all hold gives the
/// quantity from its formula, even when that formula fails. None → `{可售库存}` floored at 0 (L2623).
/// </summary>
public static class StockWriteBack
{
    public static IEnumerable<WriteBackRule> InScope(IEnumerable<WriteBackRule> rules, string shopCode, string salesMaterialCode) =>
        rules.Where(r => r.Enabled && r.Covers(shopCode, salesMaterialCode))
            .OrderBy(r => r.IsSkuScoped ? 0 : 1)
            .ThenBy(r => r.Priority)
            .ThenBy(r => r.Code, StringComparer.Ordinal);

    /// <param name="sellable">sellable(s, m) of §2.8, which may be negative.</param>
    /// <param name="onHandTotal">Σ onHand over B(s), the base of percentage conditions.</param>
    public static WriteBackOutcome Decide(IEnumerable<WriteBackRule> rules, string shopCode, string salesMaterialCode, long sellable, long onHandTotal)
    {
        var rule = InScope(rules, shopCode, salesMaterialCode).FirstOrDefault(r => StockCondition.AllHold(r.Conditions, sellable, onHandTotal));
        return rule is null
            ? new(null, StockFormula.Sellable.Evaluate(sellable))
            : new(rule.Code, rule.Formula.Evaluate(sellable));
    }
}
