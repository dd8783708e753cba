namespace Cabinets.Api.Vending;

/// <summary>`Vending__*` (VENDING.md §4.7). The WeChat payment timeout is the decider's 15 minutes (`Charging.WeChatPaymentTimeout`).</summary>
public sealed class VendingSettings
{
    public long DefaultAmountLimit { get; set; } = 20000;

    public int SessionTtlSeconds { get; set; } = 120;

    public int ProductPullMinutes { get; set; } = 15;

    public string SalesPushLocalTime { get; set; } = "02:00";

    public TimeSpan SessionTtl => TimeSpan.FromSeconds(SessionTtlSeconds);
}
