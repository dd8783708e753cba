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
