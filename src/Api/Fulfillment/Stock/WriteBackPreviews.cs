using Cabinets.Domain.Fulfillment.WriteBack;
using Cabinets.Projections.Fulfillment;
using Marten;

namespace Cabinets.Api.Fulfillment.Stock;

/// <summary>What a write-back would send for one SKU of one shop now: its sellable, the rule that applies, the quantity or why nothing would be sent.</summary>
public sealed record WriteBackPreview(long Sellable, WriteBackRuleState? Rule, long? Quantity, bool WillSend, string? Reason);

/// <summary>`stockWriteBackPreview` (§2.10): sellable as <see cref="SellableQueries"/> reads it, the live rules, <see cref="StockWriteBack.Decide"/>.</summary>
public sealed class WriteBackPreviews(IDocumentStore store, SellableQueries sellable)
{
    public async Task<WriteBackPreview?> PreviewAsync(string shopCode, string salesMaterialCode, CancellationToken ct)
    {
        if (await sellable.SellableAsync(shopCode, salesMaterialCode, ct) is not { } stock) return null;
        await using var session = store.QuerySession();
        var rules = (await session.Query<WriteBackRuleSnapshot>().Where(r => r.Enabled && !r.Deleted).ToListAsync(ct))
            .Select(r => r.State!).ToList();
        var onHand = stock.Branches.Sum(b => (long)b.OnHand);
        var outcome = StockWriteBack.Decide(rules.Select(r => r.ToRule()), shopCode, salesMaterialCode, stock.Sellable, onHand);
        return new WriteBackPreview(stock.Sellable, rules.FirstOrDefault(r => r.Code == outcome.RuleCode), outcome.Quantity, outcome.WillSend, outcome.Evaluation.Reason);
    }
}
