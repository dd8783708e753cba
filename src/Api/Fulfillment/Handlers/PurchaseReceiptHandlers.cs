using Cabinets.Api.Commands;
using Cabinets.Domain.Deciding;
using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Purchasing;
using Cabinets.Projections.Fulfillment;
using Marten;

namespace Cabinets.Api.Fulfillment.Handlers;

/// <summary>`createPurchaseReceipt`: the handler takes the receipt's number and looks the branch and materials up.</summary>
public sealed record CreatePurchaseReceiptCommand(string BranchCode, IReadOnlyList<PurchaseLine> Lines, DateTimeOffset Now);

public static class CreatePurchaseReceiptHandler
{
    public static async Task<CommandOutcome> Handle(CreatePurchaseReceiptCommand command, IDocumentSession session, FulfillmentNumbers numbers, CancellationToken ct)
    {
        var receiptId = await numbers.PurchaseReceiptAsync(ct);
        var create = new CreatePurchaseReceipt(receiptId, command.BranchCode, command.Lines, await FulfillmentLookups.BranchAsync(session, command.BranchCode, ct),
            await FulfillmentLookups.BasicMaterialCodesAsync(session, command.Lines.Select(l => l.BasicMaterialCode), ct), command.Now);
        return await PurchaseReceiptStream.DecideAsync(session, receiptId, (state, _) => PurchaseReceiptDecider.Create(create, state), ct);
    }
}

public static class ApprovePurchaseReceiptHandler
{
    public static Task<CommandOutcome> Handle(ApprovePurchaseReceipt command, IDocumentSession session, CancellationToken ct) =>
        PurchaseReceiptStream.DecideAsync(session, command.ReceiptId, (state, _) => PurchaseReceiptDecider.Approve(command, state), ct);
}

public static class ReceivePurchaseReceiptHandler
{
    public static Task<CommandOutcome> Handle(ReceivePurchaseReceipt command, IDocumentSession session, CancellationToken ct) =>
        PurchaseReceiptStream.DecideAsync(session, command.ReceiptId, (state, stock) => PurchaseReceiptDecider.Receive(command, state, stock), ct);
}

public static class CancelPurchaseReceiptHandler
{
    public static Task<CommandOutcome> Handle(CancelPurchaseReceipt command, IDocumentSession session, CancellationToken ct) =>
        PurchaseReceiptStream.DecideAsync(session, command.ReceiptId, (state, stock) => PurchaseReceiptDecider.Cancel(command, state, stock), ct);
}

/// <summary>
/// Purchase receipts (§2.15): the receipt's stream and its branch's stock streams of the receipt's
/// materials, loaded for writing and written in one commit, decided by <see cref="PurchaseReceiptDecider"/>.
/// The answer is the receipt's id.
/// </summary>
internal static class PurchaseReceiptStream
{
    public static async Task<CommandOutcome> DecideAsync(IDocumentSession session, string receiptId,
        Func<PurchaseReceiptState?, StockStreams, Decision<PurchaseReceiptChange>> decide, CancellationToken ct)
    {
        var receipt = await session.Events.FetchForWriting<PurchaseReceiptSnapshot>(FulfillmentEventNames.PurchaseReceipt(receiptId), ct);
        var state = receipt.Aggregate?.State;
        var stock = new StockStreams(session);
        if (state is not null) await stock.LoadBranchAsync(state.BranchCode, state.Lines.Select(l => l.BasicMaterialCode), ct);
        var decision = decide(state, stock);
        if (decision.Error is { } error) return new CommandOutcome.Rejected(error);
        var change = decision.Events.Single();
        receipt.AppendMany(change.ReceiptEvents.ToArray());
        stock.Append(change.StockMoves);
        return new CommandOutcome.Accepted(receiptId, change.ReceiptEvents.Count + change.StockMoves.Count);
    }
}
