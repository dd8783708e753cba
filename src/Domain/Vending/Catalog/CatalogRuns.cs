namespace Cabinets.Domain.Vending.Catalog;

/// <summary>
/// A product pull (VENDING.md §2.11), on its 15-minute schedule (<paramref name="SyncId"/> names the
/// slot, so every node asks for the same pull and one claims it) or by `syncProducts`.
/// </summary>
public sealed record RequestProductSync(string SyncId, DateTimeOffset Now);

/// <summary>What `syncProducts` answers: the pull asked for (its outcome follows through the outbox).</summary>
public sealed record ProductSyncRun(string SyncId, DateTimeOffset RequestedAt);

/// <summary>The 02:00 push of the previous business day: one summary per store with money movements, each claimed once.</summary>
public sealed record RequestDailySalesPush(DateOnly BusinessDate, DateTimeOffset Now);

/// <summary>`pushSalesSummary`: (re)send one store's day at once, the admin waiting for the answer.</summary>
public sealed record PushSalesSummaryNow(string StoreCode, DateOnly BusinessDate, DateTimeOffset Now);

public static class SalesSummaryIds
{
    /// <summary>`SS-{yyyyMMdd}-{storeCode}` (§2.11): a resend of the same day is the same summary to the ERP.</summary>
    public static string Of(string storeCode, DateOnly businessDate) => $"SS-{businessDate:yyyyMMdd}-{storeCode}";
}
