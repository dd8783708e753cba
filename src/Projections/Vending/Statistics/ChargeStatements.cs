using Cabinets.Domain.Vending;
using Cabinets.Projections.Lockers.FreeDoors;
using static Cabinets.Projections.Vending.Statistics.StatisticsStatements;

namespace Cabinets.Projections.Vending.Statistics;

/// <summary>
/// The payment success rate's charges (VENDING.md §2.12): a charge is an order with a ChargeStarted,
/// dated and typed by its first one; it succeeded first time when its first PaymentSucceeded came
/// before any PaymentFailed; it failed when it has a PaymentFailed. Each flag is set once, and the
/// day's counts move only with the row that changed, so an event applied twice counts once.
/// </summary>
internal static class ChargeStatements
{
    private const string S = VendingStatisticsTables.Schema;
    private const string Key = "business_day, store_code, payment_type";

    public static void Started(ProjectionStatements batch, ChargeStarted c) => Add(batch, $"""
        with started as (
            insert into {S}.stats_charges (order_no, business_day, store_code, payment_type, succeeded, succeeded_first_time, failed)
            select ?::text, ?::date, coalesce((select o.store_code from {S}.stats_orders o where o.order_no = ?), ''), ?::text, false, false, false
            on conflict (order_no) do nothing
            returning {Key})
        insert into {S}.stats_charge_counts as t ({Key}, started)
        select {Key}, 1 from started
        on conflict ({Key}) do update set started = t.started + 1
        """, c.OrderNo, VendingBusinessDay.Of(c.At), c.OrderNo, Name(c.PaymentType));

    /// <summary>The first success only; it is "first time" when no failure came before it.</summary>
    public static void Succeeded(ProjectionStatements batch, PaymentSucceeded p) => Add(batch, $"""
        with c as (
            update {S}.stats_charges set succeeded = true, succeeded_first_time = not failed
             where order_no = ? and not succeeded
            returning {Key}, succeeded_first_time)
        update {S}.stats_charge_counts t
           set succeeded_first_time = t.succeeded_first_time + 1, decided = t.decided + 1
          from c
         where c.succeeded_first_time and (t.business_day, t.store_code, t.payment_type) = (c.business_day, c.store_code, c.payment_type)
        """, p.OrderNo);

    /// <summary>The first failure only; it decides the charge unless a success already had.</summary>
    public static void Failed(ProjectionStatements batch, PaymentFailed f) => Add(batch, $"""
        with c as (
            update {S}.stats_charges set failed = true
             where order_no = ? and not failed
            returning {Key}, succeeded)
        update {S}.stats_charge_counts t
           set failed = t.failed + 1, decided = t.decided + case when c.succeeded then 0 else 1 end
          from c
         where (t.business_day, t.store_code, t.payment_type) = (c.business_day, c.store_code, c.payment_type)
        """, f.OrderNo);
}
