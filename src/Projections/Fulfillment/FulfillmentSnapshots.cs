using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.Inventory;
using Cabinets.Domain.Fulfillment.Purchasing;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Marten.Events.Projections;

namespace Cabinets.Projections.Fulfillment;

// Inline snapshots next to each fulfillment stream (FULFILLMENT.md §3): what the commands load for
// writing and the console reads. Stock snapshots keep their quantities flat, for the lists' filters.

public sealed class FulfillmentShopSnapshot
{
    public string Id { get; set; } = "";

    public ShopState? State { get; set; }
}

public sealed partial class FulfillmentShopSnapshotProjection : SingleStreamProjection<FulfillmentShopSnapshot, string>
{
    public FulfillmentShopSnapshotProjection()
    {
        IncludeType<ShopRegistered>();
        IncludeType<ShopStockWriteBackSwitched>();
    }

    public override FulfillmentShopSnapshot? Evolve(FulfillmentShopSnapshot? snapshot, string id, IEvent e) =>
        new() { Id = id, State = ShopState.Evolve(snapshot?.State, e.Data) };
}

public sealed class BasicMaterialSnapshot
{
    public string Id { get; set; } = "";

    public BasicMaterialState? State { get; set; }
}

public sealed partial class BasicMaterialSnapshotProjection : SingleStreamProjection<BasicMaterialSnapshot, string>
{
    public BasicMaterialSnapshotProjection() => IncludeType<BasicMaterialRegistered>();

    public override BasicMaterialSnapshot? Evolve(BasicMaterialSnapshot? snapshot, string id, IEvent e) =>
        new() { Id = id, State = BasicMaterialState.Evolve(snapshot?.State, e.Data) };
}

public sealed class SalesMaterialSnapshot
{
    public string Id { get; set; } = "";

    public SalesMaterialState? State { get; set; }
}

public sealed partial class SalesMaterialSnapshotProjection : SingleStreamProjection<SalesMaterialSnapshot, string>
{
    public SalesMaterialSnapshotProjection() => IncludeType<SalesMaterialRegistered>();

    public override SalesMaterialSnapshot? Evolve(SalesMaterialSnapshot? snapshot, string id, IEvent e) =>
        new() { Id = id, State = SalesMaterialState.Evolve(snapshot?.State, e.Data) };
}

public sealed class BranchSnapshot
{
    public string Id { get; set; } = "";

    public BranchState? State { get; set; }
}

public sealed partial class BranchSnapshotProjection : SingleStreamProjection<BranchSnapshot, string>
{
    public BranchSnapshotProjection() => IncludeType<BranchRegistered>();

    public override BranchSnapshot? Evolve(BranchSnapshot? snapshot, string id, IEvent e) =>
        new() { Id = id, State = BranchState.Evolve(snapshot?.State, e.Data) };
}

/// <summary>One basic material in one branch (`fulfillment-branch-stock-{branch}:{material}`), its quantities flat.</summary>
public sealed class BranchStockSnapshot
{
    public string Id { get; set; } = "";

    public string BranchCode { get; set; } = "";

    public string BasicMaterialCode { get; set; } = "";

    public int OnHand { get; set; }

    public int InTransit { get; set; }

    public int BranchFreeze { get; set; }

    public BranchStockState ToState() => new(BranchCode, BasicMaterialCode, OnHand, InTransit, BranchFreeze);
}

public sealed partial class BranchStockSnapshotProjection : SingleStreamProjection<BranchStockSnapshot, string>
{
    public BranchStockSnapshotProjection()
    {
        IncludeType<BranchStockFrozen>();
        IncludeType<BranchStockReleased>();
        IncludeType<StockIssued>();
        IncludeType<StockReceived>();
        IncludeType<StockInTransitAdded>();
        IncludeType<StockInTransitRemoved>();
    }

    public override BranchStockSnapshot? Evolve(BranchStockSnapshot? snapshot, string id, IEvent e)
    {
        var state = BranchStockState.Evolve(snapshot?.ToState(), e.Data);
        return state is null ? snapshot : new BranchStockSnapshot
        {
            Id = id, BranchCode = state.BranchCode, BasicMaterialCode = state.BasicMaterialCode, OnHand = state.OnHand, InTransit = state.InTransit, BranchFreeze = state.BranchFreeze,
        };
    }
}

/// <summary>One basic material frozen for one shop (`fulfillment-shop-freeze-{shop}:{material}`).</summary>
public sealed class ShopFreezeSnapshot
{
    public string Id { get; set; } = "";

    public string ShopCode { get; set; } = "";

    public string BasicMaterialCode { get; set; } = "";

    public int Frozen { get; set; }

    public ShopFreezeState ToState() => new(ShopCode, BasicMaterialCode, Frozen);
}

public sealed partial class ShopFreezeSnapshotProjection : SingleStreamProjection<ShopFreezeSnapshot, string>
{
    public ShopFreezeSnapshotProjection()
    {
        IncludeType<ShopStockFrozen>();
        IncludeType<ShopStockReleased>();
    }

    public override ShopFreezeSnapshot? Evolve(ShopFreezeSnapshot? snapshot, string id, IEvent e)
    {
        var state = ShopFreezeState.Evolve(snapshot?.ToState(), e.Data);
        return state is null ? snapshot : new ShopFreezeSnapshot { Id = id, ShopCode = state.ShopCode, BasicMaterialCode = state.BasicMaterialCode, Frozen = state.Frozen };
    }
}

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

/// <summary>出入库明细 (L2735, L2753, L2951): one entry per unit movement of on hand, keyed by the event's id.</summary>
public sealed class StockLedgerEntry
{
    public Guid Id { get; set; }

    public string BranchCode { get; set; } = "";

    public string BasicMaterialCode { get; set; } = "";

    /// <summary>SalesOut, PurchaseIn, TransferOut or PurchaseReturn.</summary>
    public string Type { get; set; } = "";

    /// <summary>Units in (+) or out (−).</summary>
    public int Quantity { get; set; }

    public int OnHandAfter { get; set; }

    public string DocumentId { get; set; } = "";

    public DateTimeOffset At { get; set; }
}

/// <summary>Inline: a movement is in the ledger in the transaction that made it; a replay writes the same rows (ids are the events').</summary>
public sealed partial class StockLedgerProjection : EventProjection
{
    public StockLedgerProjection()
    {
        IncludeType<StockIssued>();
        IncludeType<StockReceived>();
    }

    public StockLedgerEntry Create(IEvent<StockIssued> e) => new()
    {
        Id = e.Id, BranchCode = e.Data.BranchCode, BasicMaterialCode = e.Data.BasicMaterialCode, Type = e.Data.LedgerType.ToString(), Quantity = -e.Data.Quantity,
        OnHandAfter = e.Data.OnHandAfter, DocumentId = e.Data.DocumentId, At = e.Data.At,
    };

    public StockLedgerEntry Create(IEvent<StockReceived> e) => new()
    {
        Id = e.Id, BranchCode = e.Data.BranchCode, BasicMaterialCode = e.Data.BasicMaterialCode, Type = e.Data.LedgerType.ToString(), Quantity = e.Data.Quantity,
        OnHandAfter = e.Data.OnHandAfter, DocumentId = e.Data.DocumentId, At = e.Data.At,
    };
}

/// <summary>A write-back rule (`fulfillment-write-back-rule-{code}`), with the list's filters flat.</summary>
public sealed class WriteBackRuleSnapshot
{
    public string Id { get; set; } = "";

    public string Code { get; set; } = "";

    public bool Enabled { get; set; }

    public bool Deleted { get; set; }

    public int Priority { get; set; }

    public Cabinets.Domain.Fulfillment.WriteBack.WriteBackRuleState? State { get; set; }
}

public sealed partial class WriteBackRuleSnapshotProjection : SingleStreamProjection<WriteBackRuleSnapshot, string>
{
    public WriteBackRuleSnapshotProjection()
    {
        IncludeType<Cabinets.Domain.Fulfillment.WriteBack.StockWriteBackRuleSaved>();
        IncludeType<Cabinets.Domain.Fulfillment.WriteBack.StockWriteBackRuleDeleted>();
    }

    public override WriteBackRuleSnapshot? Evolve(WriteBackRuleSnapshot? snapshot, string id, IEvent e)
    {
        var state = Cabinets.Domain.Fulfillment.WriteBack.WriteBackRuleState.Evolve(snapshot?.State, e.Data);
        return state is null ? snapshot : new WriteBackRuleSnapshot { Id = id, Code = state.Code, Enabled = state.Enabled, Deleted = state.Deleted, Priority = state.Priority, State = state };
    }
}

/// <summary>A channel order (`fulfillment-order-{shop}:{tid}`), with the console's filters flat.</summary>
public sealed class ChannelOrderSnapshot
{
    public string Id { get; set; } = "";

    public string OrderBn { get; set; } = "";

    public string ShopCode { get; set; } = "";

    public string Tid { get; set; } = "";

    public Cabinets.Domain.Fulfillment.Orders.ChannelOrderState? State { get; set; }
}

public sealed partial class ChannelOrderSnapshotProjection : SingleStreamProjection<ChannelOrderSnapshot, string>
{
    public ChannelOrderSnapshotProjection()
    {
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderCreated>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderMarkedFailed>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderLinesChanged>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderConsigneeChanged>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.ConsigneeDigestRecorded>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderRemarksChanged>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderPayStatusChanged>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderChannelVersionApplied>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderCancelled>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderShipped>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderFinished>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderReviewed>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderPaused>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderResumed>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.FailedOrderRepaired>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderPaymentRecorded>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderPaymentFailed>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderRefundApplied>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.OrderReturnedToUnconfirmed>();
    }

    public override ChannelOrderSnapshot? Evolve(ChannelOrderSnapshot? snapshot, string id, IEvent e)
    {
        var state = Cabinets.Domain.Fulfillment.Orders.ChannelOrderState.Evolve(snapshot?.State, e.Data);
        return state is null ? snapshot : new ChannelOrderSnapshot { Id = id, OrderBn = state.OrderBn, ShopCode = state.ShopCode, Tid = state.Tid, State = state };
    }
}

/// <summary>A delivery notice (`fulfillment-delivery-{deliveryId}`).</summary>
public sealed class DeliverySnapshot
{
    public string Id { get; set; } = "";

    public string OrderId { get; set; } = "";

    /// <summary>Indexed: verification and consignment find a delivery by its express number.</summary>
    public string? LogisticsNo { get; set; }

    public Cabinets.Domain.Fulfillment.Orders.DeliveryState? State { get; set; }
}

public sealed partial class DeliverySnapshotProjection : SingleStreamProjection<DeliverySnapshot, string>
{
    public DeliverySnapshotProjection()
    {
        IncludeType<Cabinets.Domain.Fulfillment.Orders.DeliveryCreated>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.LogisticsNoAssigned>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.DeliveryDocumentPrinted>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.DeliveryPrinted>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.DeliveryItemVerified>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.DeliveryVerified>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.DeliveryConsigned>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.DeliveryClosed>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.DeliveryPaused>();
        IncludeType<Cabinets.Domain.Fulfillment.Orders.DeliveryRenewed>();
    }

    public override DeliverySnapshot? Evolve(DeliverySnapshot? snapshot, string id, IEvent e)
    {
        var state = Cabinets.Domain.Fulfillment.Orders.DeliveryState.Evolve(snapshot?.State, e.Data);
        return state is null ? snapshot : new DeliverySnapshot { Id = id, OrderId = state.OrderId, LogisticsNo = state.LogisticsNo, State = state };
    }
}
