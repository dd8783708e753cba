namespace Cabinets.Domain.Fulfillment;

/// <summary>Stored names (ADR-0014: `fulfillment.<event>.v<version>`) and stream keys of the fulfillment module (FULFILLMENT.md §3).</summary>
public static class FulfillmentEventNames
{
    public static IReadOnlyList<(Type Type, string Name, int Version)> All { get; } =
    [
        (typeof(ShopRegistered), "fulfillment.shop_registered", 1),
        (typeof(ShopStockWriteBackSwitched), "fulfillment.shop_stock_write_back_switched", 1),
        (typeof(BasicMaterialRegistered), "fulfillment.basic_material_registered", 1),
        (typeof(SalesMaterialRegistered), "fulfillment.sales_material_registered", 1),
        (typeof(BranchRegistered), "fulfillment.branch_registered", 1),
        (typeof(ShopStockFrozen), "fulfillment.shop_stock_frozen", 1),
        (typeof(ShopStockReleased), "fulfillment.shop_stock_released", 1),
        (typeof(BranchStockFrozen), "fulfillment.branch_stock_frozen", 1),
        (typeof(BranchStockReleased), "fulfillment.branch_stock_released", 1),
        (typeof(StockIssued), "fulfillment.stock_issued", 1),
        (typeof(StockReceived), "fulfillment.stock_received", 1),
        (typeof(StockInTransitAdded), "fulfillment.stock_in_transit_added", 1),
        (typeof(StockInTransitRemoved), "fulfillment.stock_in_transit_removed", 1),
        (typeof(PurchaseReceiptCreated), "fulfillment.purchase_receipt_created", 1),
        (typeof(PurchaseReceiptApproved), "fulfillment.purchase_receipt_approved", 1),
        (typeof(PurchaseReceiptReceived), "fulfillment.purchase_receipt_received", 1),
        (typeof(PurchaseReceiptCancelled), "fulfillment.purchase_receipt_cancelled", 1),
        (typeof(WriteBack.StockWriteBackRuleSaved), "fulfillment.stock_write_back_rule_saved", 1),
        (typeof(WriteBack.StockWriteBackRuleDeleted), "fulfillment.stock_write_back_rule_deleted", 1),
        (typeof(Orders.ChannelOrderReceived), "fulfillment.channel_order_received", 1),
        (typeof(Orders.OrderCreated), "fulfillment.order_created", 1),
        (typeof(Orders.OrderMarkedFailed), "fulfillment.order_marked_failed", 1),
        (typeof(Orders.OrderLinesChanged), "fulfillment.order_lines_changed", 1),
        (typeof(Orders.OrderConsigneeChanged), "fulfillment.order_consignee_changed", 1),
        (typeof(Orders.ConsigneeDigestRecorded), "fulfillment.consignee_digest_recorded", 1),
        (typeof(Orders.OrderRemarksChanged), "fulfillment.order_remarks_changed", 1),
        (typeof(Orders.OrderPayStatusChanged), "fulfillment.order_pay_status_changed", 1),
        (typeof(Orders.OrderChannelVersionApplied), "fulfillment.order_channel_version_applied", 1),
        (typeof(Orders.OrderCancelled), "fulfillment.order_cancelled", 1),
        (typeof(Orders.OrderShipped), "fulfillment.order_shipped", 1),
        (typeof(Orders.OrderFinished), "fulfillment.order_finished", 1),
        (typeof(Orders.OrderReviewed), "fulfillment.order_reviewed", 1),
        (typeof(Orders.DeliveryCreated), "fulfillment.delivery_created", 1),
        (typeof(Orders.LogisticsNoAssigned), "fulfillment.logistics_no_assigned", 1),
        (typeof(Orders.DeliveryDocumentPrinted), "fulfillment.delivery_document_printed", 1),
        (typeof(Orders.DeliveryPrinted), "fulfillment.delivery_printed", 1),
        (typeof(Orders.DeliveryItemVerified), "fulfillment.delivery_item_verified", 1),
        (typeof(Orders.DeliveryVerified), "fulfillment.delivery_verified", 1),
        (typeof(Orders.DeliveryConsigned), "fulfillment.delivery_consigned", 1),
        (typeof(Orders.DeliveryClosed), "fulfillment.delivery_closed", 1),
        (typeof(Orders.DeliveryPaused), "fulfillment.delivery_paused", 1),
        (typeof(Orders.DeliveryRenewed), "fulfillment.delivery_renewed", 1),
        (typeof(Orders.OrderPaused), "fulfillment.order_paused", 1),
        (typeof(Orders.OrderResumed), "fulfillment.order_resumed", 1),
        (typeof(Orders.FailedOrderRepaired), "fulfillment.failed_order_repaired", 1),
        (typeof(Orders.OrderPaymentRecorded), "fulfillment.order_payment_recorded", 1),
        (typeof(Orders.OrderPaymentFailed), "fulfillment.order_payment_failed", 1),
        (typeof(Orders.OrderRefundApplied), "fulfillment.order_refund_applied", 1),
        (typeof(Orders.OrderReturnedToUnconfirmed), "fulfillment.order_returned_to_unconfirmed", 1),
    ];

    public static string Shop(string shopCode) => $"fulfillment-shop-{shopCode}";

    public static string BasicMaterial(string code) => $"fulfillment-basic-material-{code}";

    public static string SalesMaterial(string code) => $"fulfillment-sales-material-{code}";

    public static string Branch(string branchCode) => $"fulfillment-branch-{branchCode}";

    /// <summary>On hand, in transit and branch freeze of one basic material in one branch.</summary>
    public static string BranchStock(string branchCode, string basicMaterialCode) => $"fulfillment-branch-stock-{branchCode}:{basicMaterialCode}";

    /// <summary>The shop freeze (店铺预占) of one basic material in one shop.</summary>
    public static string ShopFreeze(string shopCode, string basicMaterialCode) => $"fulfillment-shop-freeze-{shopCode}:{basicMaterialCode}";

    public static string PurchaseReceipt(string receiptId) => $"fulfillment-purchase-receipt-{receiptId}";

    public static string WriteBackRule(string code) => $"fulfillment-write-back-rule-{code}";

    /// <summary>A channel order, keyed by its natural key (shop, channel order id): two arrivals of one order meet on one stream.</summary>
    public static string Order(string shopCode, string tid) => $"fulfillment-order-{shopCode}:{tid}";

    public static string Delivery(string deliveryId) => $"fulfillment-delivery-{deliveryId}";
}
