using System.Globalization;

namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// WeChat's two ways of writing a time (VENDING.md §4.3, §4.4): `yyyyMMddHHmmss` on the Asia/Shanghai
/// clock in pay-score bodies and `paid_time`, RFC 3339 with `+08:00` in notifications
/// (`success_time`, `openorclose_time`). Reading accepts either wherever a time is expected,
/// because WeChat's own documents disagree between fields.
/// </summary>
public static class WeChatTime
{
    private const string Compact = "yyyyMMddHHmmss";

    /// <summary>Asia/Shanghai has been UTC+8 without daylight saving since 1991; the zone is looked up, the offset is the fallback.</summary>
    private static readonly TimeZoneInfo Shanghai = FindShanghai();

    public static string Format(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Shanghai).ToString(Compact, CultureInfo.InvariantCulture);

    public static string Rfc3339(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Shanghai).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateTimeOffset at)
    {
        at = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (text.Length == Compact.Length && DateTime.TryParseExact(text, Compact, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            at = new DateTimeOffset(local, Shanghai.GetUtcOffset(local));
            return true;
        }
        // An offset (or Z) is required: a bare local time would be read on the server's own zone.
        var hasOffset = text[^1] is 'Z' or 'z' || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        return hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out at);
    }

    private static TimeZoneInfo FindShanghai()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "Asia/Shanghai", "Asia/Shanghai");
        }
    }
}
