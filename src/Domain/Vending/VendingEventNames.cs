namespace Cabinets.Domain.Vending;

/// <summary>Stored names (ADR-0014: `vending.<event>.v<version>`) and stream keys of the vending module (VENDING.md §3).</summary>
public static class VendingEventNames
{
    public static IReadOnlyList<(Type Type, string Name, int Version)> All { get; } =
    [
        (typeof(StoreRegistered), "vending.store_registered", 1),
        (typeof(StoreUpdated), "vending.store_updated", 1),
        (typeof(StoreAmountLimitChanged), "vending.store_amount_limit_changed", 1),
        (typeof(DeviceRegistered), "vending.device_registered", 1),
        (typeof(DeviceBindRequested), "vending.device_bind_requested", 1),
        (typeof(DeviceBound), "vending.device_bound", 1),
        (typeof(DeviceBindFailed), "vending.device_bind_failed", 1),
        (typeof(DeviceUnbindRequested), "vending.device_unbind_requested", 1),
        (typeof(DeviceUnbound), "vending.device_unbound", 1),
        (typeof(DeviceMoved), "vending.device_moved", 1),
        (typeof(DeviceDecommissioned), "vending.device_decommissioned", 1),
        (typeof(DeviceStatusChanged), "vending.device_status_changed", 1),
        (typeof(ProductSynced), "vending.product_synced", 1),
        (typeof(ProductSyncRequested), "vending.product_sync_requested", 1),
        (typeof(ProductSyncCompleted), "vending.product_sync_completed", 1),
        (typeof(VendingUserRegistered), "vending.vending_user_registered", 1),
        (typeof(PayScoreAuthorizationRequested), "vending.pay_score_authorization_requested", 1),
        (typeof(PayScoreAuthorized), "vending.pay_score_authorized", 1),
        (typeof(PayScoreAuthorizationRevoked), "vending.pay_score_authorization_revoked", 1),
        (typeof(TicketsDebited), "vending.tickets_debited", 1),
        (typeof(TicketsCredited), "vending.tickets_credited", 1),
        (typeof(TicketsAdjusted), "vending.tickets_adjusted", 1),
        (typeof(VendingSessionStarted), "vending.vending_session_started", 1),
        (typeof(DoorOpenRequested), "vending.door_open_requested", 1),
        (typeof(DoorOpened), "vending.door_opened", 1),
        (typeof(DoorOpenFailed), "vending.door_open_failed", 1),
        (typeof(VendingSessionClosed), "vending.vending_session_closed", 1),
        (typeof(PayScoreOrderCreated), "vending.pay_score_order_created", 1),
        (typeof(PayScoreOrderRejected), "vending.pay_score_order_rejected", 1),
        (typeof(PayScoreOrderCompleted), "vending.pay_score_order_completed", 1),
        (typeof(PayScoreOrderModified), "vending.pay_score_order_modified", 1),
        (typeof(PayScoreOrderCancelled), "vending.pay_score_order_cancelled", 1),
        (typeof(VendingOrderRecorded), "vending.vending_order_recorded", 1),
        (typeof(ExceptionOrderRaised), "vending.exception_order_raised", 1),
        (typeof(ExceptionOrderApproved), "vending.exception_order_approved", 1),
        (typeof(ExceptionOrderVoided), "vending.exception_order_voided", 1),
        (typeof(SupplementaryOrderSuperseded), "vending.supplementary_order_superseded", 1),
        (typeof(PaymentNotRequired), "vending.payment_not_required", 1),
        (typeof(ChargeStarted), "vending.charge_started", 1),
        (typeof(PaymentSucceeded), "vending.payment_succeeded", 1),
        (typeof(PaymentFailed), "vending.payment_failed", 1),
        (typeof(PayAgainRequested), "vending.pay_again_requested", 1),
        (typeof(OrderCorrected), "vending.order_corrected", 1),
        (typeof(RefundRequested), "vending.refund_requested", 1),
        (typeof(RefundSucceeded), "vending.refund_succeeded", 1),
        (typeof(RefundFailed), "vending.refund_failed", 1),
        (typeof(ComplaintFiled), "vending.complaint_filed", 1),
        (typeof(ComplaintResolved), "vending.complaint_resolved", 1),
        (typeof(OrderComplaintFiled), "vending.order_complaint_filed", 1),
        (typeof(ManualTaskOpened), "vending.manual_task_opened", 1),
        (typeof(ManualTaskRetried), "vending.manual_task_retried", 1),
        (typeof(ManualTaskResolved), "vending.manual_task_resolved", 1),
        (typeof(SalesSummaryPushRequested), "vending.sales_summary_push_requested", 1),
        (typeof(SalesSummaryPushed), "vending.sales_summary_pushed", 1),
        (typeof(WheatOrderReceived), "vending.wheat_order_received", 1),
    ];

    public static string Store(string storeCode) => $"vending-store-{storeCode}";
    public static string Device(string deviceCode) => $"vending-device-{deviceCode}";
    public static string Product(string productCode) => $"vending-product-{productCode}";
    public static string ProductSync(string syncId) => $"vending-product-sync-{syncId}";
    public static string User(string userId) => $"vending-user-{userId}";
    public static string Session(string sessionNo) => $"vending-session-{sessionNo}";
    public static string Order(string orderNo) => $"vending-order-{orderNo}";
    /// <summary>The vendor's order number, claimed once: the push's natural key (a second start of the stream collides).</summary>
    public static string WheatOrder(string wheatOrderNo) => $"vending-wheat-order-{wheatOrderNo}";
    public static string Complaint(string complaintId) => $"vending-complaint-{complaintId}";
    public static string Task(string taskId) => $"vending-task-{taskId}";
    public static string SalesSummary(string summaryId) => $"vending-sales-summary-{summaryId}";
}
