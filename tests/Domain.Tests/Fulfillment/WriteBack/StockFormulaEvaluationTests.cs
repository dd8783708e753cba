using Cabinets.Domain.Fulfillment.WriteBack;
using static Cabinets.Domain.Tests.Fulfillment.WriteBack.Formulas;

namespace Cabinets.Domain.Tests.Fulfillment.WriteBack;

/// <summary>§2.10 and §6.15: exact arithmetic, floored, negative → 0, division by zero → not sent.</summary>
public sealed class StockFormulaEvaluationTests
{
    [Theory]
    [InlineData("{可售库存}*0.3", 10, 3)]       // L2625: shared stock
    [InlineData("{可售库存}*0.3", 80, 24)]      // scenario 16
    [InlineData("{可售库存}*3", 80, 240)]       // L2627: inflate, scenario 16
    [InlineData("{sellable}*3", 7, 21)]
    [InlineData("({sellable}+10)/2", 80, 45)]
    [InlineData("{可售库存}", 80, 80)]
    [InlineData("25", 80, 25)]                 // a constant ignores the stock
    public void the_examples_of_the_spec(string formula, long sellable, long quantity) =>
        F(formula).Evaluate(sellable).ShouldBe(FormulaEvaluation.Sent(quantity));

    [Theory]
    [InlineData("2+3*4", 14)]
    [InlineData("(2+3)*4", 20)]
    [InlineData("2*3+4*5", 26)]
    [InlineData("10-4-3", 3)]
    [InlineData("10-(4-3)", 9)]
    [InlineData("100/10/5", 2)]
    [InlineData("100/(10/5)", 50)]
    [InlineData("{可售库存}-{可售库存}*2+{可售库存}*3", 20)]
    [InlineData("({可售库存}+({可售库存}-(2*({可售库存}-5))))", 10)]
    public void precedence_and_parentheses(string formula, long quantity) =>
        F(formula).Evaluate(10).Quantity.ShouldBe(quantity);

    [Theory]
    [InlineData("0.3-0.1-0.2+1", 0, 1)]                 // exactly 1: in binary floating point 0.9999… floors to 0
    [InlineData("(0.1+0.2)*10", 0, 3)]
    [InlineData("{可售库存}*0.15", 100, 15)]
    [InlineData("{可售库存}*12.50", 2, 25)]
    [InlineData("{可售库存}/3*3", 10, 10)]               // exact fractions: in decimal arithmetic 9.999…9 floors to 9
    [InlineData("{可售库存}*(1/3)*3", 7, 7)]
    [InlineData("{可售库存}/6*3", 10, 5)]
    public void arithmetic_is_exact(string formula, long sellable, long quantity) =>
        F(formula).Evaluate(sellable).Quantity.ShouldBe(quantity);

    [Theory]
    [InlineData("{可售库存}*0.3", 9, 2)]         // 2.7
    [InlineData("{可售库存}*0.3", 3, 0)]         // 0.9
    [InlineData("0.999", 0, 0)]
    [InlineData("{可售库存}/2", 7, 3)]           // 3.5
    [InlineData("{可售库存}-100", 10, 0)]        // −90
    [InlineData("{可售库存}*0.5", -5, 0)]        // −2.5
    [InlineData("{可售库存}", -3, 0)]            // sellable may read negative (§2.8), write-back sends 0
    [InlineData("0-0.5", 0, 0)]
    public void the_result_is_floored_and_a_negative_one_is_sent_as_0(string formula, long sellable, long quantity) =>
        F(formula).Evaluate(sellable).ShouldBe(FormulaEvaluation.Sent(quantity));

    [Fact]
    public void division_by_zero_is_not_sent()
    {
        var result = F("{可售库存}/0").Evaluate(10);
        result.IsSent.ShouldBeFalse();
        result.Quantity.ShouldBeNull();
        result.Failure.ShouldBe(FormulaFailure.DivisionByZero);
        result.Reason.ShouldBe("division by zero: `0` is 0 when {可售库存} is 10");
    }

    [Fact]
    public void division_by_zero_depends_on_the_stock_and_fails_wherever_it_happens()
    {
        var formula = F("{sellable}/({sellable} - 10)");
        formula.Evaluate(12).ShouldBe(FormulaEvaluation.Sent(6));
        formula.Evaluate(10).Reason.ShouldBe("division by zero: `{可售库存}-10` is 0 when {可售库存} is 10");
        F("0*(1/0)").Evaluate(5).Failure.ShouldBe(FormulaFailure.DivisionByZero);   // multiplied away, still a failure
        F("1/(0.5-0.5)").Evaluate(5).Failure.ShouldBe(FormulaFailure.DivisionByZero);
        F("1/0.0").Evaluate(5).Failure.ShouldBe(FormulaFailure.DivisionByZero);
    }

    [Fact]
    public void a_result_beyond_a_long_is_not_sent_and_nothing_throws()
    {
        F("9223372036854775807").Evaluate(0).ShouldBe(FormulaEvaluation.Sent(long.MaxValue));
        var overflow = F("9223372036854775808").Evaluate(0);
        overflow.Failure.ShouldBe(FormulaFailure.Overflow);
        overflow.Reason.ShouldBe("the result is larger than 9223372036854775807 when {可售库存} is 0");
        F("{可售库存}*9999999999999999999999999999").Evaluate(long.MaxValue).Failure.ShouldBe(FormulaFailure.Overflow);
        F("{可售库存}*9999999999999999999999999999").Evaluate(long.MinValue).ShouldBe(FormulaEvaluation.Sent(0));
        F("{可售库存}*2").Evaluate(long.MinValue).ShouldBe(FormulaEvaluation.Sent(0));
    }

    [Fact]
    public void an_intermediate_value_beyond_a_decimal_does_not_fail_the_formula()
    {
        const string big = "9999999999999999999999999999";
        F($"{big}*{big}*{big}/{big}/{big}/{big}*{{可售库存}}").Evaluate(42).ShouldBe(FormulaEvaluation.Sent(42));
        F($"1/{big}/{big}*{big}*{big}*{{可售库存}}").Evaluate(42).ShouldBe(FormulaEvaluation.Sent(42));
    }

    [Fact]
    public void the_default_formula_is_the_sellable_quantity_itself()
    {
        StockFormula.Sellable.ToString().ShouldBe("{可售库存}");
        StockFormula.Sellable.ShouldBe(F("{sellable}"));
        StockFormula.Sellable.Evaluate(80).ShouldBe(FormulaEvaluation.Sent(80));
        StockFormula.Sellable.Evaluate(-1).ShouldBe(FormulaEvaluation.Sent(0));
    }
}
