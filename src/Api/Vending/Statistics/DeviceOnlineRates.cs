using System.Text;
using Cabinets.Projections.Vending.Statistics;
using Npgsql;
using static Cabinets.Api.Vending.Statistics.StatisticsSql;

namespace Cabinets.Api.Vending.Statistics;

/// <summary>One `DeviceOnlineRow`: a device in one store (a device moved in the window has a row per store).</summary>
public sealed record DeviceOnlineRow(string DeviceCode, string StoreCode, long OnlineSeconds, long ObservedSeconds)
{
    public double? Rate => StatisticsSql.Rate(OnlineSeconds, ObservedSeconds);
}

/// <summary>`DeviceOnlineReport`: the rows and their sums; `rate` = Σ online / Σ observed.</summary>
public sealed record DeviceOnlineReport(IReadOnlyList<DeviceOnlineRow> Rows)
{
    public long OnlineSeconds => Rows.Sum(r => r.OnlineSeconds);
    public long ObservedSeconds => Rows.Sum(r => r.ObservedSeconds);
    public double? Rate => StatisticsSql.Rate(OnlineSeconds, ObservedSeconds);
}

/// <summary>
/// `deviceOnlineRate` (VENDING.md §2.12), time-weighted: each status interval overlapping the
/// window [start of `from`, end of `to`) counts its seconds inside it, and no second after `now`
/// (the rest of today has not been observed yet). Intervals are found by their GiST-indexed period.
/// </summary>
public static class DeviceOnlineRates
{
    public static async Task<DeviceOnlineReport> QueryAsync(NpgsqlDataSource db, DateOnly from, DateOnly to, string? storeCode, string? deviceCode,
        DateTimeOffset now, CancellationToken ct = default)
    {
        var lo = VendingBusinessDay.Start(from);
        var hi = VendingBusinessDay.Start(to.AddDays(1));
        if (now < hi) hi = now;
        if (hi <= lo) return new DeviceOnlineReport([]);

        await using var cmd = db.CreateCommand();
        var (l, h) = (P(cmd, lo), P(cmd, hi));
        const string Seconds = "extract(epoch from least(coalesce(i.to_at, w.hi), w.hi) - greatest(i.from_at, w.lo))";
        var sql = new StringBuilder($"""
            with w as (select {l}::timestamptz as lo, {h}::timestamptz as hi)
            select i.device_code, i.store_code,
                   coalesce(sum({Seconds}) filter (where i.status = 'ONLINE'), 0)::bigint,
                   sum({Seconds})::bigint
              from {S}.stats_device_status_intervals i, w
             where i.period && tstzrange(w.lo, w.hi)
            """);
        if (storeCode is not null) sql.Append($" and i.store_code = {P(cmd, storeCode)}");
        if (deviceCode is not null) sql.Append($" and i.device_code = {P(cmd, deviceCode)}");
        sql.Append(" group by i.device_code, i.store_code order by i.device_code, i.store_code");
        cmd.CommandText = sql.ToString();
        var rows = new List<DeviceOnlineRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(new(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
        return new DeviceOnlineReport(rows);
    }
}
