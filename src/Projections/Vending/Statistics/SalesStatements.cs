using Cabinets.Domain.Vending;
using Cabinets.Projections.Lockers.FreeDoors;
using static Cabinets.Projections.Vending.Statistics.StatisticsStatements;

namespace Cabinets.Projections.Vending.Statistics;

/// <summary>
/// Orders, money movements and product names (VENDING.md §2.12 attribution): a payment adds gross
/// amounts and sold quantities on the business day of its `PaidAt`, a refund adds refund amounts and
/// refunded quantities on the day of its `SucceededAt`; nothing ever rewrites an earlier day.
/// </summary>
internal static class SalesStatements
{
    private const string S = VendingStatisticsTables.Schema;

    public static void OrderRecorded(ProjectionStatements batch, VendingOrderRecorded o)
    {
        Add(batch, $"""
            insert into {S}.stats_orders (order_no, order_type, store_code, device_code, payment_type, recorded_day)
            values (?, ?, ?, ?, ?, ?) on conflict (order_no) do nothing
            """, o.OrderNo, Name(o.OrderType), o.StoreCode, o.DeviceCode, Name(o.PaymentType), VendingBusinessDay.Of(o.At));
        var names = o.Items.DistinctBy(i => i.ProductCode).ToList();
        if (names.Count == 0) return;
        Add(batch, $"""
            insert into {S}.stats_product_names (product_code, name)
            select * from unnest(?::text[], ?::text[]) on conflict (product_code) do nothing
            """, names.Select(i => i.ProductCode).ToArray(), names.Select(i => i.ProductName).ToArray());
    }

    public static void ProductSynced(ProjectionStatements batch, ProductSynced p) => Add(batch, $"""
        insert into {S}.stats_product_names as n (product_code, name, from_catalog) values (?, ?, true)
        on conflict (product_code) do update set name = excluded.name, from_catalog = true
        """, p.ProductCode, p.Name);

    /// <summary>
    /// The first successful payment of an order marks it (by the event's sequence) and counts it on
    /// its day; then its lines become movements. Both are no-ops for an event already applied.
    /// </summary>
    public static void PaymentSucceeded(ProjectionStatements batch, long seq, PaymentSucceeded p)
    {
        var day = VendingBusinessDay.Of(p.PaidAt);
        var type = Name(p.PaymentType);
        Add(batch, $"""
            with first_payment as (
                update {S}.stats_orders set first_paid_seq = ?, first_paid_day = ?
                 where order_no = ? and first_paid_seq is null
                returning order_type)
            insert into {S}.stats_sales_orders as t (business_day, store_code, device_code, payment_type, paid_orders, normal_orders)
            select ?::date, ?::text, ?::text, ?::text, 1, case when order_type = 'NORMAL' then 1 else 0 end from first_payment
            on conflict (business_day, store_code, device_code, payment_type) do update
               set paid_orders = t.paid_orders + excluded.paid_orders, normal_orders = t.normal_orders + excluded.normal_orders
            """, seq, day, p.OrderNo, day, p.StoreCode, p.DeviceCode, type);
        var tickets = p.PaymentType == VendingPaymentType.Tickets;
        Movements(batch, seq, "PAID", p.OrderNo, day, p.StoreCode, p.DeviceCode, type, p.Lines, tickets);
    }

    public static void RefundSucceeded(ProjectionStatements batch, long seq, RefundSucceeded r) =>
        Movements(batch, seq, "REFUNDED", r.OrderNo, VendingBusinessDay.Of(r.SucceededAt), r.StoreCode, r.DeviceCode,
            Name(PaymentTypeOf(r.Method)), r.Lines, r.Method == RefundMethod.Tickets);

    /// <summary>
    /// The lines (summed by product) as movement rows keyed by (sequence, product); only the rows
    /// that are new add to the day's sums, so the gate and the sums commit or fail together.
    /// Tickets are the lines' fen value × 5 (VENDING.md §2.5), exact.
    /// </summary>
    private static void Movements(ProjectionStatements batch, long seq, string kind, string orderNo, DateOnly day, string store, string device,
        string type, IReadOnlyList<MoneyLine> lines, bool tickets)
    {
        var byProduct = lines.GroupBy(l => l.ProductCode, StringComparer.Ordinal)
            .Select(g => (Code: g.Key, Quantity: g.Sum(l => l.Quantity), Amount: g.Sum(l => l.Amount))).ToList();
        if (byProduct.Count == 0) return;
        var paid = kind == "PAID";
        var (quantity, amount, ticketsColumn) = paid
            ? ("sold_quantity", "gross_amount", "tickets_collected")
            : ("refunded_quantity", "refund_amount", "tickets_refunded");
        // A product's order count: the order is NORMAL and this payment is its first successful one.
        var orderCount = paid
            ? $"(select count(*)::int from {S}.stats_orders o where o.order_no = a.order_no and o.first_paid_seq = a.seq and o.order_type = 'NORMAL')"
            : "0";
        // One upsert per sales table: the sums of this kind, and the order count where the table has one.
        string Upsert(string table, string key, string select, bool counted)
        {
            var count = counted ? ", order_count" : "";
            var addCount = counted ? ", order_count = t.order_count + excluded.order_count" : "";
            return $"""
                insert into {S}.{table} as t ({key}, {quantity}, {amount}, {ticketsColumn}{count})
                {select}
                on conflict ({key}) do update
                   set {quantity} = t.{quantity} + excluded.{quantity}, {amount} = t.{amount} + excluded.{amount},
                       {ticketsColumn} = t.{ticketsColumn} + excluded.{ticketsColumn}{addCount}
                """;
        }
        Add(batch, $"""
            with a as (select ?::bigint as seq, ?::text as order_no, ?::date as day, ?::text as store, ?::text as device, ?::text as type),
            moved as (
                insert into {S}.stats_sales_movements (seq_id, product_code, kind, business_day, store_code, device_code, payment_type, quantity, amount, tickets)
                select a.seq, l.product_code, '{kind}', a.day, a.store, a.device, a.type, l.quantity, l.amount, l.tickets
                  from a, unnest(?::text[], ?::int[], ?::bigint[], ?::bigint[]) as l(product_code, quantity, amount, tickets)
                on conflict (seq_id, product_code) do nothing
                returning product_code, quantity, amount, tickets),
            by_device as ({Upsert("stats_sales", "business_day, store_code, device_code, product_code, payment_type",
                $"select a.day, a.store, a.device, m.product_code, a.type, m.quantity, m.amount, m.tickets, {orderCount} from moved m, a", counted: true)}
                returning 1),
            by_store_product as ({Upsert("stats_sales_by_store_product", "business_day, store_code, product_code, payment_type",
                $"select a.day, a.store, m.product_code, a.type, m.quantity, m.amount, m.tickets, {orderCount} from moved m, a", counted: true)}
                returning 1),
            by_product as ({Upsert("stats_sales_by_product", "business_day, product_code, payment_type",
                $"select a.day, m.product_code, a.type, m.quantity, m.amount, m.tickets, {orderCount} from moved m, a", counted: true)}
                returning 1)
            {Upsert("stats_sales_by_store", "business_day, store_code, payment_type",
                "select a.day, a.store, a.type, sum(m.quantity), sum(m.amount), sum(m.tickets) from moved m, a group by a.day, a.store, a.type", counted: false)}
            """, seq, orderNo, day, store, device, type,
            byProduct.Select(l => l.Code).ToArray(), byProduct.Select(l => l.Quantity).ToArray(), byProduct.Select(l => l.Amount).ToArray(),
            byProduct.Select(l => tickets ? VendingMoney.TicketsFor(l.Amount) : 0L).ToArray());
    }
}
