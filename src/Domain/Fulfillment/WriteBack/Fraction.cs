using System.Numerics;

namespace Cabinets.Domain.Fulfillment.WriteBack;

/// <summary>
/// An exact rational number, always reduced, denominator &gt; 0. Formulas are evaluated in these
/// rather than in <see cref="decimal"/> arithmetic so that `{可售库存}/3*3` on 10 is 10, not the 9 that
/// 9.999…9 floors to (ADR-0033). A formula is at most 200 characters, so the numbers stay small.
/// </summary>
internal readonly record struct Fraction
{
    private Fraction(BigInteger numerator, BigInteger denominator)
    {
        Numerator = numerator;
        Denominator = denominator;
    }

    public BigInteger Numerator { get; }

    public BigInteger Denominator { get; }

    public bool IsZero => Numerator.IsZero;

    public static Fraction Of(long value) => new(value, BigInteger.One);

    /// <summary>A decimal is mantissa / 10^scale exactly.</summary>
    public static Fraction Of(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        return Create(bits[3] < 0 ? -mantissa : mantissa, BigInteger.Pow(10, value.Scale));
    }

    public static Fraction operator +(Fraction a, Fraction b) =>
        Create(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Fraction operator -(Fraction a, Fraction b) =>
        Create(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Fraction operator *(Fraction a, Fraction b) => Create(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    /// <summary>The caller has checked <paramref name="b"/> is not zero.</summary>
    public static Fraction operator /(Fraction a, Fraction b) => Create(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public int CompareTo(Fraction other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <summary>The largest integer not above the value (towards −∞, so −0.5 floors to −1).</summary>
    public BigInteger Floor()
    {
        var quotient = BigInteger.DivRem(Numerator, Denominator, out var remainder);
        return remainder.Sign < 0 ? quotient - 1 : quotient;
    }

    private static Fraction Create(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        return gcd.IsOne || gcd.IsZero ? new(numerator, denominator) : new(numerator / gcd, denominator / gcd);
    }
}
