using System.Globalization;
using System.Text.RegularExpressions;

namespace Cabinets.Api.Stations;

/// <summary>The station REST formats (TAX.md §4.1): Y "11.84", N 11.84 (shortest exact), F fen, Q quantities; times in Asia/Shanghai.</summary>
public static partial class StationMoney
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [GeneratedRegex(@"^\d+(\.\d{1,2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex YuanText();

    /// <summary>Y: yuan with exactly two decimals.</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>N: yuan as an exact JSON number in its shortest form (23, 119.14, 17.7).</summary>
    public static decimal Num(long fen) => decimal.Parse((fen / 100m).ToString("0.##", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Q: a quantity without trailing zeros.</summary>
    public static decimal Qty(decimal quantity) => decimal.Parse(quantity.ToString("0.##", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A yuan string (≥ 0, at most two decimals) in fen; null when it is not one.</summary>
    public static long? ParseYuan(string? text) =>
        text is not null && YuanText().IsMatch(text.Trim()) ? (long)(decimal.Parse(text.Trim(), CultureInfo.InvariantCulture) * 100) : null;

    public static string LocalMinutes(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, Shanghai).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string LocalSeconds(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, Shanghai).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    public static DateOnly LocalDate(DateTimeOffset t) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, Shanghai).DateTime);

    /// <summary>`YYYY-MM-DD HH:MM` in Asia/Shanghai.</summary>
    public static DateTimeOffset? ParseLocalMinutes(string? text)
    {
        if (!DateTime.TryParseExact(text?.Trim(), "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return null;
        return new DateTimeOffset(local, Shanghai.GetUtcOffset(local));
    }

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static DateTimeOffset StartOfLocalDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Shanghai.GetUtcOffset(local));
    }
}
