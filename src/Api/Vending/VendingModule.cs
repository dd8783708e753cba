using Cabinets.Api.Hosting;
using Cabinets.Api.Vending.Handlers;
using Cabinets.Api.Vending.Handlers.Catalog;
using Cabinets.Api.Vending.Outbound;
using Cabinets.Api.Vending.Ports;
using Cabinets.Api.Vending.Ports.WeChat;
using Cabinets.Api.Vending.Rest;
using Cabinets.Domain.Vending;
using Cabinets.Projections.Vending.Catalog;
using Cabinets.Projections.Vending.Complaints;
using Cabinets.Projections.Vending.ManualTasks;
using Cabinets.Projections.Vending.Orders;
using Cabinets.Projections.Vending.Sessions;
using Cabinets.Projections.Vending.Users;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.ErrorHandling;

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
        var settings = new VendingSettings();
        config.GetSection("Vending").Bind(settings);
        services.AddSingleton(settings).AddSingleton<VendingNumbers>().AddSingleton<AppTokens>().AddSingleton<VendingIdempotencyKeys>();
        services.ConfigureMarten(ConfigureMarten);
        services.ConfigureWolverine(opts =>
        {
            opts.Policies.Add(new VendingOutboundPolicy(CritterStackSetup.ExternalRetrySchedule(config)));
            // Two pushes of one vendor order claim its number at once: the loser decides again and finds the winner's answer.
            opts.OnException<JasperFx.Events.ExistingStreamIdCollisionException>().RetryWithCooldown(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50));
        });
        services.AddSingleton<OutboundGaveUp>().AddSingleton<OutboundAttempts>();
        services.AddWeChatPorts(config, env);
        services.AddVendingCatalog(config, env); // stores, devices, products; vendor and ERP ports (Handlers/Catalog)
        services.AddSingleton<IWeChatNotificationHandler, WeChatNotifications>();
        services.AddOrderOutboundAttempts();
        return services;
    }

    private static void ConfigureMarten(StoreOptions opts)
    {
        opts.Projections.Add<ManualTaskSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<VendingStoreSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<VendingDeviceSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<VendingDeviceSnapshot>().UniqueIndex(x => x.QrCode);
        opts.Projections.Add<VendingProductSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<VendingUserSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<VendingUserSnapshot>().Index(x => x.OpenIdHash).Index(x => x.PhoneHash);
        opts.Projections.Add<VendingSessionSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<VendingSessionSnapshot>().Index(x => x.UserId);
        opts.Projections.Add<VendingOrderSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<VendingOrderSnapshot>().Index(x => x.UserId).Index(x => x.OrderTime);
        opts.Projections.Add<ComplaintSnapshotProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<ComplaintSnapshot>().Index(x => x.OrderNo).Index(x => x.UserId);
        opts.Schema.For<VendingReference>();
        opts.Schema.For<AppSession>();
        opts.Storage.ExtendedSchemaObjects.AddRange(VendingNumbers.SchemaObjects());
        opts.Storage.ExtendedSchemaObjects.Add(VendingIdempotencyKeys.Table());
        opts.ConfigureCatalogMarten();
    }

    public static IEndpointRouteBuilder MapVending(this IEndpointRouteBuilder app)
    {
        app.MapWeChatCallbacks();
        app.MapVendingCatalog();
        app.MapVendorOrderPushes();
        app.MapMiniProgram();
        return app;
    }
}
