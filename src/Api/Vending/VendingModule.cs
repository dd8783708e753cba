using Marten;

namespace Cabinets.Api.Vending;

/// <summary>
/// The vending module (seed 001, VENDING.md): stores, devices, products, mini-program users and
/// their tickets, scan-to-open sessions, vendor order pushes, charging, corrections, complaints,
/// the manual-handling queue and statistics. Commands are handled in `Handlers/`, decided by the
/// deciders of `src/Domain/Vending`; read models are built in `src/Projections/Vending`; the outside
/// systems sit behind the ports of `Ports/`.
/// </summary>
internal static class VendingModule
{
    public static IServiceCollection AddVending(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        services.ConfigureMarten(opts => ConfigureMarten(opts));
        return services;
    }

    private static void ConfigureMarten(StoreOptions opts)
    {
    }

    public static IEndpointRouteBuilder MapVending(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
