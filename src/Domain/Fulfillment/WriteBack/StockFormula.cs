using System.Diagnostics.CodeAnalysis;
using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Fulfillment.WriteBack;

/// <summary>
/// The action of a stock write-back rule, 店铺库存 = formula (FULFILLMENT.md §2.10, §6.15): `+ - * /`,
/// parentheses, decimal numbers and the variable `{可售库存}` (alias `{sellable}`). Our own
/// recursive-descent parser, no eval or expression library (ADR-0033). The only way to get one is
/// <see cref="Parse"/>, so every formula is within <see cref="MaxLength"/> and <see cref="MaxDepth"/>,
/// and so is its <see cref="ToString"/>, which is what is stored and shown.
/// </summary>
public sealed record StockFormula
{
    public const string Variable = "{可售库存}";
    public const string VariableAlias = "{sellable}";
    public const int MaxLength = 200;
    public const int MaxDepth = 20;

    /// <summary>What is sent when no rule applies: `{可售库存}` itself, floored at 0 (§2.10, L2623).</summary>
    public static StockFormula Sellable { get; } = new(FormulaSellable.Instance);

    internal StockFormula(FormulaNode root) => Root = root;

    public FormulaNode Root { get; }

    public static FormulaParse Parse(string? text) => FormulaParser.Parse(text ?? "");

    /// <summary>
    /// The quantity to send for <paramref name="sellable"/>: exact arithmetic, floored, negative → 0;
    /// a division by zero or a result beyond <see cref="long"/> is not sent (the call is FAILED, §2.10).
    /// </summary>
    public FormulaEvaluation Evaluate(long sellable) => FormulaEvaluator.Evaluate(Root, sellable);

    public override string ToString() => Root.ToString();
}

/// <summary>What <see cref="StockFormula.Parse"/> gives: the formula, or where and why the text is not one.</summary>
public sealed record FormulaParse(StockFormula? Formula, FormulaError? Error)
{
    [MemberNotNullWhen(true, nameof(Formula))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Formula is not null;
}

/// <summary>
/// A syntax error: <paramref name="Position"/> is the 0-based UTF-16 offset into the text (what a
/// browser input's selectionStart uses), the message says what was expected and what was found.
/// `validateStockFormula` answers {valid, errorPosition, message} from it (§4b).
/// </summary>
public sealed record FormulaError(int Position, string Message)
{
    public DomainError ToDomainError(string field = "formula") => new(WriteBackErrors.InvalidFormula, Message, field) { Details = this };
}
