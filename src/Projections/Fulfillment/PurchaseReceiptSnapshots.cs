using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.Inventory;
using Cabinets.Domain.Fulfillment.Purchasing;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Marten.Events.Projections;

namespace Cabinets.Projections.Fulfillment;

public sealed class PurchaseReceiptSnapshot
{
    /// <summary>The stream key, `fulfillment-purchase-receipt-{receiptId}`.</summary>
    public string Id { get; set; } = "";

    public string ReceiptId { get; set; } = "";

    public string BranchCode { get; set; } = "";

    /// <summary>The status's name, flat for the list's filter.</summary>
    public string Status { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public PurchaseReceiptState? State { get; set; }
}

public sealed partial class PurchaseReceiptSnapshotProjection : SingleStreamProjection<PurchaseReceiptSnapshot, string>
{
    public PurchaseReceiptSnapshotProjection()
    {
        IncludeType<PurchaseReceiptCreated>();
        IncludeType<PurchaseReceiptApproved>();
        IncludeType<PurchaseReceiptReceived>();
        IncludeType<PurchaseReceiptCancelled>();
    }

    public override PurchaseReceiptSnapshot? Evolve(PurchaseReceiptSnapshot? snapshot, string id, IEvent e)
    {
        var state = PurchaseReceiptState.Evolve(snapshot?.State, e.Data);
        return state is null ? snapshot : new PurchaseReceiptSnapshot { Id = id, ReceiptId = state.ReceiptId, BranchCode = state.BranchCode, Status = state.Status.ToString(), CreatedAt = state.CreatedAt, State = state };
    }
}
