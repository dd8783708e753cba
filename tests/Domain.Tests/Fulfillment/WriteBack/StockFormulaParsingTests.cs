using Cabinets.Domain.Fulfillment.WriteBack;
using static Cabinets.Domain.Tests.Fulfillment.WriteBack.Formulas;

namespace Cabinets.Domain.Tests.Fulfillment.WriteBack;

/// <summary>FULFILLMENT.md §2.10's grammar: what parses, its canonical text, and where and why the rest does not.</summary>
public sealed class StockFormulaParsingTests
{
    [Theory]
    [InlineData("{可售库存}*0.3", "{可售库存}*0.3")]                 // L2625
    [InlineData("{可售库存}*3", "{可售库存}*3")]                     // L2627
    [InlineData("({sellable}+10)/2", "({可售库存}+10)/2")]          // scenario 16: the alias prints as {可售库存}
    [InlineData("  {sellable} *\t0.3 \n", "{可售库存}*0.3")]          // whitespace between tokens is dropped
    [InlineData("{可售库存}\u3000*\u30000.3", "{可售库存}*0.3")]     // so is the ideographic space a Chinese IME types
    [InlineData("((({可售库存})))", "{可售库存}")]                   // redundant parentheses go
    [InlineData("1+(2*3)", "1+2*3")]
    [InlineData("(1+2)*3", "(1+2)*3")]
    [InlineData("(1-2)-3", "1-2-3")]
    [InlineData("1-(2-3)", "1-(2-3)")]                             // needed: subtraction is left-associative
    [InlineData("1+(2+3)", "1+(2+3)")]                             // kept, so the text parses back to the same tree
    [InlineData("1/(2/3)", "1/(2/3)")]
    [InlineData("1*(2/3)", "1*(2/3)")]
    [InlineData("(1/2)*3", "1/2*3")]
    [InlineData("007.50", "7.50")]                                 // leading zeros go, the written decimals stay
    [InlineData("12.50", "12.50")]
    [InlineData("0", "0")]
    public void a_valid_formula_prints_its_canonical_text(string text, string canonical)
    {
        var formula = F(text);
        formula.ToString().ShouldBe(canonical);
        F(canonical).ShouldBe(formula);
    }

    [Fact]
    public void the_alias_is_the_same_variable()
    {
        F("{sellable}*2").ShouldBe(F("{可售库存}*2"));
        F("{sellable}").Root.ShouldBe(FormulaSellable.Instance);
    }

    [Fact]
    public void multiplication_binds_tighter_than_addition_and_operators_associate_left()
    {
        F("1+2*3").Root.ShouldBe(new FormulaOperation(FormulaOperator.Add, new FormulaNumber(1),
            new FormulaOperation(FormulaOperator.Multiply, new FormulaNumber(2), new FormulaNumber(3))));
        F("8-4-2").Root.ShouldBe(new FormulaOperation(FormulaOperator.Subtract,
            new FormulaOperation(FormulaOperator.Subtract, new FormulaNumber(8), new FormulaNumber(4)), new FormulaNumber(2)));
    }

    [Theory]
    [InlineData("", 0, "expected a number, `{可售库存}` or `(` at 0, found the end of the formula")]
    [InlineData("   ", 3, "expected a number, `{可售库存}` or `(` at 3, found the end of the formula")]
    [InlineData("{可售库存}*", 7, "expected a number, `{可售库存}` or `(` at 7, found the end of the formula")]      // scenario 16
    [InlineData("{实际库存}*2", 0, "expected `{可售库存}` or `{sellable}` at 0, found `{实际库存}`")]                // scenario 16
    [InlineData("-{可售库存}", 0, "expected a number, `{可售库存}` or `(` (a term cannot start with a sign: write `0-…`) at 0, found `-`")] // scenario 16
    [InlineData("1e3", 1, "expected an operator (`+`, `-`, `*`, `/`) or the end of the formula at 1, found `e3`")]        // scenario 16
    [InlineData("{可售库存}*30%", 9, "expected an operator (`+`, `-`, `*`, `/`) or the end of the formula at 9, found `%`")]
    [InlineData("{可售库存}**2", 7, "expected a number, `{可售库存}` or `(` at 7, found `*`")]
    [InlineData("{可售库存}^2", 6, "found `^`")]
    [InlineData("5*-3", 2, "(a term cannot start with a sign: write `0-…`) at 2, found `-`")]
    [InlineData("+5", 0, "found `+`")]
    [InlineData("({可售库存}+10", 10, "expected an operator (`+`, `-`, `*`, `/`) or `)` at 10, found the end of the formula")]
    [InlineData("{可售库存}+10)", 9, "expected an operator (`+`, `-`, `*`, `/`) or the end of the formula at 9, found `)`")]
    [InlineData("(1+2))", 5, "found `)`")]
    [InlineData("()", 1, "expected a number, `{可售库存}` or `(` at 1, found `)`")]
    [InlineData("2(3)", 1, "found `(`")]                                                                  // no implicit multiplication
    [InlineData("2 3", 2, "found `3`")]
    [InlineData("3.", 2, "expected a digit after `.` at 2, found the end of the formula")]
    [InlineData("3.x", 2, "expected a digit after `.` at 2, found `x`")]
    [InlineData(".5", 0, "found `.`")]
    [InlineData("1.2.3", 3, "found `.`")]
    [InlineData("1,5", 1, "found `,`")]                                                                   // no decimal comma
    [InlineData("３", 0, "found `３`")]                                                                   // full-width digits are not digits
    [InlineData("abc*2", 0, "found `abc`")]
    [InlineData("{other}", 0, "expected `{可售库存}` or `{sellable}` at 0, found `{other}`")]
    [InlineData("{Sellable}", 0, "found `{Sellable}`")]                                                  // names are exact
    [InlineData("{ 可售库存 }", 0, "found `{ 可售库存 }`")]
    [InlineData("2*{可售库存", 2, "expected `{可售库存}` or `{sellable}` at 2, found `{可售库存` without a closing `}`")]
    [InlineData("{可售库存}}", 6, "found `}`")]
    [InlineData("1+😀", 2, "found `😀`")]                                                                 // a surrogate pair is shown whole
    public void an_invalid_formula_says_what_was_expected_and_where(string text, int position, string message)
    {
        var error = Error(text);
        error.Position.ShouldBe(position);
        error.Message.ShouldContain(message);
    }

    [Fact]
    public void a_long_token_is_quoted_shortened()
    {
        var error = Error("{" + new string('x', 60) + "}");
        error.Message.ShouldBe("expected `{可售库存}` or `{sellable}` at 0, found `{xxxxxxxxxxxxxxxxxxx…`");
    }

    [Fact]
    public void a_syntax_error_is_an_invalid_formula_domain_error_carrying_its_position()
    {
        var error = Error("{可售库存}*").ToDomainError();
        error.Code.ShouldBe("INVALID_FORMULA");
        error.Field.ShouldBe("formula");
        error.Details.ShouldBe(new FormulaError(7, error.Message));
    }

    [Fact]
    public void null_is_an_empty_formula() => StockFormula.Parse(null).Error!.Position.ShouldBe(0);
}
