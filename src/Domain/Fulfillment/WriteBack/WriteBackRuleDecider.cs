using Cabinets.Domain.Deciding;
using Cabinets.Domain.Fulfillment.Catalog;

namespace Cabinets.Domain.Fulfillment.WriteBack;

/// <summary>A rule saved: its whole new definition (FULFILLMENT.md §3), the formula as its canonical text.</summary>
public sealed record StockWriteBackRuleSaved(string Code, string Name, bool Enabled, int Priority, IReadOnlyList<string> ShopCodes,
    IReadOnlyList<string> SalesMaterialCodes, IReadOnlyList<StockCondition> Conditions, string Formula, DateTimeOffset At);

public sealed record StockWriteBackRuleDeleted(string Code, DateTimeOffset At);

/// <summary>A rule as its stream `fulfillment-write-back-rule-{code}` folds it; a deleted code may be used again.</summary>
public sealed record WriteBackRuleState(string Code, string Name, bool Enabled, int Priority, IReadOnlyList<string> ShopCodes,
    IReadOnlyList<string> SalesMaterialCodes, IReadOnlyList<StockCondition> Conditions, string Formula, bool Deleted)
{
    /// <summary>The rule as selection takes it; the stored formula is canonical text, so it parses.</summary>
    public WriteBackRule ToRule() => new(Code, Name, Enabled, Priority, ShopCodes, SalesMaterialCodes, Conditions,
        StockFormula.Parse(Formula).Formula ?? throw new InvalidOperationException($"rule {Code} holds a formula that does not parse: {Formula}"));

    public static WriteBackRuleState? Evolve(WriteBackRuleState? state, object e) => e switch
    {
        StockWriteBackRuleSaved s => new(s.Code, s.Name, s.Enabled, s.Priority, s.ShopCodes, s.SalesMaterialCodes, s.Conditions, s.Formula, false),
        StockWriteBackRuleDeleted when state is not null => state with { Deleted = true, Enabled = false },
        _ => state,
    };
}

/// <summary>
/// `createStockWriteBackRule` / `updateStockWriteBackRule` (§2.10, L2575-2621): the full definition;
/// <paramref name="KnownShops"/> are the named shops that exist (the handler looks them up).
/// </summary>
public sealed record SaveStockWriteBackRule(bool Create, string Code, string Name, bool Enabled, int Priority, IReadOnlyList<string> ShopCodes,
    IReadOnlyList<string> SalesMaterialCodes, IReadOnlyList<StockCondition> Conditions, string Formula, IReadOnlySet<string> KnownShops, DateTimeOffset Now);

public sealed record DeleteStockWriteBackRule(string Code, DateTimeOffset Now);

public sealed record SetStockWriteBackRuleEnabled(string Code, bool Enabled, DateTimeOffset Now);

/// <summary>
/// Write-back rules: a code once per live rule (RULE_CODE_TAKEN), a name, at least one existing
/// shop, valid conditions and a formula of the §2.10 language (INVALID_FORMULA with its position).
/// Saving the same definition again records nothing.
/// </summary>
public static class WriteBackRuleDecider
{
    public const string RuleCodeTaken = "RULE_CODE_TAKEN";

    public static Decision<object> Decide(object command, WriteBackRuleState? state) => command switch
    {
        SaveStockWriteBackRule c => Save(c, state),
        DeleteStockWriteBackRule c => Live(state, c.Code) is { } missing ? missing : Decision<object>.Accept(new StockWriteBackRuleDeleted(c.Code, c.Now)),
        SetStockWriteBackRuleEnabled c => Live(state, c.Code) is { } missing ? missing
            : state!.Enabled == c.Enabled ? Decision<object>.Accept()
            : Decision<object>.Accept(new StockWriteBackRuleSaved(state.Code, state.Name, c.Enabled, state.Priority, state.ShopCodes, state.SalesMaterialCodes,
                state.Conditions, state.Formula, c.Now)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unhandled write-back rule command"),
    };

    private static Decision<object> Save(SaveStockWriteBackRule c, WriteBackRuleState? state)
    {
        if ((FulfillmentErrors.Code("code", c.Code) ?? FulfillmentErrors.Text("name", c.Name, 100)) is { } invalid) return invalid;
        if (c.Create && state is { Deleted: false }) return Decision<object>.Reject(RuleCodeTaken, $"rule {c.Code} exists", "code");
        if (!c.Create && Live(state, c.Code) is { } missing) return missing;
        if (c.Priority is < 0 or > 9999) return Decision<object>.Reject(FulfillmentErrors.Validation, "0 to 9999", "priority");
        if (c.ShopCodes.Count == 0) return Decision<object>.Reject(FulfillmentErrors.Validation, "a rule applies to at least one shop", "shopCodes");
        for (var i = 0; i < c.ShopCodes.Count; i++)
            if (!c.KnownShops.Contains(c.ShopCodes[i])) return Decision<object>.Reject(FulfillmentErrors.NotFound, $"no shop {c.ShopCodes[i]}", $"shopCodes[{i}]");
        for (var i = 0; i < c.SalesMaterialCodes.Count; i++)
            if (FulfillmentErrors.Code($"salesMaterialCodes[{i}]", c.SalesMaterialCodes[i]) is { } bad) return bad;
        if (c.Conditions.Count > 10) return Decision<object>.Reject(FulfillmentErrors.Validation, "at most 10 conditions", "conditions");
        if (StockCondition.ValidateAll(c.Conditions) is { } condition) return condition;
        var parsed = StockFormula.Parse(c.Formula);
        if (parsed.Error is { } formula) return formula.ToDomainError();

        var saved = new StockWriteBackRuleSaved(c.Code, c.Name.Trim(), c.Enabled, c.Priority, c.ShopCodes.Distinct(StringComparer.Ordinal).ToList(),
            c.SalesMaterialCodes.Distinct(StringComparer.Ordinal).ToList(), c.Conditions, parsed.Formula!.ToString(), c.Now);
        return state is { Deleted: false } && Same(state, saved) ? Decision<object>.Accept() : Decision<object>.Accept(saved);
    }

    private static DomainError? Live(WriteBackRuleState? state, string code) =>
        state is null or { Deleted: true } ? new DomainError(FulfillmentErrors.NotFound, $"no rule {code}", "code") : null;

    private static bool Same(WriteBackRuleState s, StockWriteBackRuleSaved e) =>
        s.Name == e.Name && s.Enabled == e.Enabled && s.Priority == e.Priority && s.Formula == e.Formula
        && s.ShopCodes.SequenceEqual(e.ShopCodes) && s.SalesMaterialCodes.SequenceEqual(e.SalesMaterialCodes) && s.Conditions.SequenceEqual(e.Conditions);
}
