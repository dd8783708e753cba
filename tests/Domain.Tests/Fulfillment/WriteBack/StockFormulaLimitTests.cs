using Cabinets.Domain.Fulfillment.WriteBack;
using static Cabinets.Domain.Tests.Fulfillment.WriteBack.Formulas;

namespace Cabinets.Domain.Tests.Fulfillment.WriteBack;

/// <summary>The guards against abuse (ADR-0033): 200 characters, 20 nested parentheses, 28 digits a number.</summary>
public sealed class StockFormulaLimitTests
{
    private static string Nested(int depth) => new string('(', depth) + "{可售库存}" + new string(')', depth);

    [Fact]
    public void a_formula_of_200_characters_parses_and_one_of_201_is_refused_before_parsing()
    {
        var longest = "1" + string.Concat(Enumerable.Repeat("+1", 99)) + " ";
        longest.Length.ShouldBe(StockFormula.MaxLength);
        F(longest).Evaluate(0).Quantity.ShouldBe(100);

        var error = Error(longest + "1");
        error.Position.ShouldBe(200);
        error.Message.ShouldBe("a formula has at most 200 characters, this one has 201");
        Error(new string('(', 100_000)).Message.ShouldBe("a formula has at most 200 characters, this one has 100000");
    }

    [Fact]
    public void twenty_nested_parentheses_parse_and_the_twenty_first_is_refused_where_it_opens()
    {
        F(Nested(20)).ToString().ShouldBe("{可售库存}");
        var error = Error(Nested(21));
        error.Position.ShouldBe(20);
        error.Message.ShouldBe("at most 20 nested parentheses are allowed; the `(` at 20 opens level 21");
    }

    [Fact]
    public void the_depth_counts_nesting_not_the_number_of_parentheses()
    {
        var sideBySide = string.Join("+", Enumerable.Repeat("((1))", 30));
        F(sideBySide).Evaluate(0).Quantity.ShouldBe(30);
        F("(((((((((((((((((((1)))))))))))))))))))+" + Nested(20)).Evaluate(5).Quantity.ShouldBe(6);
    }

    [Fact]
    public void a_number_has_at_most_28_digits_so_it_is_never_rounded()
    {
        F("9999999999999999999999999999").Root.ShouldBe(new FormulaNumber(9999999999999999999999999999m));
        F("0.000000000000000000000000001").Root.ShouldBe(new FormulaNumber(0.000000000000000000000000001m));
        var error = Error("1+99999999999999999999999999999");
        error.Position.ShouldBe(2);
        error.Message.ShouldBe("a number has at most 28 digits; the one at 2 has 29");
        Error("0.0000000000000000000000000001").Message.ShouldContain("has 29");
    }
}
