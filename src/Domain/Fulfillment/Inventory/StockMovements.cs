using Cabinets.Domain.Deciding;
using Cabinets.Domain.Fulfillment.Catalog;

namespace Cabinets.Domain.Fulfillment.Inventory;

/// <summary>One event for one stock stream (a branch's or a shop's, of one basic material).</summary>
public sealed record StockMove(string StreamId, object Event);

/// <summary>A basic material and how many units of it a step moves.</summary>
public sealed record StockLine(string BasicMaterialCode, int Quantity);

/// <summary>
/// The stock states a step reads, by stream (FULFILLMENT.md §3: `fulfillment-branch-stock-{branch}:{material}`
/// and `fulfillment-shop-freeze-{shop}:{material}`); a stream never written reads as zero.
/// </summary>
public interface IStockLevels
{
    BranchStockState Branch(string branchCode, string basicMaterialCode);

    ShopFreezeState Shop(string shopCode, string basicMaterialCode);
}

/// <summary>
/// Every business step's inventory movement of FULFILLMENT.md §2.9, as events per stock stream. The
/// invariants hold after every step or the step is refused with nothing moved: on hand, in transit
/// and freezes never below zero, a branch never freezes more than it holds (branchFreeze ≤ onHand).
/// Lines of the same material are added up first, so a step moves each stream once.
/// </summary>
public static class StockMovements
{
    public static IReadOnlyList<StockLine> Merge(IEnumerable<StockLine> lines) =>
        lines.GroupBy(l => l.BasicMaterialCode, StringComparer.Ordinal).Select(g => new StockLine(g.Key, g.Sum(l => l.Quantity))).Where(l => l.Quantity != 0).ToList();

    /// <summary>Order created, edited (the delta), failed order repaired, or a delivery closed that gives its units back to the shop: shop freeze +q.</summary>
    public static Decision<StockMove> FreezeForShop(string shopCode, string orderId, IEnumerable<StockLine> lines, ShopFreezeCause cause, DateTimeOffset now) =>
        Decision<StockMove>.Accept(Merge(lines).Where(l => l.Quantity > 0).Select(l =>
            new StockMove(FulfillmentEventNames.ShopFreeze(shopCode, l.BasicMaterialCode), new ShopStockFrozen(shopCode, l.BasicMaterialCode, l.Quantity, orderId, cause, now))));

    /// <summary>Order cancelled, edited down, remainder cancelled: shop freeze −q, never below zero.</summary>
    public static Decision<StockMove> ReleaseForShop(IStockLevels levels, string shopCode, string orderId, IEnumerable<StockLine> lines, ShopReleaseCause cause, DateTimeOffset now)
    {
        var moves = new List<StockMove>();
        foreach (var l in Merge(lines).Where(l => l.Quantity > 0))
        {
            var frozen = levels.Shop(shopCode, l.BasicMaterialCode).Frozen;
            if (frozen < l.Quantity)
                return Decision<StockMove>.Reject(FulfillmentErrors.InvalidState, $"shop {shopCode} holds {frozen} of {l.BasicMaterialCode}, not {l.Quantity}", "lines");
            moves.Add(new StockMove(FulfillmentEventNames.ShopFreeze(shopCode, l.BasicMaterialCode), new ShopStockReleased(shopCode, l.BasicMaterialCode, l.Quantity, orderId, cause, now)));
        }
        return Decision<StockMove>.Accept(moves);
    }

    /// <summary>
    /// Review creates a delivery (§2.7, L2805): the shop's freeze moves to the branch. The branch must
    /// have every unit available (onHand − branchFreeze); otherwise INSUFFICIENT_STOCK names the first
    /// material short and nothing moves. The shop's freeze is released up to what it holds (an order
    /// created before its materials existed froze nothing).
    /// </summary>
    public static Decision<StockMove> DeliveryCreated(IStockLevels levels, string shopCode, string branchCode, string orderId, string deliveryId,
        IEnumerable<StockLine> lines, DateTimeOffset now)
    {
        var moves = new List<StockMove>();
        foreach (var l in Merge(lines).Where(l => l.Quantity > 0))
        {
            var stock = levels.Branch(branchCode, l.BasicMaterialCode);
            if (stock.Available < l.Quantity)
                return Decision<StockMove>.Reject(FulfillmentErrors.InsufficientStock,
                    $"branch {branchCode} has {stock.Available} of {l.BasicMaterialCode} available, {l.Quantity} needed", "branchCode");
            var release = Math.Min(l.Quantity, levels.Shop(shopCode, l.BasicMaterialCode).Frozen);
            if (release > 0)
                moves.Add(new StockMove(FulfillmentEventNames.ShopFreeze(shopCode, l.BasicMaterialCode),
                    new ShopStockReleased(shopCode, l.BasicMaterialCode, release, orderId, ShopReleaseCause.DeliveryCreated, now)));
            moves.Add(new StockMove(FulfillmentEventNames.BranchStock(branchCode, l.BasicMaterialCode),
                new BranchStockFrozen(branchCode, l.BasicMaterialCode, l.Quantity, StockDocumentType.Delivery, deliveryId, now)));
        }
        return Decision<StockMove>.Accept(moves);
    }

    /// <summary>A delivery cancelled, revoked or rejected (§2.9): the branch freeze goes back to the shop.</summary>
    public static Decision<StockMove> DeliveryClosed(IStockLevels levels, string shopCode, string branchCode, string orderId, string deliveryId,
        IEnumerable<StockLine> lines, BranchReleaseCause cause, DateTimeOffset now)
    {
        var freezeCause = cause switch
        {
            BranchReleaseCause.Cancelled => ShopFreezeCause.DeliveryCancelled,
            BranchReleaseCause.Revoked => ShopFreezeCause.DeliveryRevoked,
            BranchReleaseCause.Rejected => ShopFreezeCause.DeliveryRejected,
            _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, "a delivery closes as cancelled, revoked or rejected"),
        };
        var released = Release(levels, branchCode, deliveryId, StockDocumentType.Delivery, lines, cause, now);
        if (released.IsRejected) return released;
        return Decision<StockMove>.Accept([.. released.Events, .. FreezeForShop(shopCode, orderId, lines, freezeCause, now).Events]);
    }

    /// <summary>A delivery consigned (§2.13, L2651): on hand −q (sales out, in the ledger) and the branch freeze −q.</summary>
    public static Decision<StockMove> Consigned(IStockLevels levels, string branchCode, string deliveryId, IEnumerable<StockLine> lines, DateTimeOffset now) =>
        Issue(levels, branchCode, deliveryId, StockDocumentType.Delivery, StockLedgerType.SalesOut, BranchReleaseCause.Consigned, lines, now);

    /// <summary>A transfer out 调拨出库 or purchase return 采购退货 approved (L2645-2646): branch freeze +q, from what is available.</summary>
    public static Decision<StockMove> OutboundApproved(IStockLevels levels, string branchCode, string documentId, StockDocumentType type, IEnumerable<StockLine> lines, DateTimeOffset now)
    {
        var moves = new List<StockMove>();
        foreach (var l in Merge(lines).Where(l => l.Quantity > 0))
        {
            var stock = levels.Branch(branchCode, l.BasicMaterialCode);
            if (stock.Available < l.Quantity)
                return Decision<StockMove>.Reject(FulfillmentErrors.InsufficientStock, $"branch {branchCode} has {stock.Available} of {l.BasicMaterialCode} available, {l.Quantity} needed", "lines");
            moves.Add(new StockMove(FulfillmentEventNames.BranchStock(branchCode, l.BasicMaterialCode), new BranchStockFrozen(branchCode, l.BasicMaterialCode, l.Quantity, type, documentId, now)));
        }
        return Decision<StockMove>.Accept(moves);
    }

    /// <summary>The transfer or return completed (decided): on hand −q in the ledger, branch freeze −q.</summary>
    public static Decision<StockMove> OutboundCompleted(IStockLevels levels, string branchCode, string documentId, StockDocumentType type, IEnumerable<StockLine> lines, DateTimeOffset now) =>
        Issue(levels, branchCode, documentId, type, type == StockDocumentType.TransferOut ? StockLedgerType.TransferOut : StockLedgerType.PurchaseReturn,
            BranchReleaseCause.Completed, lines, now);

    /// <summary>A purchase receipt approved (L2751, L2759): in transit +q.</summary>
    public static IReadOnlyList<StockMove> InTransitAdded(string branchCode, string receiptId, IEnumerable<StockLine> lines, DateTimeOffset now) =>
        Merge(lines).Where(l => l.Quantity > 0).Select(l => new StockMove(FulfillmentEventNames.BranchStock(branchCode, l.BasicMaterialCode),
            new StockInTransitAdded(branchCode, l.BasicMaterialCode, l.Quantity, receiptId, InTransitCause.Approved, now))).ToList();

    /// <summary>Units received (L2753, L2763): on hand +r (purchase in, in the ledger), in transit −r.</summary>
    public static IReadOnlyList<StockMove> Received(IStockLevels levels, string branchCode, string receiptId, IEnumerable<StockLine> lines, DateTimeOffset now) =>
        Merge(lines).Where(l => l.Quantity > 0).SelectMany(l =>
        {
            var stock = levels.Branch(branchCode, l.BasicMaterialCode);
            var stream = FulfillmentEventNames.BranchStock(branchCode, l.BasicMaterialCode);
            return new[]
            {
                new StockMove(stream, new StockReceived(branchCode, l.BasicMaterialCode, l.Quantity, StockLedgerType.PurchaseIn, receiptId, stock.OnHand + l.Quantity, now)),
                new StockMove(stream, new StockInTransitRemoved(branchCode, l.BasicMaterialCode, Math.Min(l.Quantity, stock.InTransit), receiptId, InTransitCause.Received, now)),
            }.Where(m => m.Event is not StockInTransitRemoved { Quantity: 0 });
        }).ToList();

    /// <summary>A purchase receipt cancelled after approval (L2752, L2761): in transit −outstanding.</summary>
    public static IReadOnlyList<StockMove> InTransitCancelled(IStockLevels levels, string branchCode, string receiptId, IEnumerable<StockLine> outstanding, DateTimeOffset now) =>
        Merge(outstanding).Select(l => (Line: l, Remove: Math.Min(l.Quantity, levels.Branch(branchCode, l.BasicMaterialCode).InTransit))).Where(x => x.Remove > 0)
            .Select(x => new StockMove(FulfillmentEventNames.BranchStock(branchCode, x.Line.BasicMaterialCode),
                new StockInTransitRemoved(branchCode, x.Line.BasicMaterialCode, x.Remove, receiptId, InTransitCause.Cancelled, now))).ToList();

    private static Decision<StockMove> Release(IStockLevels levels, string branchCode, string documentId, StockDocumentType type, IEnumerable<StockLine> lines,
        BranchReleaseCause cause, DateTimeOffset now)
    {
        var moves = new List<StockMove>();
        foreach (var l in Merge(lines).Where(l => l.Quantity > 0))
        {
            if (levels.Branch(branchCode, l.BasicMaterialCode).BranchFreeze < l.Quantity)
                return Decision<StockMove>.Reject(FulfillmentErrors.InvalidState, $"branch {branchCode} does not hold {l.Quantity} of {l.BasicMaterialCode} for {documentId}", "lines");
            moves.Add(new StockMove(FulfillmentEventNames.BranchStock(branchCode, l.BasicMaterialCode),
                new BranchStockReleased(branchCode, l.BasicMaterialCode, l.Quantity, type, documentId, cause, now)));
        }
        return Decision<StockMove>.Accept(moves);
    }

    private static Decision<StockMove> Issue(IStockLevels levels, string branchCode, string documentId, StockDocumentType type, StockLedgerType ledger,
        BranchReleaseCause cause, IEnumerable<StockLine> lines, DateTimeOffset now)
    {
        var moves = new List<StockMove>();
        foreach (var l in Merge(lines).Where(l => l.Quantity > 0))
        {
            var stock = levels.Branch(branchCode, l.BasicMaterialCode);
            if (stock.BranchFreeze < l.Quantity || stock.OnHand < l.Quantity)
                return Decision<StockMove>.Reject(FulfillmentErrors.InvalidState, $"branch {branchCode} does not hold {l.Quantity} of {l.BasicMaterialCode} for {documentId}", "lines");
            var stream = FulfillmentEventNames.BranchStock(branchCode, l.BasicMaterialCode);
            moves.Add(new StockMove(stream, new StockIssued(branchCode, l.BasicMaterialCode, l.Quantity, ledger, documentId, stock.OnHand - l.Quantity, now)));
            moves.Add(new StockMove(stream, new BranchStockReleased(branchCode, l.BasicMaterialCode, l.Quantity, type, documentId, cause, now)));
        }
        return Decision<StockMove>.Accept(moves);
    }
}
