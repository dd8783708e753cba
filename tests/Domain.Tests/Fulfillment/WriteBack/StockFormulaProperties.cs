using Cabinets.Domain.Fulfillment.WriteBack;
using CsCheck;

namespace Cabinets.Domain.Tests.Fulfillment.WriteBack;

/// <summary>Random formulas built from §2.10's grammar (CsCheck), and random text that mostly is not one.</summary>
public sealed class StockFormulaProperties
{
    private static readonly Gen<string> Space = Gen.OneOf("", "", "", " ", "  ", "\t", "\u3000");

    private static readonly Gen<string> Digits = Gen.Char['0', '9'].Array[1, 5].Select(d => new string(d));

    private static readonly Gen<string> Number = Gen.Select(Digits, Digits, Gen.Bool, (whole, fraction, decimals) => decimals ? $"{whole}.{fraction}" : whole);

    private static readonly Gen<string> Leaf = Gen.Frequency((3, Number), (1, Gen.Const("{可售库存}")), (1, Gen.Const("{sellable}")));

    private static readonly Gen<string> Formula = Expression(3).Where(text => text.Length <= StockFormula.MaxLength);

    private static readonly Gen<long> Sellable = Gen.Frequency((8, Gen.Long[-1_000, 1_000_000]), (1, Gen.Long), (1, Gen.OneOf(0L, long.MaxValue, long.MinValue)));

    private static Gen<string> Expression(int depth) => Chain(Term(depth), "+", "-", depth);

    private static Gen<string> Term(int depth) => Chain(Factor(depth), "*", "/", depth);

    private static Gen<string> Factor(int depth) => depth == 0
        ? Leaf
        : Gen.Frequency((4, Leaf), (1, Gen.Select(Expression(depth - 1), Space, (inner, s) => $"({s}{inner}{s})")));

    /// <summary>operand (op operand)*, fewer operands deeper down so the text stays short.</summary>
    private static Gen<string> Chain(Gen<string> operand, string op1, string op2, int depth) =>
        Gen.Select(operand, Gen.Select(Gen.OneOf(op1, op2), Space, operand).Array[0, depth >= 2 ? 2 : 1],
            (first, rest) => first + string.Concat(rest.Select(r => $"{r.Item2}{r.Item1}{r.Item2}{r.Item3}")));

    [Fact]
    public void every_formula_of_the_grammar_parses_and_its_canonical_text_parses_back_to_the_same_formula() =>
        Formula.Select(Sellable).Sample((text, sellable) =>
        {
            var parse = StockFormula.Parse(text);
            parse.IsValid.ShouldBeTrue(parse.Error?.Message);
            var canonical = parse.Formula.ToString();
            var again = StockFormula.Parse(canonical);
            again.Formula.ShouldBe(parse.Formula);
            again.Formula!.ToString().ShouldBe(canonical);
            again.Formula.Evaluate(sellable).ShouldBe(parse.Formula.Evaluate(sellable));
        }, iter: 2_000);

    [Fact]
    public void evaluation_never_throws_and_a_sent_quantity_is_never_negative() =>
        Formula.Select(Sellable).Sample((text, sellable) =>
        {
            var result = StockFormula.Parse(text).Formula!.Evaluate(sellable);
            (result.IsSent ? result.Quantity >= 0 && result.Failure is null : result.Failure is not null && result.Reason is not null).ShouldBeTrue();
        }, iter: 2_000);

    [Fact]
    public void any_text_either_parses_or_is_refused_at_a_position_inside_it() =>
        Gen.Char["0123456789.+-*/(){} \t可售库存sellablexe%"].Array[0, 40].Select(c => new string(c)).Sample(text =>
        {
            var parse = StockFormula.Parse(text);
            if (parse.IsValid) StockFormula.Parse(parse.Formula.ToString()).Formula.ShouldBe(parse.Formula);
            else parse.Error.Position.ShouldBeInRange(0, text.Length);
        }, iter: 5_000);
}
