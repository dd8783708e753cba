using Cabinets.Api.Hosting;
using Cabinets.Api.Vending.Handlers.Catalog;
using Cabinets.Api.Vending.Outbound;
using Cabinets.Projections.Vending.Catalog;
using Cabinets.Projections.Vending.ManualTasks;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;

namespace Cabinets.Api.Vending;

/// <summary>
/// The vending module (seed 001, VENDING.md): stores, devices, products, mini-program users and
/// their tickets, scan-to-open sessions, vendor order pushes, charging, corrections, complaints,
/// the manual-handling queue and statistics. Commands are handled in `Handlers/`, decided by the
/// deciders of `src/Domain/Vending`; read models are built in `src/Projections/Vending`; the outside
/// systems sit behind the ports of `Ports/`; outside calls go through the outbox with the failure
/// rules of `Outbound/`.
/// </summary>
internal static class VendingModule
{
    public static IServiceCollection AddVending(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        services.ConfigureMarten(ConfigureMarten);
        services.ConfigureWolverine(opts => opts.Policies.Add(new VendingOutboundPolicy(CritterStackSetup.ExternalRetrySchedule(config))));
        services.AddSingleton<OutboundGaveUp>().AddSingleton<OutboundAttempts>();
        services.AddVendingCatalog(config, env); // stores, devices, products; vendor and ERP ports (Handlers/Catalog)
        return services;
    }

    private static void ConfigureMarten(StoreOptions opts)
    {
        opts.Projections.Add<ManualTaskSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<VendingStoreSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<VendingDeviceSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<VendingDeviceSnapshot>().UniqueIndex(x => x.QrCode);
        opts.Projections.Add<VendingProductSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.ConfigureCatalogMarten();
    }

    public static IEndpointRouteBuilder MapVending(this IEndpointRouteBuilder app)
    {
        app.MapVendingCatalog();
        return app;
    }
}
