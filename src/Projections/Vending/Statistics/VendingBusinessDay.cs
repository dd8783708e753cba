namespace Cabinets.Projections.Vending.Statistics;

/// <summary>
/// A business day is the calendar day in Asia/Shanghai (VENDING.md, preamble): every figure of the
/// statistics is dated by it, and every query turns its `Date` bounds back into UTC instants with it.
/// </summary>
public static class VendingBusinessDay
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly Of(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);

    /// <summary>The instant (UTC) the business day begins, 00:00 Asia/Shanghai.</summary>
    public static DateTimeOffset Start(DateOnly day) => At(day, TimeOnly.MinValue);

    /// <summary>The instant (UTC) of a local time of day on a business day.</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
