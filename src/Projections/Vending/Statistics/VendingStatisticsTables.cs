using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Cabinets.Projections.Vending.Statistics;

/// <summary>
/// The flat tables of the vending statistics (VENDING.md §2.12), in schema `vending` with a
/// `stats_` prefix (the module's other read models share the schema). Figures are kept already
/// summed per business day, so a query over a month reads a few thousand rows whatever the number
/// of orders; the per-order, per-charge and per-device rows beside them hold what a later event
/// needs (an order's type and first payment, a charge's flags, a device's open interval) and make
/// every event's effect idempotent (<see cref="VendingStatisticsProjection"/>).
/// </summary>
public static class VendingStatisticsTables
{
    public const string Schema = "vending";

    public static IReadOnlyList<Table> All { get; } =
    [
        Orders(), SalesMovements(), Sales(), SalesByStoreProduct(), SalesByProduct(), SalesByStore(), SalesOrders(), ProductNames(), Charges(), ChargeCounts(), Devices(), DeviceStatusIntervals(),
        ExceptionOrders(), ManualTasks(), Complaints(),
    ];

    /// <summary>The qualified names, for the rebuild's teardown.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(t => t.Identifier.QualifiedName)];

    private static Table New(string name) => new(new PostgresqlObjectName(Schema, name, SchemaUtils.IdentifierUsage.General)) { PrimaryKeyName = name + "_pkey" };

    /// <summary>One row per order: what its later payments need (type, store) and its first successful payment.</summary>
    private static Table Orders()
    {
        var t = New("stats_orders");
        t.AddColumn("order_no", "text").AsPrimaryKey();
        t.AddColumn("order_type", "text").NotNull();
        t.AddColumn("store_code", "text").NotNull();
        t.AddColumn("device_code", "text").NotNull();
        t.AddColumn("payment_type", "text").NotNull();
        t.AddColumn("recorded_day", "date").NotNull();
        t.AddColumn("first_paid_seq", "bigint");
        t.AddColumn("first_paid_day", "date");
        t.Indexes.Add(new IndexDefinition("stats_orders_recorded") { Columns = ["recorded_day", "store_code"] });
        return t;
    }

    /// <summary>
    /// Each money movement by product, keyed by the event's sequence: the sums of <see cref="Sales"/>
    /// are only added to when a movement row is new, so an event applied twice counts once.
    /// </summary>
    private static Table SalesMovements()
    {
        var t = New("stats_sales_movements");
        t.AddColumn("seq_id", "bigint").AsPrimaryKey();
        t.AddColumn("product_code", "text").AsPrimaryKey();
        t.AddColumn("kind", "text").NotNull(); // PAID or REFUNDED
        t.AddColumn("business_day", "date").NotNull();
        t.AddColumn("store_code", "text").NotNull();
        t.AddColumn("device_code", "text").NotNull();
        t.AddColumn("payment_type", "text").NotNull();
        t.AddColumn("quantity", "integer").NotNull();
        t.AddColumn("amount", "bigint").NotNull();
        t.AddColumn("tickets", "bigint").NotNull();
        return t;
    }

    /// <summary>The sums every sales table holds.</summary>
    public static IReadOnlyList<string> SalesSums =>
        ["sold_quantity", "refunded_quantity", "gross_amount", "refund_amount", "tickets_collected", "tickets_refunded"];

    /// <summary>
    /// Sales by (business day, store, device, product, payment type): the five dimensions of
    /// `vendingSales`, with three roll-ups beside it — without the device; without device and
    /// store; without device and product — so a month by product or by payment type over every
    /// store reads thousands of rows, not hundreds of thousands. The queries take the smallest table that has every
    /// dimension they group or filter by.
    /// </summary>
    private static Table Sales() => SalesTable("stats_sales", ["business_day", "store_code", "device_code", "product_code", "payment_type"], orderCount: true);

    private static Table SalesByStoreProduct() => SalesTable("stats_sales_by_store_product", ["business_day", "store_code", "product_code", "payment_type"], orderCount: true);

    private static Table SalesByProduct() => SalesTable("stats_sales_by_product", ["business_day", "product_code", "payment_type"], orderCount: true);

    private static Table SalesByStore() => SalesTable("stats_sales_by_store", ["business_day", "store_code", "payment_type"], orderCount: false);

    private static Table SalesTable(string name, string[] key, bool orderCount)
    {
        var t = New(name);
        foreach (var column in key) t.AddColumn(column, column == "business_day" ? "date" : "text").AsPrimaryKey();
        foreach (var sum in SalesSums) t.AddColumn(sum, "bigint").NotNull().DefaultValueByExpression("0");
        // NORMAL orders whose first successful payment paid this product: an order counts once per product.
        if (orderCount) t.AddColumn("order_count", "integer").NotNull().DefaultValueByExpression("0");
        if (key.Contains("store_code")) t.Indexes.Add(new IndexDefinition(name + "_store_day") { Columns = ["store_code", "business_day"] });
        return t;
    }

    /// <summary>
    /// Orders by the day, store, device and payment type of their first successful payment. Kept
    /// apart from <see cref="Sales"/> because an order of two products must count once when the
    /// grouping has no product.
    /// </summary>
    private static Table SalesOrders()
    {
        var t = New("stats_sales_orders");
        t.AddColumn("business_day", "date").AsPrimaryKey();
        t.AddColumn("store_code", "text").AsPrimaryKey();
        t.AddColumn("device_code", "text").AsPrimaryKey();
        t.AddColumn("payment_type", "text").AsPrimaryKey();
        t.AddColumn("paid_orders", "integer").NotNull().DefaultValueByExpression("0");   // NORMAL and SUPPLEMENTARY
        t.AddColumn("normal_orders", "integer").NotNull().DefaultValueByExpression("0"); // `orderCount`
        return t;
    }

    /// <summary>A product's name: the catalog's (ProductSynced) over the one an order pushed.</summary>
    private static Table ProductNames()
    {
        var t = New("stats_product_names");
        t.AddColumn("product_code", "text").AsPrimaryKey();
        t.AddColumn("name", "text").NotNull();
        t.AddColumn("from_catalog", "boolean").NotNull().DefaultValueByExpression("false");
        return t;
    }

    /// <summary>One row per charge (an order with a ChargeStarted), dated and typed by its first one.</summary>
    private static Table Charges()
    {
        var t = New("stats_charges");
        t.AddColumn("order_no", "text").AsPrimaryKey();
        t.AddColumn("business_day", "date").NotNull();
        t.AddColumn("store_code", "text").NotNull();
        t.AddColumn("payment_type", "text").NotNull();
        t.AddColumn("succeeded", "boolean").NotNull();
        t.AddColumn("succeeded_first_time", "boolean").NotNull();
        t.AddColumn("failed", "boolean").NotNull();
        return t;
    }

    /// <summary>Charges summed by day, store and payment type; `decided` = succeeded first time or failed (pending = started − decided).</summary>
    private static Table ChargeCounts()
    {
        var t = New("stats_charge_counts");
        t.AddColumn("business_day", "date").AsPrimaryKey();
        t.AddColumn("store_code", "text").AsPrimaryKey();
        t.AddColumn("payment_type", "text").AsPrimaryKey();
        foreach (var count in new[] { "started", "succeeded_first_time", "failed", "decided" })
            t.AddColumn(count, "integer").NotNull().DefaultValueByExpression("0");
        return t;
    }

    /// <summary>A device as it stands: store, status (OFFLINE until a first report), since when, observed, and the last event applied.</summary>
    private static Table Devices()
    {
        var t = New("stats_devices");
        t.AddColumn("device_code", "text").AsPrimaryKey();
        t.AddColumn("store_code", "text").NotNull();
        t.AddColumn("status", "text").NotNull();
        t.AddColumn("since", "timestamptz").NotNull();
        t.AddColumn("observed", "boolean").NotNull(); // registered and not decommissioned
        t.AddColumn("last_seq", "bigint").NotNull();
        return t;
    }

    /// <summary>
    /// The observed life of each device as intervals of one store and one status; the open one has
    /// no end. `period` repeats [from_at, to_at) as a range so a window finds its intervals by a GiST index.
    /// </summary>
    private static Table DeviceStatusIntervals()
    {
        var t = New("stats_device_status_intervals");
        t.AddColumn("device_code", "text").AsPrimaryKey();
        t.AddColumn("from_at", "timestamptz").AsPrimaryKey();
        t.AddColumn("to_at", "timestamptz");
        t.AddColumn("period", "tstzrange").NotNull();
        t.AddColumn("store_code", "text").NotNull();
        t.AddColumn("status", "text").NotNull();
        t.Indexes.Add(new IndexDefinition("stats_device_status_intervals_period") { Columns = ["period"], Method = IndexMethod.gist });
        return t;
    }

    private static Table ExceptionOrders()
    {
        var t = New("stats_exception_orders");
        t.AddColumn("order_no", "text").AsPrimaryKey();
        t.AddColumn("raised_day", "date").NotNull();
        t.AddColumn("store_code", "text").NotNull();
        t.AddColumn("pending", "boolean").NotNull();
        t.Indexes.Add(new IndexDefinition("stats_exception_orders_day") { Columns = ["raised_day"] });
        return t;
    }

    /// <summary>`store_code` null: a task of no store (an ERP pull), reported in a row of no store.</summary>
    private static Table ManualTasks()
    {
        var t = New("stats_manual_tasks");
        t.AddColumn("task_id", "text").AsPrimaryKey();
        t.AddColumn("opened_day", "date").NotNull();
        t.AddColumn("store_code", "text");
        t.AddColumn("open", "boolean").NotNull();
        t.Indexes.Add(new IndexDefinition("stats_manual_tasks_day") { Columns = ["opened_day"] });
        return t;
    }

    private static Table Complaints()
    {
        var t = New("stats_complaints");
        t.AddColumn("complaint_id", "text").AsPrimaryKey();
        t.AddColumn("filed_day", "date").NotNull();
        t.AddColumn("store_code", "text").NotNull();
        t.AddColumn("resolved_day", "date");
        t.Indexes.Add(new IndexDefinition("stats_complaints_filed") { Columns = ["filed_day"] });
        t.Indexes.Add(new IndexDefinition("stats_complaints_resolved") { Columns = ["resolved_day"] });
        return t;
    }
}
