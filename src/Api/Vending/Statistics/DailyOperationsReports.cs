using Cabinets.Projections.Vending.Statistics;
using Npgsql;
using static Cabinets.Api.Vending.Statistics.StatisticsSql;

namespace Cabinets.Api.Vending.Statistics;

/// <summary>One `StoreDayFigures`: a store's day (null store: what belongs to none, e.g. an ERP task), or the total.</summary>
public sealed class StoreDayFigures(string? storeCode)
{
    public string? StoreCode { get; } = storeCode;
    public int OrdersRecorded { get; set; }
    public int OrdersPaid { get; set; }
    public long GrossAmount { get; set; }
    public long RefundAmount { get; set; }
    public long NetAmount => GrossAmount - RefundAmount;
    public long WechatNetAmount { get; set; }
    public long TicketNetAmount { get; set; }
    public long TicketsNet { get; set; }
    public PaymentSuccessStats Charges { get; set; } = PaymentSuccessStats.None;
    public long OnlineSeconds { get; set; }
    public long ObservedSeconds { get; set; }
    public double? PaymentSuccessRate => Charges.Rate;
    public double? DeviceOnlineRate => Rate(OnlineSeconds, ObservedSeconds);
    public int ExceptionOrdersRaised { get; set; }
    public int ExceptionOrdersPending { get; set; }
    public int ManualTasksOpened { get; set; }
    public int ManualTasksOpen { get; set; }
    public int ComplaintsFiled { get; set; }
    public int ComplaintsResolved { get; set; }

    public void Add(StoreDayFigures o)
    {
        OrdersRecorded += o.OrdersRecorded; OrdersPaid += o.OrdersPaid; GrossAmount += o.GrossAmount; RefundAmount += o.RefundAmount;
        WechatNetAmount += o.WechatNetAmount; TicketNetAmount += o.TicketNetAmount; TicketsNet += o.TicketsNet; Charges = Charges.Plus(o.Charges);
        OnlineSeconds += o.OnlineSeconds; ObservedSeconds += o.ObservedSeconds; ExceptionOrdersRaised += o.ExceptionOrdersRaised;
        ExceptionOrdersPending += o.ExceptionOrdersPending; ManualTasksOpened += o.ManualTasksOpened; ManualTasksOpen += o.ManualTasksOpen;
        ComplaintsFiled += o.ComplaintsFiled; ComplaintsResolved += o.ComplaintsResolved;
    }
}

/// <summary>`DailyOperationsReport`: <see cref="Final"/> once the day ended and 02:00 of the next day (the ERP push) passed.</summary>
public sealed record DailyOperationsReport(DateOnly Date, bool Final, StoreDayFigures Total, IReadOnlyList<StoreDayFigures> Stores);

/// <summary>
/// `dailyOperationsReport` (VENDING.md §2.12, 日常运营报告 and 异常统计报告): per store and in total,
/// orders recorded (NORMAL and SUPPLEMENTARY, by their recording day) and paid (by their first
/// payment's day), money moved that day, the day's charges and device time, exception orders raised
/// that day and still pending, manual tasks opened that day and still open, complaints filed that
/// day and complaints resolved that day. Each part is one indexed read of one day.
/// </summary>
public static class DailyOperationsReports
{
    public static async Task<DailyOperationsReport> BuildAsync(NpgsqlDataSource db, DateOnly date, DateTimeOffset now, CancellationToken ct = default)
    {
        var stores = new SortedDictionary<string, StoreDayFigures>(StringComparer.Ordinal);
        StoreDayFigures? none = null;
        StoreDayFigures Of(string? store) => store is null ? none ??= new StoreDayFigures(null)
            : stores.TryGetValue(store, out var f) ? f : stores[store] = new StoreDayFigures(store);

        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            async Task ReadAsync(string sql, Action<StoreDayFigures, NpgsqlDataReader> apply)
            {
                await using var cmd = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = date } } };
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) apply(Of(reader.IsDBNull(0) ? null : reader.GetString(0)), reader);
            }
            static int Int(NpgsqlDataReader r, int i) => (int)r.GetInt64(i);
            static long Long(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

            await ReadAsync($"select store_code, count(*) from {S}.stats_orders where recorded_day = $1 group by store_code",
                (f, r) => f.OrdersRecorded = Int(r, 1));
            await ReadAsync($"select store_code, sum(paid_orders) from {S}.stats_sales_orders where business_day = $1 group by store_code",
                (f, r) => f.OrdersPaid = (int)Long(r, 1));
            await ReadAsync($"""
                select store_code, sum(gross_amount), sum(refund_amount),
                       sum(gross_amount - refund_amount) filter (where payment_type = 'WECHAT'),
                       sum(gross_amount - refund_amount) filter (where payment_type = 'TICKETS'),
                       sum(tickets_collected - tickets_refunded)
                  from {S}.stats_sales_by_store where business_day = $1 group by store_code
                """, (f, r) => (f.GrossAmount, f.RefundAmount, f.WechatNetAmount, f.TicketNetAmount, f.TicketsNet) =
                    (Long(r, 1), Long(r, 2), Long(r, 3), Long(r, 4), Long(r, 5)));
            await ReadAsync($"""
                select store_code, sum(started), sum(succeeded_first_time), sum(failed), sum(started - decided)
                  from {S}.stats_charge_counts where business_day = $1 group by store_code
                """, (f, r) => f.Charges = new((int)Long(r, 1), (int)Long(r, 2), (int)Long(r, 3), (int)Long(r, 4)));
            await ReadAsync($"select store_code, count(*), count(*) filter (where pending) from {S}.stats_exception_orders where raised_day = $1 group by store_code",
                (f, r) => (f.ExceptionOrdersRaised, f.ExceptionOrdersPending) = (Int(r, 1), Int(r, 2)));
            await ReadAsync($"select store_code, count(*), count(*) filter (where open) from {S}.stats_manual_tasks where opened_day = $1 group by store_code",
                (f, r) => (f.ManualTasksOpened, f.ManualTasksOpen) = (Int(r, 1), Int(r, 2)));
            await ReadAsync($"select store_code, count(*) from {S}.stats_complaints where filed_day = $1 group by store_code",
                (f, r) => f.ComplaintsFiled = Int(r, 1));
            await ReadAsync($"select store_code, count(*) from {S}.stats_complaints where resolved_day = $1 group by store_code",
                (f, r) => f.ComplaintsResolved = Int(r, 1));
        }
        foreach (var row in (await DeviceOnlineRates.QueryAsync(db, date, date, null, null, now, ct)).Rows)
        {
            var f = Of(row.StoreCode);
            f.OnlineSeconds += row.OnlineSeconds;
            f.ObservedSeconds += row.ObservedSeconds;
        }

        var all = stores.Values.Concat(none is null ? [] : [none]).ToList();
        var total = new StoreDayFigures(null);
        foreach (var f in all) total.Add(f);
        var final = now >= VendingBusinessDay.At(date.AddDays(1), new TimeOnly(2, 0));
        return new DailyOperationsReport(date, final, total, all);
    }
}
