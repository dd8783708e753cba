using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.Inventory;
using Cabinets.Domain.Fulfillment.Purchasing;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Marten.Events.Projections;

namespace Cabinets.Projections.Fulfillment;

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
