using Cabinets.Api.Fulfillment.Rest;
using Cabinets.Api.Fulfillment.Stock;
using Cabinets.Projections.Fulfillment;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.ErrorHandling;

namespace Cabinets.Api.Fulfillment;

/// <summary>
/// The fulfillment module (seed 002, FULFILLMENT.md), first part: shops, materials and branches, the
/// inventory of every (branch, material) and (shop, material) with its ledger, sellable stock, and
/// purchase receipts. Commands are handled in `Handlers/`, decided by `src/Domain/Fulfillment`;
/// read models are built in `src/Projections/Fulfillment`; the console's part is `GraphQL/`.
/// </summary>
public static class FulfillmentModule
{
    internal static IServiceCollection AddFulfillment(this IServiceCollection services)
    {
        services.AddSingleton<FulfillmentNumbers>().AddSingleton<ChannelSignatureFilter>().AddSingleton<ChannelIdempotencyKeys>().AddSingleton<SellableQueries>().AddSingleton<WriteBackPreviews>();
        services.ConfigureMarten(ConfigureMarten);
        // Two arrivals of one new channel order start its stream at once: the loser decides again and finds the order.
        services.ConfigureWolverine(opts => opts.OnException<Marten.Exceptions.ExistingStreamIdCollisionException>()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100)));
        return services;
    }

    internal static IEndpointRouteBuilder MapFulfillment(this IEndpointRouteBuilder app) => app.MapChannelOrders().MapChannelPayments();

    /// <summary>The module's part of the store (snapshots, indexes, the ledger, sequences); public for tools that build the store without the host (bench/Fulfillment.Bench).</summary>
    public static void ConfigureMarten(StoreOptions opts)
    {
        opts.Projections.Add<FulfillmentShopSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<BasicMaterialSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<SalesMaterialSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<BranchSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<BranchStockSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<BranchStockSnapshot>().Index(x => x.BranchCode).Index(x => x.BasicMaterialCode);
        opts.Projections.Add<ShopFreezeSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<ShopFreezeSnapshot>().Index(x => x.ShopCode).Index(x => x.BasicMaterialCode);
        opts.Projections.Add<PurchaseReceiptSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<PurchaseReceiptSnapshot>().Index(x => x.BranchCode).Index(x => x.CreatedAt);
        opts.Projections.Add<StockLedgerProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<StockLedgerEntry>().Index(x => x.BasicMaterialCode).Index(x => x.BranchCode).Index(x => x.At);
        opts.Projections.Add<ChannelOrderSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<ChannelOrderSnapshot>().Index(x => x.OrderBn).Index(x => x.ShopCode);
        opts.Projections.Add<DeliverySnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<DeliverySnapshot>().Index(x => x.OrderId).Index(x => x.LogisticsNo);
        opts.Projections.Add<WriteBackRuleSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<WriteBackRuleSnapshot>().Index(x => x.Code).Index(x => x.Enabled);
        opts.Storage.ExtendedSchemaObjects.AddRange(FulfillmentNumbers.SchemaObjects());
        opts.Storage.ExtendedSchemaObjects.Add(ChannelIdempotencyKeys.Table());
        opts.Schema.For<Handlers.ChannelPaymentReference>();
    }
}
