using Cabinets.Domain.Vending;
using Cabinets.Projections.Lockers.FreeDoors;
using static Cabinets.Projections.Vending.Statistics.StatisticsStatements;

namespace Cabinets.Projections.Vending.Statistics;

/// <summary>
/// The daily operations report's cases (VENDING.md §2.12): exception orders raised and still
/// pending, manual tasks opened and still open, complaints filed and resolved, one row each, dated
/// by the day they arose. Inserts keep the first row and the state only moves forward, so an event
/// applied again changes nothing.
/// </summary>
internal static class OperationsStatements
{
    private const string S = VendingStatisticsTables.Schema;

    public static void ExceptionRaised(ProjectionStatements batch, ExceptionOrderRaised e) => Add(batch, $"""
        insert into {S}.stats_exception_orders (order_no, raised_day, store_code, pending)
        select ?::text, ?::date, coalesce((select o.store_code from {S}.stats_orders o where o.order_no = ?), ''), true
        on conflict (order_no) do nothing
        """, e.OrderNo, VendingBusinessDay.Of(e.At), e.OrderNo);

    public static void ExceptionReviewed(ProjectionStatements batch, string orderNo) =>
        Add(batch, $"update {S}.stats_exception_orders set pending = false where order_no = ?", orderNo);

    /// <summary>A task names its store, or its order's or device's; one of none (an ERP pull) stays without.</summary>
    public static void TaskOpened(ProjectionStatements batch, ManualTaskOpened t) => Add(batch, $"""
        insert into {S}.stats_manual_tasks (task_id, opened_day, store_code, open)
        select ?::text, ?::date, coalesce(?::text, (select o.store_code from {S}.stats_orders o where o.order_no = ?::text),
                                          (select d.store_code from {S}.stats_devices d where d.device_code = ?::text)), true
        on conflict (task_id) do nothing
        """, t.TaskId, VendingBusinessDay.Of(t.At), t.StoreCode, t.OrderNo, t.DeviceCode);

    public static void TaskResolved(ProjectionStatements batch, ManualTaskResolved t) =>
        Add(batch, $"update {S}.stats_manual_tasks set open = false where task_id = ?", t.TaskId);

    public static void ComplaintFiled(ProjectionStatements batch, ComplaintFiled c) => Add(batch, $"""
        insert into {S}.stats_complaints (complaint_id, filed_day, store_code) values (?, ?, ?) on conflict (complaint_id) do nothing
        """, c.ComplaintId, VendingBusinessDay.Of(c.At), c.StoreCode);

    public static void ComplaintResolved(ProjectionStatements batch, ComplaintResolved c) => Add(batch,
        $"update {S}.stats_complaints set resolved_day = ? where complaint_id = ? and resolved_day is null", VendingBusinessDay.Of(c.At), c.ComplaintId);
}
