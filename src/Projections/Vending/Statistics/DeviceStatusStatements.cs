using Cabinets.Domain.Vending;
using Cabinets.Projections.Lockers.FreeDoors;
using static Cabinets.Projections.Vending.Statistics.StatisticsStatements;

namespace Cabinets.Projections.Vending.Statistics;

/// <summary>
/// Device status intervals for the time-weighted online rate (VENDING.md §2.12): a device is
/// observed from its registration to its decommissioning, OFFLINE until its first report, and each
/// change (a status taking effect at its `ReportedAt`, a move, a decommissioning) closes the open
/// interval and opens the next. Every change runs as three statements guarded by the device's last
/// applied event, so an event applied again does nothing:
/// close the open interval at the change → move the device's state → open the interval of the new state.
/// A status whose `ReportedAt` precedes the open interval's start changes that interval itself
/// (the close leaves it empty and the open takes its key back).
/// </summary>
internal static class DeviceStatusStatements
{
    private const string S = VendingStatisticsTables.Schema;

    public static void Registered(ProjectionStatements batch, long seq, DeviceRegistered r)
    {
        Close(batch, seq, r.DeviceCode, r.At);
        Add(batch, $"""
            insert into {S}.stats_devices as d (device_code, store_code, status, since, observed, last_seq) values (?, ?, 'OFFLINE', ?, true, ?)
            on conflict (device_code) do update set store_code = excluded.store_code, since = greatest(d.since, excluded.since), observed = true,
                last_seq = excluded.last_seq
             where d.last_seq < excluded.last_seq
            """, r.DeviceCode, r.StoreCode, r.At, seq);
        Open(batch, seq, r.DeviceCode);
    }

    public static void StatusChanged(ProjectionStatements batch, long seq, DeviceStatusChanged s) =>
        Change(batch, seq, s.DeviceCode, s.ReportedAt, "status = ?", Name(s.Status));

    public static void Moved(ProjectionStatements batch, long seq, DeviceMoved m) =>
        Change(batch, seq, m.DeviceCode, m.At, "store_code = ?", m.ToStoreCode);

    public static void Decommissioned(ProjectionStatements batch, long seq, DeviceDecommissioned d) =>
        Change(batch, seq, d.DeviceCode, d.At, "observed = ?", false);

    private static void Change(ProjectionStatements batch, long seq, string device, DateTimeOffset at, string set, object value)
    {
        Close(batch, seq, device, at);
        Add(batch, $"""
            update {S}.stats_devices set {set}, since = greatest(since, ?), last_seq = ?
             where device_code = ? and last_seq < ?
            """, value, at, seq, device, seq);
        Open(batch, seq, device);
    }

    private static void Close(ProjectionStatements batch, long seq, string device, DateTimeOffset at) => Add(batch, $"""
        update {S}.stats_device_status_intervals i
           set to_at = greatest(?::timestamptz, i.from_at), period = tstzrange(i.from_at, greatest(?::timestamptz, i.from_at))
          from {S}.stats_devices d
         where d.device_code = ? and d.last_seq < ? and i.device_code = d.device_code and i.to_at is null
        """, at, at, device, seq);

    private static void Open(ProjectionStatements batch, long seq, string device) => Add(batch, $"""
        insert into {S}.stats_device_status_intervals as i (device_code, from_at, to_at, period, store_code, status)
        select device_code, since, null, tstzrange(since, null), store_code, status
          from {S}.stats_devices where device_code = ? and last_seq = ? and observed
        on conflict (device_code, from_at) do update set to_at = null, period = excluded.period, store_code = excluded.store_code, status = excluded.status
        """, device, seq);
}
