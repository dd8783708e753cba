using Cabinets.Domain.Deciding;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.Inventory;

namespace Cabinets.Domain.Fulfillment.Orders;

public enum ReviewMode { Manual, Auto }

public enum DeliveryStatus { Normal, Cancelled, Paused, Shipped }

/// <summary>A line of a delivery notice (§1.5): a basic material, how many, its barcode for verification.</summary>
public sealed record DeliveryLine(string LineId, string BasicMaterialCode, string? Barcode, int Number);

public sealed record OrderReviewed(string OrderId, string DeliveryId, ReviewMode Mode, ProcessStatus ProcessStatus, string BranchCode, string? LogisticsCode, DateTimeOffset At);

public sealed record DeliveryCreated(string DeliveryId, string DeliveryBn, string OrderId, string ShopCode, string Tid, string BranchCode, string? LogisticsCode,
    IReadOnlyList<DeliveryLine> Lines, DateTimeOffset At);

/// <summary>A delivery notice 发货单 (§1.5) as its stream `fulfillment-delivery-{deliveryId}` folds it.</summary>
public sealed record DeliveryState(string DeliveryId, string DeliveryBn, string OrderId, string ShopCode, string Tid, string BranchCode, string? LogisticsCode,
    DeliveryStatus Status, IReadOnlyList<DeliveryLine> Lines, DateTimeOffset CreatedAt)
{
    public string? LogisticsNo { get; init; }

    /// <summary>The bits of the documents printed so far (1 stock list, 2 delivery note, 4 express label).</summary>
    public PrintDocuments PrintStatus { get; init; }

    public string? BatchNo { get; init; }

    public bool Printed { get; init; }

    public bool Verified { get; init; }

    /// <summary>Units scanned per line.</summary>
    public IReadOnlyDictionary<string, int> VerifyNums { get; init; } = new Dictionary<string, int>();

    public DateTimeOffset? ConsignedAt { get; init; }

    public DeliveryCloseReason? CloseReason { get; init; }

    public int? WeightGrams { get; init; }

    public int VerifiedOf(string lineId) => VerifyNums.GetValueOrDefault(lineId);

    /// <summary>`processStatus` (§1.5): NONE 0, PRINTED 1, VERIFIED 3, CONSIGNED 7.</summary>
    public int ProcessStatus => ConsignedAt is not null ? 7 : Verified ? 3 : Printed ? 1 : 0;

    public static DeliveryState? Evolve(DeliveryState? state, object e) => e switch
    {
        DeliveryCreated c => new(c.DeliveryId, c.DeliveryBn, c.OrderId, c.ShopCode, c.Tid, c.BranchCode, c.LogisticsCode, DeliveryStatus.Normal, c.Lines, c.At),
        LogisticsNoAssigned l when state is not null => state with { LogisticsNo = l.LogisticsNo },
        DeliveryDocumentPrinted p when state is not null => state with { PrintStatus = p.PrintStatus, BatchNo = p.BatchNo },
        DeliveryPrinted when state is not null => state with { Printed = true },
        DeliveryItemVerified v when state is not null => state with { VerifyNums = new Dictionary<string, int>(state.VerifyNums) { [v.LineId] = v.VerifyNum } },
        DeliveryVerified when state is not null => state with { Verified = true },
        DeliveryConsigned c when state is not null => state with { Status = DeliveryStatus.Shipped, ConsignedAt = c.ConsignedAt, WeightGrams = c.WeightGrams },
        DeliveryClosed c when state is not null => state with { Status = DeliveryStatus.Cancelled, CloseReason = c.Reason },
        DeliveryPaused when state is not null => state with { Status = DeliveryStatus.Paused },
        DeliveryRenewed when state is not null => state with { Status = DeliveryStatus.Normal },
        _ => state,
    };
}

/// <param name="Barcodes">The basic materials' barcodes, by code (copied onto the lines for verification).</param>
public sealed record ReviewOrder(string OrderId, string BranchCode, string? LogisticsCode, BranchState? Branch, string DeliveryId, string DeliveryBn,
    IReadOnlyDictionary<string, string?> Barcodes, DateTimeOffset Now);

/// <summary>What review writes: the order's events, the new delivery's, and the stock moves (shop freeze → branch freeze).</summary>
public sealed record ReviewChange(IReadOnlyList<object> OrderEvents, IReadOnlyList<object> DeliveryEvents, IReadOnlyList<StockMove> StockMoves);

/// <summary>
/// Manual review 人工审单 (FULFILLMENT.md §2.7, L2790-2815): an active, unconfirmed, not failed order,
/// a SHIPPING branch linked to its shop with every unit available (onHand − branchFreeze) → one
/// delivery of the whole order (v1), the shop freeze released and the branch's frozen (L2805), the
/// order SPLIT (`confirm` Y). Short stock is INSUFFICIENT_STOCK with nothing moved; a STOCKING or
/// unlinked branch is BRANCH_NOT_ALLOWED. Reviewing part of the lines (SPLITTING) is not built yet.
/// </summary>
public static class OrderReview
{
    public static Decision<ReviewChange> Review(ReviewOrder c, ChannelOrderState? order, IStockLevels levels)
    {
        if (order is null) return Decision<ReviewChange>.Reject(FulfillmentErrors.NotFound, $"no order {c.OrderId}", "orderId");
        if (order.State != OrderLifecycle.Active || order.ProcessStatus != ProcessStatus.Unconfirmed || order.ShipStatus != ShipStatus.NotShipped)
            return Decision<ReviewChange>.Reject(FulfillmentErrors.InvalidState, $"order {c.OrderId} is {order.ProcessStatus}, {order.State}: only an unconfirmed active order is reviewed", "orderId");
        if (order.Paused) return Decision<ReviewChange>.Reject(FulfillmentErrors.InvalidState, $"order {c.OrderId} is paused: resume it first", "orderId");
        if (order.IsFail)
            return Decision<ReviewChange>.Reject(FulfillmentErrors.InvalidState, $"order {c.OrderId} names sales materials that do not exist ({string.Join(", ", order.UnmatchedBns)}): repair it first", "orderId");
        if (c.Branch is null) return Decision<ReviewChange>.Reject(FulfillmentErrors.NotFound, $"no branch {c.BranchCode}", "branchCode");
        if (c.Branch.Role != BranchRole.Shipping || !c.Branch.LinkedShopCodes.Contains(order.ShopCode, StringComparer.Ordinal))
            return Decision<ReviewChange>.Reject(FulfillmentErrors.BranchNotAllowed, $"branch {c.BranchCode} does not ship for shop {order.ShopCode}", "branchCode");
        var logistics = c.LogisticsCode ?? c.Branch.DefaultLogisticsCode;
        if (logistics is not null && FulfillmentErrors.Code("logisticsCode", logistics) is { } badLogistics) return badLogistics;

        var moved = StockMovements.DeliveryCreated(levels, order.ShopCode, c.BranchCode, order.OrderId, c.DeliveryId, order.Items, c.Now);
        if (moved.Error is { } short_) return short_;
        var lines = order.Items.Select((item, i) => new DeliveryLine($"{c.DeliveryId}-{i + 1}", item.BasicMaterialCode, c.Barcodes.GetValueOrDefault(item.BasicMaterialCode), item.Quantity)).ToList();
        return Decision<ReviewChange>.Accept(new ReviewChange(
            [new OrderReviewed(order.OrderId, c.DeliveryId, ReviewMode.Manual, ProcessStatus.Split, c.BranchCode, logistics, c.Now)],
            [new DeliveryCreated(c.DeliveryId, c.DeliveryBn, order.OrderId, order.ShopCode, order.Tid, c.BranchCode, logistics, lines, c.Now)],
            moved.Events));
    }
}
