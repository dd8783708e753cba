namespace Cabinets.Domain.Stations;

/// <summary>
/// The tax arithmetic of TAX.md §1.7, in integers: money in fen, rates in basis points, quantities
/// exact decimals with at most two places; every rounding is half up. Tax is taken on a line's
/// amount, never as unit tax × quantity, and without-tax is amount − tax so the two always add up.
/// </summary>
public static class TaxArithmetic
{
    /// <summary>round(quantity × unit price): with qc = quantity × 100, (qc × price + 50) div 100.</summary>
    public static long Amount(decimal quantity, long unitPrice) => (Hundredths(quantity) * unitPrice + 50) / 100;

    /// <summary>round(A × r / (10000 + r)) = A − A / (1 + rate), half up; 0 when the rate is 0 or not set.</summary>
    public static long TaxOf(long amount, int basisPoints) =>
        basisPoints == 0 ? 0 : (2 * amount * basisPoints + 10000 + basisPoints) / (2 * (10000L + basisPoints));

    public static long WithoutTax(long amount, int basisPoints) => amount - TaxOf(amount, basisPoints);

    /// <summary>Price per base unit: round(unit price / sale ratio), half up.</summary>
    public static long PerBaseUnit(long unitPrice, decimal saleRatio) =>
        saleRatio <= 0 ? unitPrice : (long)Math.Round(unitPrice / saleRatio, MidpointRounding.AwayFromZero);

    /// <summary>A quantity in hundredths; the caller has checked it has at most two decimals.</summary>
    public static long Hundredths(decimal quantity) => (long)decimal.Truncate(quantity * 100);

    public static bool HasAtMostTwoDecimals(decimal value) => decimal.Truncate(value * 100) == value * 100;
}
