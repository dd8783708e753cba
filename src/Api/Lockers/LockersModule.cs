using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Messaging.Commands;
using Cabinets.Messaging.Hosting;
using Cabinets.Api.Lockers.Ibs;
using Cabinets.Protocol;

namespace Cabinets.Api.Lockers;

/// <summary>The locker module: cabinet bank commands on the pipeline, and the IBS endpoint that drives them.</summary>
internal static class LockersModule
{
    public static StreamRef StreamOf(CabinetCommand c) => new(CabinetEventNames.StreamId(c.SerialNumber), CabinetEventNames.StreamType);

    public static MessagingBuilder AddLockers(this MessagingBuilder messaging, IConfiguration config)
    {
        var ibs = new IbsOptions();
        config.GetSection("Ibs").Bind(ibs);
        messaging.Services.AddSingleton(new IbsCodec(ibs));
        messaging.Services.AddSingleton(new IbsSettings(config.GetValue("Ibs:AutoProvision", false)));
        messaging.Services.AddSingleton<IbsRequestHandler>();
        return messaging
            .AddCommand(CommandHandler.For<ProvisionCabinet, object?>("lockers.provision_cabinet").OnStream(CabinetDecider.Instance, StreamOf))
            .AddValidator<ProvisionCabinet, ProvisionCabinetValidator>()
            .AddCommand(CommandHandler.For<RegisterCabinetBank, object?>("lockers.register_cabinet_bank").OnStream(CabinetDecider.Instance, StreamOf))
            .AddCommand(CommandHandler.For<RegisterDoors, object?>("lockers.register_doors").OnStream(CabinetDecider.Instance, StreamOf))
            .AddCommand(CommandHandler.For<ReportDoorStatus, object?>("lockers.report_door_status").OnStream(CabinetDecider.Instance, StreamOf));
    }
}

internal sealed record IbsSettings(bool AutoProvision);
