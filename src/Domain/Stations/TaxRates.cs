using System.Globalization;
using System.Text.RegularExpressions;

namespace Cabinets.Domain.Stations;

/// <summary>
/// Tax rates as the station API writes them — a percent string in [0, 100) with at most two
/// decimals ("45", "0", "12.5", "99.99") — and as they are stored: basis points (4500).
/// </summary>
public static partial class TaxRates
{
    public const string RangeReason = "must be >= 0 and < 100";
    public const string FormatReason = "must be a decimal percent with at most 2 decimals";

    [GeneratedRegex(@"^-?\d+(\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainDecimal();

    /// <summary>Parses a percent; <paramref name="reason"/> says why when it is refused.</summary>
    public static bool TryParsePercent(string? text, out int basisPoints, out string reason)
    {
        basisPoints = 0;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || !PlainDecimal().IsMatch(text)
            || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent))
        {
            reason = FormatReason;
            return false;
        }
        if (percent < 0 || percent >= 100)
        {
            reason = RangeReason;
            return false;
        }
        if (!TaxArithmetic.HasAtMostTwoDecimals(percent) || (text.Contains('.') && text.Length - text.IndexOf('.') - 1 > 2))
        {
            reason = FormatReason;
            return false;
        }
        basisPoints = (int)(percent * 100);
        reason = "";
        return true;
    }

    public static bool IsValid(int basisPoints) => basisPoints is >= 0 and < 10000;

    /// <summary>4500 → "45", 1250 → "12.5", 5 → "0.05": percent, trailing zeros dropped.</summary>
    public static string ToPercent(int basisPoints) =>
        (basisPoints / 100m).ToString("0.##", CultureInfo.InvariantCulture);
}
