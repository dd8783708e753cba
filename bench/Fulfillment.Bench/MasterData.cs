using Cabinets.Domain.Fulfillment;
using Cabinets.Projections.Fulfillment;
using Marten;

namespace Cabinets.Fulfillment.Bench;

/// <summary>
/// Shops, basic and sales materials and branches, written through Marten as the catalog handlers
/// leave them (one stream each, its inline snapshot in the same commit, the session's metadata as
/// CommandHeaders sets it), 1,000 streams per commit. These are not stock events and are not counted.
/// </summary>
internal static class MasterData
{
    public static async Task WriteAsync(IDocumentStore store, StockLayout layout, CancellationToken ct)
    {
        var at = StockLayout.Start.AddDays(-30);
        // Each event is built in its loop, not in the lambda: a for loop's variable is shared by every iteration's closure.
        var streams = new List<Action<IDocumentSession>>();
        for (var s = 0; s < StockLayout.Shops; s++)
        {
            var shop = StockLayout.Shop(s);
            var registered = new ShopRegistered(shop, $"Shop {shop}", (Platform)(s % 4), $"node-{shop}", SealedToken: $"bench-not-a-token-{shop}", at);
            streams.Add(x => x.Events.StartStream<FulfillmentShopSnapshot>(FulfillmentEventNames.Shop(shop), registered));
        }
        for (var m = 0; m < layout.Materials; m++)
        {
            var (material, normal) = (StockLayout.Material(m), StockLayout.Normal(m));
            var basic = new BasicMaterialRegistered(material, $"Material {material}", $"69{material[1..]}", 250, at);
            var sales = new SalesMaterialRegistered(normal, $"Sales {material}", SalesMaterialType.Normal, [new SalesComponent(material, 1)], at);
            streams.Add(x => x.Events.StartStream<BasicMaterialSnapshot>(FulfillmentEventNames.BasicMaterial(material), basic));
            streams.Add(x => x.Events.StartStream<SalesMaterialSnapshot>(FulfillmentEventNames.SalesMaterial(normal), sales));
        }
        for (var k = 0; k < layout.Bundles; k++)
        {
            var bundle = new SalesMaterialRegistered(StockLayout.Bundle(k), $"Bundle {StockLayout.Bundle(k)}", SalesMaterialType.Bundle, layout.BundleParts(k), at);
            streams.Add(x => x.Events.StartStream<SalesMaterialSnapshot>(FulfillmentEventNames.SalesMaterial(bundle.Code), bundle));
        }
        for (var b = 0; b < StockLayout.Branches; b++)
        {
            var branch = StockLayout.Branch(b);
            var registered = new BranchRegistered(branch, $"Branch {branch}", WmsType.Own, $"WMS-{branch}", true, BranchRole.Shipping, StockLayout.LinkedShops(b), "SF", at);
            streams.Add(x => x.Events.StartStream<BranchSnapshot>(FulfillmentEventNames.Branch(branch), registered));
        }

        foreach (var chunk in streams.Chunk(1000))
        {
            await using var session = store.LightweightSession();
            session.CorrelationId = session.CausationId = $"bench-master-{Guid.CreateVersion7()}";
            session.LastModifiedBy = "admin";
            session.SetHeader("role", "admin");
            session.SetHeader("channel", "graphql");
            foreach (var start in chunk) start(session);
            await session.SaveChangesAsync(ct);
        }
    }
}
