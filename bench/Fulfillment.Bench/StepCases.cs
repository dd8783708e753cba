using Cabinets.Domain.Fulfillment;
using Cabinets.Projections.Fulfillment;
using Marten;

namespace Cabinets.Fulfillment.Bench;

/// <summary>
/// Where a NORMAL material's SellableAsync spends its time: its round trips one by one, with the same
/// Marten calls on a fresh query session each (so each pays the session and the pool once), and the
/// two id look-ups in one batch, which is what the "two round trips" of its summary would cost.
/// Not part of the target; the arithmetic in between is left out.
/// </summary>
internal static class StepCases
{
    public static IReadOnlyList<QueryCase> All(IDocumentStore store, StockLayout layout)
    {
        string Material(int i) => StockLayout.Material((int)((long)i * 7919 % layout.Materials));
        string[] StockIds(int i) => [.. Enumerable.Range(0, StockLayout.Branches).Select(b => FulfillmentEventNames.BranchStock(StockLayout.Branch(b), Material(i)))];
        string[] FreezeIds(int i) => [.. Enumerable.Range(0, StockLayout.Shops).Select(s => FulfillmentEventNames.ShopFreeze(StockLayout.Shop(s), Material(i)))];
        return
        [
            new("  step 1: batch of Load<SalesMaterialSnapshot> + Query<BranchSnapshot>().ToList()", false, async (i, ct) =>
            {
                await using var session = store.QuerySession();
                var batch = session.CreateBatchQuery();
                var material = batch.Load<SalesMaterialSnapshot>(FulfillmentEventNames.SalesMaterial(StockLayout.Normal((int)((long)i * 7919 % layout.Materials))));
                var branches = batch.Query<BranchSnapshot>().ToList();
                await batch.Execute(ct);
                await material;
                await branches;
            }),
            new($"  step 2: LoadManyAsync<BranchStockSnapshot>, {StockLayout.Branches} ids", false, async (i, ct) =>
            {
                await using var session = store.QuerySession();
                await session.LoadManyAsync<BranchStockSnapshot>(ct, StockIds(i));
            }),
            new($"  step 3: LoadManyAsync<ShopFreezeSnapshot>, {StockLayout.Shops} ids", false, async (i, ct) =>
            {
                await using var session = store.QuerySession();
                await session.LoadManyAsync<ShopFreezeSnapshot>(ct, FreezeIds(i));
            }),
            new("  steps 2 + 3 in one batch query instead", false, async (i, ct) =>
            {
                await using var session = store.QuerySession();
                var batch = session.CreateBatchQuery();
                var stocks = batch.LoadMany<BranchStockSnapshot>().ById(StockIds(i));
                var freezes = batch.LoadMany<ShopFreezeSnapshot>().ById(FreezeIds(i));
                await batch.Execute(ct);
                await stocks;
                await freezes;
            }),
        ];
    }
}
