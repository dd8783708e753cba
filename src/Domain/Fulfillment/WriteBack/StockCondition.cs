using System.Globalization;
using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Fulfillment.WriteBack;

/// <summary>§2.10's comparators on `{可售库存}`: 大于, 大于等于, 小于, 小于等于, 等于, 介于 (both ends included).</summary>
public enum StockComparator { Gt, Gte, Lt, Lte, Eq, Between }

/// <summary>
/// One condition of a write-back rule, 当 {可售库存} 大于 0 (FULFILLMENT.md §2.10, §6.16). In
/// percentage mode (切换成百分比模式) <see cref="Value"/> and <see cref="ValueTo"/> are fractions in
/// [0, 1] of Σ onHand over the shop's write-back branches B(s): GT 0.2 holds when sellable &gt;
/// 0.2 × Σ onHand. <see cref="ValueTo"/> is BETWEEN's upper bound and nothing else's.
/// </summary>
public sealed record StockCondition(StockComparator Comparator, decimal Value, decimal? ValueTo = null, bool PercentMode = false)
{
    /// <summary>
    /// Whether <paramref name="sellable"/> meets the condition, compared exactly (never in floating
    /// point). An unvalidated BETWEEN without <see cref="ValueTo"/> reads as [Value, Value].
    /// </summary>
    public bool Holds(long sellable, long onHandTotal)
    {
        var actual = Fraction.Of(sellable);
        var low = actual.CompareTo(Threshold(Value, onHandTotal));
        return Comparator switch
        {
            StockComparator.Gt => low > 0,
            StockComparator.Gte => low >= 0,
            StockComparator.Lt => low < 0,
            StockComparator.Lte => low <= 0,
            StockComparator.Eq => low == 0,
            _ => low >= 0 && actual.CompareTo(Threshold(ValueTo ?? Value, onHandTotal)) <= 0,
        };
    }

    /// <summary>All conditions hold (当…且…); a rule without conditions always applies.</summary>
    public static bool AllHold(IEnumerable<StockCondition> conditions, long sellable, long onHandTotal) =>
        conditions.All(c => c.Holds(sellable, onHandTotal));

    /// <summary>Null when valid; otherwise `VALIDATION` on <paramref name="field"/>`.value` or `.valueTo`.</summary>
    public DomainError? Validate(string field = "condition")
    {
        if (!Enum.IsDefined(Comparator)) return WriteBackErrors.Invalid($"{field}.comparator", $"unknown comparator {(int)Comparator}");
        if (Invalid(Value) is { } reason) return WriteBackErrors.Invalid($"{field}.value", reason);
        if (Comparator != StockComparator.Between)
            return ValueTo is null ? null : WriteBackErrors.Invalid($"{field}.valueTo", "only BETWEEN takes a second value");
        if (ValueTo is not { } high) return WriteBackErrors.Invalid($"{field}.valueTo", "BETWEEN needs a second value");
        if (Invalid(high) is { } highReason) return WriteBackErrors.Invalid($"{field}.valueTo", highReason);
        return high < Value ? WriteBackErrors.Invalid($"{field}.valueTo", $"BETWEEN's second value must be at least the first ({Text(Value)})") : null;
    }

    /// <summary>The first invalid condition, its field named `conditions[i]`.</summary>
    public static DomainError? ValidateAll(IReadOnlyList<StockCondition> conditions)
    {
        for (var i = 0; i < conditions.Count; i++)
            if (conditions[i].Validate($"conditions[{i}]") is { } error) return error;
        return null;
    }

    private string? Invalid(decimal value) => PercentMode
        ? value is < 0 or > 1 ? $"a percentage is a fraction from 0 to 1, not {Text(value)}" : null
        : value < 0 ? $"must be at least 0, not {Text(value)}" : null;

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private Fraction Threshold(decimal value, long onHandTotal) =>
        PercentMode ? Fraction.Of(value) * Fraction.Of(onHandTotal) : Fraction.Of(value);
}
