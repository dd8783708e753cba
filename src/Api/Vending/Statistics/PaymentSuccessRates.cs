using System.Text;
using Cabinets.Domain.Vending;
using Npgsql;
using static Cabinets.Api.Vending.Statistics.StatisticsSql;

namespace Cabinets.Api.Vending.Statistics;

/// <summary>`PaymentSuccessStats`: charges started in the window and how they went; `rate` = succeeded first time / (that + failed).</summary>
public sealed record PaymentSuccessStats(int Started, int SucceededFirstTime, int Failed, int Pending)
{
    public double? Rate => StatisticsSql.Rate(SucceededFirstTime, SucceededFirstTime + Failed);

    public static PaymentSuccessStats None { get; } = new(0, 0, 0, 0);

    public PaymentSuccessStats Plus(PaymentSuccessStats o) =>
        new(Started + o.Started, SucceededFirstTime + o.SucceededFirstTime, Failed + o.Failed, Pending + o.Pending);
}

/// <summary>
/// `paymentSuccessRate` (VENDING.md §2.12) over the day sums of the charges, which are dated and
/// typed by their first ChargeStarted, so a window of a year reads its days' rows, not its charges.
/// </summary>
public static class PaymentSuccessRates
{
    public static async Task<PaymentSuccessStats> QueryAsync(NpgsqlDataSource db, DateOnly from, DateOnly to, string? storeCode,
        VendingPaymentType? paymentType, CancellationToken ct = default)
    {
        var byStore = await ByStoreAsync(db, from, to, storeCode, paymentType, ct);
        return byStore.Values.Aggregate(PaymentSuccessStats.None, (sum, s) => sum.Plus(s));
    }

    /// <summary>The figures of each store that started a charge in the window.</summary>
    public static async Task<IReadOnlyDictionary<string, PaymentSuccessStats>> ByStoreAsync(NpgsqlDataSource db, DateOnly from, DateOnly to,
        string? storeCode, VendingPaymentType? paymentType, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand();
        var sql = new StringBuilder($"""
            select store_code, sum(started), sum(succeeded_first_time), sum(failed), sum(started - decided)
              from {S}.stats_charge_counts
             where business_day between {P(cmd, from)} and {P(cmd, to)}
            """);
        if (storeCode is not null) sql.Append($" and store_code = {P(cmd, storeCode)}");
        if (paymentType is { } type) sql.Append($" and payment_type = {P(cmd, Name(type))}");
        sql.Append(" group by store_code");
        cmd.CommandText = sql.ToString();
        var stats = new Dictionary<string, PaymentSuccessStats>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            stats[reader.GetString(0)] = new((int)reader.GetInt64(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3), (int)reader.GetInt64(4));
        return stats;
    }
}
