using Cabinets.Api.Commands;
using Cabinets.Domain.Stations.Reference;
using Cabinets.Projections.Stations;
using Marten;
using Wolverine;

namespace Cabinets.Api.Stations.Handlers;

public static class UpsertStationMerchantHandler
{
    public static Task<CommandOutcome> Handle(UpsertStationMerchant command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<StationMerchantSnapshot, UpsertStationMerchant, StationMerchant?, IStationReferenceEvent>(session, messages,
            StationReferenceEventNames.MerchantStreamId(command.Merchant.StationId, command.Merchant.AddressId), StationReferenceDecider.Merchants,
            command, s => s.Merchant, ct);
}

public static class UpsertStationSkuHandler
{
    public static Task<CommandOutcome> Handle(UpsertStationSku command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<StationSkuSnapshot, UpsertStationSku, StationSku?, IStationReferenceEvent>(session, messages,
            StationReferenceEventNames.SkuStreamId(command.Sku.StationId, command.Sku.SkuId), StationReferenceDecider.Skus,
            command, s => s.Sku, ct);
}
