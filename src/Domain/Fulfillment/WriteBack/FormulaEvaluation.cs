using System.Numerics;

namespace Cabinets.Domain.Fulfillment.WriteBack;

public enum FormulaFailure
{
    /// <summary>A divisor is 0 for this sellable quantity (§2.10: not sent, the call is FAILED).</summary>
    DivisionByZero,

    /// <summary>The floored result does not fit a quantity (<see cref="long"/>).</summary>
    Overflow,
}

/// <summary>
/// A formula's answer for one sellable quantity: the whole, non-negative <see cref="Quantity"/> to
/// send, or why nothing is sent (<see cref="Failure"/> and a <see cref="Reason"/> for the preview).
/// </summary>
public sealed record FormulaEvaluation(long? Quantity, FormulaFailure? Failure, string? Reason)
{
    public bool IsSent => Quantity is not null;

    public static FormulaEvaluation Sent(long quantity) => new(quantity, null, null);

    public static FormulaEvaluation NotSent(FormulaFailure failure, string reason) => new(null, failure, reason);
}

/// <summary>
/// Evaluates a tree exactly (ADR-0033): literals and the sellable quantity become fractions,
/// `+ - * /` are exact, and only the final value is floored and clamped at 0 (§2.10, §6.15).
/// Every operand is evaluated, so a division by zero anywhere fails the formula.
/// </summary>
internal static class FormulaEvaluator
{
    private static readonly BigInteger MaxQuantity = long.MaxValue;

    public static FormulaEvaluation Evaluate(FormulaNode root, long sellable)
    {
        var zeroDivisor = (FormulaNode?)null;
        var value = Value(root, Fraction.Of(sellable), ref zeroDivisor);
        if (zeroDivisor is not null)
            return FormulaEvaluation.NotSent(FormulaFailure.DivisionByZero,
                $"division by zero: `{zeroDivisor}` is 0 when {StockFormula.Variable} is {sellable}");
        var floor = value.Floor();
        if (floor.Sign <= 0) return FormulaEvaluation.Sent(0);
        return floor > MaxQuantity
            ? FormulaEvaluation.NotSent(FormulaFailure.Overflow, $"the result is larger than {long.MaxValue} when {StockFormula.Variable} is {sellable}")
            : FormulaEvaluation.Sent((long)floor);
    }

    /// <summary>The exact value; the first divisor found to be 0 is reported through <paramref name="zeroDivisor"/>.</summary>
    private static Fraction Value(FormulaNode node, Fraction sellable, ref FormulaNode? zeroDivisor) => node switch
    {
        FormulaNumber number => Fraction.Of(number.Value),
        FormulaSellable => sellable,
        FormulaOperation operation => Apply(operation, Value(operation.Left, sellable, ref zeroDivisor), Value(operation.Right, sellable, ref zeroDivisor), ref zeroDivisor),
        _ => throw new InvalidOperationException($"unknown formula node {node.GetType().Name}"),
    };

    private static Fraction Apply(FormulaOperation operation, Fraction left, Fraction right, ref FormulaNode? zeroDivisor)
    {
        switch (operation.Operator)
        {
            case FormulaOperator.Add: return left + right;
            case FormulaOperator.Subtract: return left - right;
            case FormulaOperator.Multiply: return left * right;
            default:
                if (!right.IsZero) return left / right;
                zeroDivisor ??= operation.Right;
                return left;
        }
    }
}
