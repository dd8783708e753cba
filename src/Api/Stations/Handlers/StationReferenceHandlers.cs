using Cabinets.Api.Commands;
using Cabinets.Domain.Stations.Reference;
using Cabinets.Projections.Stations;
using Marten;

namespace Cabinets.Api.Stations.Handlers;

public static class UpsertStationMerchantHandler
{
    public static async Task<CommandOutcome> Handle(UpsertStationMerchant command, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<StationMerchantSnapshot>(
            StationReferenceEventNames.MerchantStreamId(command.Merchant.StationId, command.Merchant.AddressId), ct);
        var decision = StationReferenceDecider.Decide(command, stream.Aggregate?.Merchant);
        if (decision.Error is { } error) return new CommandOutcome.Rejected(error);
        stream.AppendMany(decision.Events.Cast<object>().ToArray());
        return new CommandOutcome.Accepted(null, decision.Events.Count);
    }
}

public static class UpsertStationSkuHandler
{
    public static async Task<CommandOutcome> Handle(UpsertStationSku command, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<StationSkuSnapshot>(
            StationReferenceEventNames.SkuStreamId(command.Sku.StationId, command.Sku.SkuId), ct);
        var decision = StationReferenceDecider.Decide(command, stream.Aggregate?.Sku);
        if (decision.Error is { } error) return new CommandOutcome.Rejected(error);
        stream.AppendMany(decision.Events.Cast<object>().ToArray());
        return new CommandOutcome.Accepted(null, decision.Events.Count);
    }
}
