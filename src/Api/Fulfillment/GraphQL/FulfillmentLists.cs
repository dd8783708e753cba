using Cabinets.Api.GraphQL.Connections;
using Cabinets.Domain.Fulfillment.Inventory;
using Cabinets.Domain.Fulfillment.Orders;
using Cabinets.Projections.Fulfillment;
using Npgsql;

namespace Cabinets.Api.Fulfillment.GraphQL;

/// <summary>The console's fulfillment lists (FULFILLMENT.md §4b) over the inline snapshots' flat fields (ADR-0010).</summary>
internal static class FulfillmentLists
{
    public static ConnectionTable<BranchStockState> BranchStocks { get; } = new(
        "BranchStock", "BranchStock", "public.mt_doc_branchstocksnapshot d",
        [
            new("branchCode", "(d.data ->> 'BranchCode')", ColumnType.String),
            new("basicMaterialCode", "(d.data ->> 'BasicMaterialCode')", ColumnType.String),
            new("onHand", "((d.data ->> 'OnHand')::int)", ColumnType.Int),
            new("inTransit", "((d.data ->> 'InTransit')::int)", ColumnType.Int),
            new("branchFreeze", "((d.data ->> 'BranchFreeze')::int)", ColumnType.Int),
            new("available", "((d.data ->> 'OnHand')::int - (d.data ->> 'BranchFreeze')::int)", ColumnType.Int),
        ],
        key: ["branchCode", "basicMaterialCode"],
        r => new BranchStockState(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4)))
    {
        NodeType = "BranchStock",
        Select = ["d.data ->> 'BranchCode'", "d.data ->> 'BasicMaterialCode'", "(d.data ->> 'OnHand')::int", "(d.data ->> 'InTransit')::int", "(d.data ->> 'BranchFreeze')::int"],
    };

    public static ConnectionTable<StockLedgerEntry> StockLedger { get; } = new(
        "StockLedgerEntry", "StockLedgerEntry", "public.mt_doc_stockledgerentry d",
        [
            new("branchCode", "(d.data ->> 'BranchCode')", ColumnType.String),
            new("basicMaterialCode", "(d.data ->> 'BasicMaterialCode')", ColumnType.String),
            new("documentId", "(d.data ->> 'DocumentId')", ColumnType.Id) { Sortable = false },
            new("at", "public.mt_immutable_timestamptz(d.data ->> 'At')", ColumnType.DateTime),
            new("id", "d.id::text", ColumnType.Id) { Filterable = false },
        ],
        key: ["at", "id"], ReadLedgerEntry)
    {
        NodeType = "StockLedgerEntry",
        Select = ["d.id", "d.data ->> 'BranchCode'", "d.data ->> 'BasicMaterialCode'", "d.data ->> 'Type'", "(d.data ->> 'Quantity')::int",
            "(d.data ->> 'OnHandAfter')::int", "d.data ->> 'DocumentId'", "public.mt_immutable_timestamptz(d.data ->> 'At')"],
    };

    /// <summary>Nodes read with the store's serializer (the receipt's lines are nested).</summary>
    public static ConnectionTable<PurchaseReceiptSnapshot> PurchaseReceipts { get; } = new(
        "PurchaseReceipt", "PurchaseReceipt", "public.mt_doc_purchasereceiptsnapshot d",
        [
            new("id", "(d.data ->> 'ReceiptId')", ColumnType.Id),
            new("branchCode", "(d.data ->> 'BranchCode')", ColumnType.String),
            new("createdAt", "public.mt_immutable_timestamptz(d.data ->> 'CreatedAt')", ColumnType.DateTime),
        ],
        key: ["createdAt", "id"], _ => throw new InvalidOperationException("purchase receipts are read with the store's serializer"))
    {
        NodeType = "PurchaseReceipt",
        Select = ["d.data"],
    };

    private static StockLedgerEntry ReadLedgerEntry(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0), BranchCode = r.GetString(1), BasicMaterialCode = r.GetString(2), Type = r.GetString(3), Quantity = r.GetInt32(4),
        OnHandAfter = r.GetInt32(5), DocumentId = r.GetString(6), At = r.GetFieldValue<DateTimeOffset>(7),
    };

    /// <summary>Live rules (a deleted one is gone from the list), nodes read with the store's serializer (conditions are nested).</summary>
    public static ConnectionTable<WriteBackRuleSnapshot> WriteBackRules { get; } = new(
        "StockWriteBackRule", "StockWriteBackRule", "(select * from public.mt_doc_writebackrulesnapshot where not (data ->> 'Deleted')::boolean) d",
        [
            new("code", "(d.data ->> 'Code')", ColumnType.String),
            new("enabled", "((d.data ->> 'Enabled')::boolean)", ColumnType.Boolean) { Sortable = false },
            new("priority", "((d.data ->> 'Priority')::int)", ColumnType.Int),
        ],
        key: ["code"], _ => throw new InvalidOperationException("write-back rules are read with the store's serializer"))
    {
        NodeType = "StockWriteBackRule",
        Select = ["d.data"],
    };

    /// <summary>The console's order list (§4b `channelOrders`): the order's state as the serializer wrote it (enums as their numbers).</summary>
    public static ConnectionTable<ChannelOrderState> ChannelOrders { get; } = new(
        "ChannelOrder", "ChannelOrder", "public.mt_doc_channelordersnapshot d",
        [
            new("orderBn", "(d.data ->> 'OrderBn')", ColumnType.String),
            new("tid", "(d.data ->> 'Tid')", ColumnType.String) { Sortable = false },
            new("shopCode", "(d.data ->> 'ShopCode')", ColumnType.String),
            StateEnum<ProcessStatus>("processStatus", "ProcessStatus", "ProcessStatus"),
            StateEnum<PayStatus>("payStatus", "PayStatus", "PayStatus"),
            StateEnum<ShipStatus>("shipStatus", "ShipStatus", "ShipStatus"),
            StateEnum<OrderLifecycle>("state", "State", "OrderState"),
            new("isCod", "((d.data -> 'State' ->> 'IsCod')::boolean)", ColumnType.Boolean) { Sortable = false },
            new("isFail", "((d.data -> 'State' ->> 'IsFail')::boolean)", ColumnType.Boolean) { Sortable = false },
            new("totalAmountFen", "((d.data -> 'State' ->> 'TotalFen')::bigint)", ColumnType.Long),
            new("channelCreatedAt", "public.mt_immutable_timestamptz(d.data -> 'State' ->> 'ChannelCreatedAt')", ColumnType.DateTime),
        ],
        key: ["channelCreatedAt", "orderBn"], _ => throw new InvalidOperationException("orders are read with the store's serializer"))
    {
        NodeType = "ChannelOrder",
        Select = ["d.data"],
    };

    public static ConnectionTable<DeliveryState> Deliveries { get; } = new(
        "Delivery", "Delivery", "public.mt_doc_deliverysnapshot d",
        [
            new("deliveryBn", "(d.data -> 'State' ->> 'DeliveryBn')", ColumnType.String),
            new("orderId", "(d.data ->> 'OrderId')", ColumnType.Id) { Sortable = false },
            new("branchCode", "(d.data -> 'State' ->> 'BranchCode')", ColumnType.String),
            new("logisticsNo", "(d.data ->> 'LogisticsNo')", ColumnType.String) { Nullable = true, Sortable = false },
            StateEnum<DeliveryStatus>("status", "Status", "DeliveryStatus"),
            new("printed", "((d.data -> 'State' ->> 'Printed')::boolean)", ColumnType.Boolean) { Sortable = false },
            new("verified", "((d.data -> 'State' ->> 'Verified')::boolean)", ColumnType.Boolean) { Sortable = false },
            new("createdAt", "public.mt_immutable_timestamptz(d.data -> 'State' ->> 'CreatedAt')", ColumnType.DateTime),
        ],
        key: ["createdAt", "deliveryBn"], _ => throw new InvalidOperationException("deliveries are read with the store's serializer"))
    {
        NodeType = "Delivery",
        Select = ["d.data"],
    };

    /// <summary>An enum inside a snapshot's state as the serializer wrote it (its number), padded so that text order is declaration order.</summary>
    private static ConnectionColumn StateEnum<TEnum>(string field, string property, string graphQLType) where TEnum : struct, Enum =>
        new(field, $"lpad(d.data -> 'State' ->> '{property}', 3, '0')", ColumnType.Enum)
        {
            Enum = new EnumColumn(graphQLType, v => Convert.ToInt32((TEnum)v, System.Globalization.CultureInfo.InvariantCulture).ToString("D3", System.Globalization.CultureInfo.InvariantCulture)),
        };
}
