using System.Globalization;

namespace Cabinets.Domain.Fulfillment.WriteBack;

public enum FormulaOperator { Add, Subtract, Multiply, Divide }

/// <summary>
/// A parsed formula (FULFILLMENT.md §2.10): a closed family of a number, the variable and a binary
/// operation. <see cref="ToString"/> prints the canonical text: no spaces, the variable as
/// `{可售库存}`, numbers as written without leading zeros, and only the parentheses the tree needs.
/// </summary>
public abstract record FormulaNode
{
    private protected FormulaNode() { }

    /// <summary>1 for `+ -`, 2 for `* /`, 3 for a number or the variable.</summary>
    internal abstract int Precedence { get; }

    public abstract override string ToString();
}

/// <summary>A literal such as `0.3` or `12.50`: at most 28 digits, so a <see cref="decimal"/> holds it exactly (scale kept).</summary>
public sealed record FormulaNumber(decimal Value) : FormulaNode
{
    internal override int Precedence => 3;

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>`{可售库存}` or its alias `{sellable}`: the sellable quantity of §2.8.</summary>
public sealed record FormulaSellable : FormulaNode
{
    public static FormulaSellable Instance { get; } = new();

    internal override int Precedence => 3;

    public override string ToString() => StockFormula.Variable;
}

public sealed record FormulaOperation(FormulaOperator Operator, FormulaNode Left, FormulaNode Right) : FormulaNode
{
    internal override int Precedence => Operator is FormulaOperator.Add or FormulaOperator.Subtract ? 1 : 2;

    // Left-associative: a right operand of the same precedence keeps its parentheses, so that
    // a-(b-c) and a/(b/c) print as written and the printed text parses back to this very tree.
    public override string ToString() =>
        Operand(Left, Left.Precedence < Precedence) + Symbol + Operand(Right, Right.Precedence <= Precedence);

    private string Symbol => Operator switch
    {
        FormulaOperator.Add => "+",
        FormulaOperator.Subtract => "-",
        FormulaOperator.Multiply => "*",
        _ => "/",
    };

    private static string Operand(FormulaNode node, bool parenthesised) => parenthesised ? $"({node})" : node.ToString();
}
