using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Cabinets.Projections.Stations.OrderLines;

/// <summary>
/// The flat tables behind `order_sku_list` (TAX.md §2.9): one row per order, per order line, and
/// the station's merchants and SKUs with the columns the list filters and searches on. Lines join
/// their order and its reference data at query time, so a renamed SKU is found by its new name.
/// </summary>
public static class StationOrderLineTables
{
    /// <summary>Not `rm`: the free-door shadow rebuild swaps that whole schema (ADR-0016).</summary>
    public const string Schema = "stations";

    public static IReadOnlyList<ISchemaObject> All { get; } = For(Schema);

    /// <summary>The tables in any schema: the live one, or a scratch copy a replay-and-compare fills.</summary>
    public static IReadOnlyList<ISchemaObject> For(string schema) => [Orders(schema), Lines(schema), Merchants(schema), Skus(schema)];

    private static PostgresqlObjectName Name(string schema, string table) => new(schema, table, SchemaUtils.IdentifierUsage.General);

    private static Table Orders(string schema)
    {
        var t = new Table(Name(schema, "station_orders")) { PrimaryKeyName = "station_orders_pkey" };
        t.AddColumn("order_id", "text").AsPrimaryKey();
        t.AddColumn("station_id", "text").NotNull();
        t.AddColumn("address_id", "integer").NotNull();
        t.AddColumn("created_at", "timestamptz").NotNull();
        t.AddColumn("receive_begin_time", "timestamptz").NotNull();
        t.AddColumn("time_config_id", "text").NotNull();
        t.AddColumn("status", "integer").NotNull();
        t.AddColumn("pay_status", "integer").NotNull();
        t.AddColumn("has_sheet", "boolean").NotNull().DefaultValueByExpression("false");
        t.AddColumn("is_print", "boolean").NotNull().DefaultValueByExpression("false");
        // A one-day, one-station list is one range of this index (the default query type).
        t.Indexes.Add(new IndexDefinition("station_orders_created") { Columns = ["station_id", "created_at", "order_id"] });
        t.Indexes.Add(new IndexDefinition("station_orders_receive") { Columns = ["station_id", "receive_begin_time"] });
        return t;
    }

    private static Table Lines(string schema)
    {
        var t = new Table(Name(schema, "station_order_lines")) { PrimaryKeyName = "station_order_lines_pkey" };
        t.AddColumn("order_id", "text").AsPrimaryKey();
        t.AddColumn("sku_id", "text").AsPrimaryKey();
        t.AddColumn("spu_id", "text").NotNull();
        t.AddColumn("quantity", "numeric").NotNull();
        t.AddColumn("unit_price", "bigint").NotNull();
        t.AddColumn("is_price_timing", "boolean").NotNull();
        t.AddColumn("spu_remark", "text");
        t.AddColumn("tax_rate", "integer").NotNull();
        t.AddColumn("is_set_tax", "boolean").NotNull();
        t.AddColumn("real_quantity", "numeric");
        t.AddColumn("real_unit_price", "bigint");
        t.AddColumn("weighted", "boolean").NotNull().DefaultValueByExpression("false");
        return t;
    }

    private static Table Merchants(string schema)
    {
        var t = new Table(Name(schema, "station_merchants")) { PrimaryKeyName = "station_merchants_pkey" };
        t.AddColumn("station_id", "text").AsPrimaryKey();
        t.AddColumn("address_id", "integer").AsPrimaryKey();
        t.AddColumn("resname", "text").NotNull();
        t.AddColumn("route_id", "integer");
        t.AddColumn("route_name", "text");
        return t;
    }

    private static Table Skus(string schema)
    {
        var t = new Table(Name(schema, "station_skus")) { PrimaryKeyName = "station_skus_pkey" };
        t.AddColumn("station_id", "text").AsPrimaryKey();
        t.AddColumn("sku_id", "text").AsPrimaryKey();
        t.AddColumn("spu_id", "text").NotNull();
        t.AddColumn("name", "text").NotNull();
        t.AddColumn("outer_id", "text");
        t.AddColumn("salemenu_id", "text");
        t.AddColumn("salemenu_name", "text");
        t.AddColumn("category1_id", "text");
        t.AddColumn("category2_id", "text");
        t.AddColumn("pinlei_id", "text");
        t.AddColumn("is_weigh", "boolean").NotNull();
        t.AddColumn("std_unit_name", "text");
        t.AddColumn("sale_ratio", "numeric").NotNull();
        return t;
    }
}
