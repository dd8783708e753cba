using System.Globalization;
using Cabinets.Domain.Stations;

namespace Cabinets.Domain.Tests.Stations;

/// <summary>TAX.md §1.7 (integer arithmetic, half up, tax on the line) and §1.2 (percent strings ↔ basis points).</summary>
public sealed class TaxArithmeticTests
{
    // Quantities are strings: decimal is not an attribute constant.
    private static decimal Q(string quantity) => decimal.Parse(quantity, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("1", 1184, 1184)]      // the seed's example
    [InlineData("3", 1184, 3552)]      // scenario 4
    [InlineData("2", 1184, 2368)]      // scenarios 7 and 14
    [InlineData("1.5", 1184, 1776)]    // scenario 14, real quantity on the sheet
    [InlineData("4.33", 100, 433)]     // scenario 8
    [InlineData("4.44", 100, 444)]     // scenario 15
    [InlineData("0.5", 1, 1)]          // half a fen rounds up
    [InlineData("0.49", 1, 0)]         // just under half a fen rounds down
    [InlineData("0.51", 1, 1)]
    [InlineData("1.25", 3, 4)]         // 3.75 → 4
    [InlineData("1.5", 3, 5)]          // 4.5 → 5 (half up, not to even)
    [InlineData("2.5", 1, 3)]          // 2.5 → 3 (half up, not to even)
    [InlineData("0.01", 1184, 12)]     // 11.84 → 12
    [InlineData("7", 0, 0)]            // time-priced line without a price yet
    [InlineData("0", 1184, 0)]         // an emptied sheet line
    public void a_line_amount_is_quantity_times_unit_price_rounded_half_up(string quantity, long unitPrice, long amount) =>
        TaxArithmetic.Amount(Q(quantity), unitPrice).ShouldBe(amount);

    [Theory]
    [InlineData(1184, 4500, 367, 817)]     // the seed's example: 367.45 → 3.67, without 8.17
    [InlineData(3552, 4500, 1102, 2450)]   // quantity 3: 1102.34 → 11.02 (unit tax × 3 would be 11.01)
    [InlineData(1503, 2000, 251, 1252)]    // the tie: 250.5 → 251, without 12.52
    [InlineData(2368, 1300, 272, 2096)]    // scenario 7: 272.42 → 2.72
    [InlineData(1776, 4500, 551, 1225)]    // scenario 14, sheet (real quantity 1.5)
    [InlineData(2368, 4500, 735, 1633)]    // scenario 14, order (quantity 2)
    [InlineData(100, 4500, 31, 69)]        // 31.03
    [InlineData(444, 0, 0, 444)]           // rate 0 (set or not set): no tax
    [InlineData(1184, 0, 0, 1184)]
    [InlineData(0, 4500, 0, 0)]            // nothing delivered
    [InlineData(1, 4500, 0, 1)]            // 0.31 → 0
    [InlineData(2, 4500, 1, 1)]            // 0.62 → 1
    [InlineData(1184, 9999, 592, 592)]     // highest rate: 591.99 → 592
    [InlineData(10001, 1, 1, 10000)]       // 1.0000 exactly
    [InlineData(20001, 1, 2, 19999)]       // 1.99990... → 2
    public void tax_is_taken_on_the_line_amount_half_up_and_without_tax_is_the_rest(long amount, int basisPoints, long tax, long withoutTax)
    {
        TaxArithmetic.TaxOf(amount, basisPoints).ShouldBe(tax);
        TaxArithmetic.WithoutTax(amount, basisPoints).ShouldBe(withoutTax);
        (TaxArithmetic.TaxOf(amount, basisPoints) + TaxArithmetic.WithoutTax(amount, basisPoints)).ShouldBe(amount);
    }

    [Theory]
    [InlineData(1184, 4500, 817)]    // scenario 3/4 sale_price_without_tax 8.17, whatever the quantity
    [InlineData(1503, 2000, 1252)]   // scenario 5
    [InlineData(100, 0, 100)]        // scenario 15, line without a rule: 1.00
    public void the_unit_price_without_tax_comes_from_the_unit_price(long unitPrice, int basisPoints, long withoutTax) =>
        TaxArithmetic.WithoutTax(unitPrice, basisPoints).ShouldBe(withoutTax);

    [Fact]
    public void tax_on_the_line_differs_from_unit_tax_times_quantity()
    {
        var onTheLine = TaxArithmetic.TaxOf(TaxArithmetic.Amount(3, 1184), 4500);
        var unitTimesQuantity = TaxArithmetic.TaxOf(1184, 4500) * 3;
        onTheLine.ShouldBe(1102);
        unitTimesQuantity.ShouldBe(1101);
    }

    [Fact]
    public void the_half_up_formula_matches_exact_rational_rounding_over_a_range()
    {
        foreach (var r in new[] { 1, 5, 600, 1250, 1300, 2000, 4500, 9999 })
        {
            for (long a = 0; a <= 5000; a++)
            {
                var exact = (decimal)a * r / (10000 + r);
                var expected = (long)Math.Round(exact, MidpointRounding.AwayFromZero);
                TaxArithmetic.TaxOf(a, r).ShouldBe(expected, $"A = {a}, r = {r}");
            }
        }
    }

    [Theory]
    [InlineData(1184, "1", 1184)]
    [InlineData(1185, "2", 593)]     // 592.5 → 593
    [InlineData(1183, "2", 592)]     // 591.5 → 592
    [InlineData(1000, "3", 333)]     // 333.33
    [InlineData(1000, "6", 167)]     // 166.67
    [InlineData(1000, "0.5", 2000)]
    [InlineData(999, "2.5", 400)]    // 399.6
    [InlineData(0, "3", 0)]
    public void the_price_per_base_unit_is_unit_price_over_sale_ratio_rounded_half_up(long unitPrice, string saleRatio, long perBaseUnit) =>
        TaxArithmetic.PerBaseUnit(unitPrice, Q(saleRatio)).ShouldBe(perBaseUnit);

    [Theory]
    [InlineData("1", 100)]
    [InlineData("4.33", 433)]
    [InlineData("0.01", 1)]
    [InlineData("1.5", 150)]
    public void a_quantity_in_hundredths(string quantity, long hundredths) =>
        TaxArithmetic.Hundredths(Q(quantity)).ShouldBe(hundredths);

    [Theory]
    [InlineData("1", true)]
    [InlineData("4.33", true)]
    [InlineData("4.30", true)]
    [InlineData("0", true)]
    [InlineData("3.333", false)]
    [InlineData("0.001", false)]
    public void at_most_two_decimals(string value, bool ok) =>
        TaxArithmetic.HasAtMostTwoDecimals(Q(value)).ShouldBe(ok);

    [Theory]
    [InlineData("45", 4500)]
    [InlineData("25", 2500)]
    [InlineData("99.99", 9999)]
    [InlineData("0", 0)]
    [InlineData("12.5", 1250)]
    [InlineData("13", 1300)]
    [InlineData("20", 2000)]
    [InlineData("0.05", 5)]
    [InlineData("0.01", 1)]
    [InlineData(" 45 ", 4500)]
    public void a_percent_in_range_with_at_most_two_decimals_becomes_basis_points(string text, int basisPoints)
    {
        TaxRates.TryParsePercent(text, out var parsed, out var reason).ShouldBeTrue();
        parsed.ShouldBe(basisPoints);
        reason.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("100")]
    [InlineData("-1")]
    [InlineData("100.5")]
    [InlineData("150")]
    [InlineData("-0.5")]
    public void a_percent_outside_0_to_100_is_refused_with_the_range_reason(string text)
    {
        TaxRates.TryParsePercent(text, out var parsed, out var reason).ShouldBeFalse();
        reason.ShouldBe(TaxRates.RangeReason);
        parsed.ShouldBe(0);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("12.345")]
    [InlineData("45.100")] // written with three decimals, whatever its value
    [InlineData("1e1")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("12.")]
    [InlineData(".5")]
    [InlineData("45%")]
    [InlineData("1,5")]
    [InlineData("+5")]
    [InlineData("0x10")]
    public void a_percent_that_is_not_a_plain_decimal_with_at_most_two_places_is_refused(string? text)
    {
        TaxRates.TryParsePercent(text, out var parsed, out var reason).ShouldBeFalse();
        reason.ShouldBe(TaxRates.FormatReason);
        parsed.ShouldBe(0);
    }

    [Theory]
    [InlineData(4500, "45")]
    [InlineData(1250, "12.5")]
    [InlineData(5, "0.05")]
    [InlineData(0, "0")]
    [InlineData(9999, "99.99")]
    [InlineData(1300, "13")]
    [InlineData(1205, "12.05")]
    public void basis_points_show_as_a_percent_without_trailing_zeros(int basisPoints, string percent) =>
        TaxRates.ToPercent(basisPoints).ShouldBe(percent);

    [Theory]
    [InlineData(0, true)]
    [InlineData(9999, true)]
    [InlineData(10000, false)]
    [InlineData(-1, false)]
    public void a_stored_rate_is_valid_in_0_to_9999_basis_points(int basisPoints, bool valid) =>
        TaxRates.IsValid(basisPoints).ShouldBe(valid);

    [Theory]
    [InlineData("45")]
    [InlineData("12.5")]
    [InlineData("0.05")]
    [InlineData("99.99")]
    [InlineData("0")]
    public void a_percent_round_trips(string percent)
    {
        TaxRates.TryParsePercent(percent, out var bp, out _).ShouldBeTrue();
        TaxRates.ToPercent(bp).ShouldBe(percent);
    }
}
