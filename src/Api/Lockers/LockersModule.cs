using Cabinets.Api.Lockers.Ibs;
using Cabinets.Api.Lockers.Parcels;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Protocol;
using FluentValidation;

namespace Cabinets.Api.Lockers;

/// <summary>
/// The locker module: cabinet bank commands (handled in `Handlers/`, decided by
/// <see cref="CabinetDecider"/>), and the IBS endpoint that drives them.
/// </summary>
internal static class LockersModule
{
    public static IServiceCollection AddLockers(this IServiceCollection services, IConfiguration config)
    {
        var ibs = new IbsOptions();
        config.GetSection("Ibs").Bind(ibs);
        services.AddSingleton(new IbsCodec(ibs));
        services.AddSingleton(new IbsSettings(config.GetValue("Ibs:AutoProvision", false)));
        services.AddSingleton<IbsFrameDispatcher>();
        // Door reports are batched per lane (ADR-0018): Ibs:BatchLanes = 0 sends each on its own.
        services.AddSingleton(new DoorStatusBatching(config.GetValue("Ibs:BatchLanes", Environment.ProcessorCount), config.GetValue("Ibs:MaxBatch", 128)));
        services.AddSingleton<DoorStatusBatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<DoorStatusBatcher>());
        services.AddSingleton<IValidator<ProvisionCabinet>, ProvisionCabinetValidator>();
        services.AddSingleton<IbsParcelMethods>();
        services.AddParcels(config);
        return services;
    }
}

internal sealed record IbsSettings(bool AutoProvision);
