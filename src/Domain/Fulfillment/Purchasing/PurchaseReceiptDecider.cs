using Cabinets.Domain.Deciding;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.Inventory;

namespace Cabinets.Domain.Fulfillment.Purchasing;

public enum PurchaseReceiptStatus { Draft, Approved, PartiallyReceived, Received, Cancelled }

public sealed record PurchaseReceiptLineState(string BasicMaterialCode, int Quantity, int ReceivedQuantity)
{
    public int Outstanding => Quantity - ReceivedQuantity;
}

/// <summary>A purchase receipt 采购入库单 (§2.15): created, approved (in transit), received in parts, or cancelled.</summary>
public sealed record PurchaseReceiptState(string ReceiptId, string BranchCode, PurchaseReceiptStatus Status, IReadOnlyList<PurchaseReceiptLineState> Lines, DateTimeOffset CreatedAt)
{
    public static PurchaseReceiptState? Evolve(PurchaseReceiptState? state, object e) => e switch
    {
        PurchaseReceiptCreated c => new(c.ReceiptId, c.BranchCode, PurchaseReceiptStatus.Draft, c.Lines.Select(l => new PurchaseReceiptLineState(l.BasicMaterialCode, l.Quantity, 0)).ToList(), c.At),
        PurchaseReceiptApproved when state is not null => state with { Status = PurchaseReceiptStatus.Approved },
        PurchaseReceiptReceived r when state is not null => Received(state, r),
        PurchaseReceiptCancelled when state is not null => state with { Status = PurchaseReceiptStatus.Cancelled },
        _ => state,
    };

    private static PurchaseReceiptState Received(PurchaseReceiptState s, PurchaseReceiptReceived r)
    {
        var lines = s.Lines.Select(l => l with { ReceivedQuantity = l.ReceivedQuantity + r.Lines.Where(x => x.BasicMaterialCode == l.BasicMaterialCode).Sum(x => x.Quantity) }).ToList();
        return s with { Lines = lines, Status = r.Final || lines.All(l => l.Outstanding == 0) ? PurchaseReceiptStatus.Received : PurchaseReceiptStatus.PartiallyReceived };
    }
}

public sealed record CreatePurchaseReceipt(string ReceiptId, string BranchCode, IReadOnlyList<PurchaseLine> Lines, BranchState? Branch,
    IReadOnlySet<string> KnownBasicMaterials, DateTimeOffset Now);

public sealed record ApprovePurchaseReceipt(string ReceiptId, DateTimeOffset Now);

/// <summary>`receivePurchaseReceipt`: <paramref name="Lines"/> empty = everything outstanding.</summary>
public sealed record ReceivePurchaseReceipt(string ReceiptId, IReadOnlyList<PurchaseLine> Lines, DateTimeOffset Now);

public sealed record CancelPurchaseReceipt(string ReceiptId, DateTimeOffset Now);

/// <summary>What a purchase receipt step writes: the receipt's own events and the stock moves of its branch.</summary>
public sealed record PurchaseReceiptChange(IReadOnlyList<object> ReceiptEvents, IReadOnlyList<StockMove> StockMoves);

/// <summary>
/// Purchase receipts (FULFILLMENT.md §2.15, §2.9): approving puts the lines in transit; receiving
/// (in parts, never more than outstanding) moves units from in transit to on hand with a PURCHASE_IN
/// ledger entry; cancelling a draft changes no stock, cancelling an approved or partly received one
/// takes what is outstanding out of transit. A received or cancelled receipt changes no more.
/// </summary>
public static class PurchaseReceiptDecider
{
    public static Decision<PurchaseReceiptChange> Create(CreatePurchaseReceipt c, PurchaseReceiptState? state)
    {
        if (FulfillmentErrors.Code("receiptId", c.ReceiptId) is { } badId) return badId;
        if (state is not null) return Decision<PurchaseReceiptChange>.Reject(FulfillmentErrors.CodeTaken, $"purchase receipt {c.ReceiptId} exists", "receiptId");
        if (c.Branch is null) return Decision<PurchaseReceiptChange>.Reject(FulfillmentErrors.NotFound, $"no branch {c.BranchCode}", "branchCode");
        if (c.Lines.Count is 0 or > 500) return Decision<PurchaseReceiptChange>.Reject(FulfillmentErrors.Validation, "1 to 500 lines", "lines");
        for (var i = 0; i < c.Lines.Count; i++)
        {
            var line = c.Lines[i];
            if (FulfillmentErrors.Quantity($"lines[{i}].quantity", line.Quantity) is { } bad) return bad;
            if (!c.KnownBasicMaterials.Contains(line.BasicMaterialCode))
                return Decision<PurchaseReceiptChange>.Reject(FulfillmentErrors.NotFound, $"no basic material {line.BasicMaterialCode}", $"lines[{i}].basicMaterialCode");
            if (c.Lines.Take(i).Any(l => l.BasicMaterialCode == line.BasicMaterialCode))
                return Decision<PurchaseReceiptChange>.Reject(FulfillmentErrors.Validation, "each basic material once", $"lines[{i}].basicMaterialCode");
        }
        return Decision<PurchaseReceiptChange>.Accept(new PurchaseReceiptChange([new PurchaseReceiptCreated(c.ReceiptId, c.BranchCode, c.Lines, c.Now)], []));
    }

    public static Decision<PurchaseReceiptChange> Approve(ApprovePurchaseReceipt c, PurchaseReceiptState? state)
    {
        if (state is null) return Decision<PurchaseReceiptChange>.Reject(FulfillmentErrors.NotFound, $"no purchase receipt {c.ReceiptId}", "receiptId");
        if (state.Status != PurchaseReceiptStatus.Draft) return Decision<PurchaseReceiptChange>.Reject(FulfillmentErrors.InvalidState, $"purchase receipt {c.ReceiptId} is {state.Status}, not a draft", "receiptId");
        return Decision<PurchaseReceiptChange>.Accept(new PurchaseReceiptChange([new PurchaseReceiptApproved(c.ReceiptId, c.Now)],
            StockMovements.InTransitAdded(state.BranchCode, c.ReceiptId, state.Lines.Select(l => new StockLine(l.BasicMaterialCode, l.Quantity)), c.Now)));
    }

    public static Decision<PurchaseReceiptChange> Receive(ReceivePurchaseReceipt c, PurchaseReceiptState? state, IStockLevels levels)
    {
        if (state is null) return Decision<PurchaseReceiptChange>.Reject(FulfillmentErrors.NotFound, $"no purchase receipt {c.ReceiptId}", "receiptId");
        if (state.Status is not (PurchaseReceiptStatus.Approved or PurchaseReceiptStatus.PartiallyReceived))
            return Decision<PurchaseReceiptChange>.Reject(FulfillmentErrors.InvalidState, $"purchase receipt {c.ReceiptId} is {state.Status}: only an approved one is received", "receiptId");
        var lines = c.Lines.Count == 0
            ? state.Lines.Where(l => l.Outstanding > 0).Select(l => new PurchaseLine(l.BasicMaterialCode, l.Outstanding)).ToList()
            : c.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var on = state.Lines.FirstOrDefault(l => l.BasicMaterialCode == line.BasicMaterialCode);
            if (on is null) return Decision<PurchaseReceiptChange>.Reject(FulfillmentErrors.NotFound, $"{line.BasicMaterialCode} is not on purchase receipt {c.ReceiptId}", $"lines[{i}].basicMaterialCode");
            if (c.Lines.Take(i).Any(l => l.BasicMaterialCode == line.BasicMaterialCode))
                return Decision<PurchaseReceiptChange>.Reject(FulfillmentErrors.Validation, "each basic material once", $"lines[{i}].basicMaterialCode");
            if (FulfillmentErrors.Quantity($"lines[{i}].quantity", line.Quantity, on.Outstanding) is { } bad) return bad;
        }
        var after = PurchaseReceiptState.Evolve(state, new PurchaseReceiptReceived(c.ReceiptId, lines, false, c.Now))!;
        var final = after.Lines.All(l => l.Outstanding == 0);
        return Decision<PurchaseReceiptChange>.Accept(new PurchaseReceiptChange([new PurchaseReceiptReceived(c.ReceiptId, lines, final, c.Now)],
            StockMovements.Received(levels, state.BranchCode, c.ReceiptId, lines.Select(l => new StockLine(l.BasicMaterialCode, l.Quantity)), c.Now)));
    }

    public static Decision<PurchaseReceiptChange> Cancel(CancelPurchaseReceipt c, PurchaseReceiptState? state, IStockLevels levels)
    {
        if (state is null) return Decision<PurchaseReceiptChange>.Reject(FulfillmentErrors.NotFound, $"no purchase receipt {c.ReceiptId}", "receiptId");
        if (state.Status is PurchaseReceiptStatus.Received or PurchaseReceiptStatus.Cancelled)
            return Decision<PurchaseReceiptChange>.Reject(FulfillmentErrors.InvalidState, $"purchase receipt {c.ReceiptId} is {state.Status}", "receiptId");
        var outstanding = state.Lines.Where(l => l.Outstanding > 0).Select(l => new PurchaseLine(l.BasicMaterialCode, l.Outstanding)).ToList();
        var moves = state.Status == PurchaseReceiptStatus.Draft ? []
            : StockMovements.InTransitCancelled(levels, state.BranchCode, c.ReceiptId, outstanding.Select(l => new StockLine(l.BasicMaterialCode, l.Quantity)), c.Now);
        return Decision<PurchaseReceiptChange>.Accept(new PurchaseReceiptChange([new PurchaseReceiptCancelled(c.ReceiptId, outstanding, c.Now)], moves));
    }
}
