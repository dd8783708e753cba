using Cabinets.Api.Vending.Outbound;
using Cabinets.Api.Vending.Ports;
using Cabinets.Api.Vending.Ports.Vendor;
using Cabinets.Api.Vending.Rest;
using Cabinets.Domain.Vending;
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cabinets.Api.Vending.Handlers.Catalog;

/// <summary>The vending master data: the vendor and ERP ports, their outbound attempts, the schedule, the device-status endpoint.</summary>
internal static class CatalogModule
{
    public static IServiceCollection AddVendingCatalog(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        services.AddVendorAndErpPorts(config, env);
        var schedule = config.GetSection("Vending").Get<CatalogScheduleSettings>() ?? new CatalogScheduleSettings();
        services.AddSingleton(schedule);
        if (schedule.ScheduleEnabled) services.AddHostedService<CatalogSchedule>();
        services.AddSingleton<Statistics.SalesSummaries>().AddSingleton<ISalesSummarySource, StatisticsSalesSummaries>();
        services.AddSingleton<VendorSignatureFilter>();
        services.AddOutboundAttempt<VendorBindDevice>((m, sp, s, ct) => VendorBindDeviceHandler.AttemptAsync(m, sp.GetRequiredService<IVendorGateway>(), s, Clock(sp), ct));
        services.AddOutboundAttempt<VendorUnbindDevice>((m, sp, s, ct) => VendorUnbindDeviceHandler.AttemptAsync(m, sp.GetRequiredService<IVendorGateway>(), s, Clock(sp), ct));
        services.AddOutboundAttempt<ErpPullProducts>((m, sp, s, ct) => ErpPullProductsHandler.AttemptAsync(m, sp.GetRequiredService<IErpGateway>(), s, Clock(sp), ct));
        services.AddOutboundAttempt<ErpPushSalesSummary>((m, sp, s, ct) =>
            ErpPushSalesSummaryHandler.AttemptAsync(m, sp.GetRequiredService<IErpGateway>(), sp.GetRequiredService<ISalesSummarySource>(), s, Clock(sp), ct));
        return services;
    }

    public static void ConfigureCatalogMarten(this StoreOptions opts) => opts.Schema.For<ProductPullCursor>();

    public static IEndpointRouteBuilder MapVendingCatalog(this IEndpointRouteBuilder app) => app.MapDeviceStatus();

    private static TimeProvider Clock(IServiceProvider sp) => sp.GetRequiredService<TimeProvider>();
}
