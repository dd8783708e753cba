using Cabinets.Domain.Stations.Orders;
using Cabinets.Domain.Stations.Reference;
using Cabinets.Domain.Stations.TaxRules;
using Cabinets.Projections.Stations;
using Cabinets.Api.PersonalData;
using Marten;

namespace Cabinets.Api.Stations;

/// <summary>What a station order's handler looks up before deciding: the merchant, the SKUs named and the rates they capture now.</summary>
public static class StationLookups
{
    public static async Task<OrderContext> OrderContextAsync(IQuerySession session, string stationId, int addressId, IEnumerable<LineRequest> lines, CancellationToken ct)
    {
        var merchant = await session.LoadAsync<StationMerchantSnapshot>(StationReferenceEventNames.MerchantStreamId(stationId, addressId), ct);
        var skuIds = lines.Select(l => StationReferenceEventNames.SkuStreamId(stationId, l.SkuId)).Distinct().ToArray();
        var skus = skuIds.Length == 0 ? [] : await session.LoadManyAsync<StationSkuSnapshot>(ct, skuIds);
        var book = await TaxRulesAsync(session, stationId, ct);
        var spuOfSku = skus.Where(s => s.Sku is not null).ToDictionary(s => s.SkuId, s => s.Sku!.SpuId, StringComparer.Ordinal);
        var rates = spuOfSku.Values.Distinct(StringComparer.Ordinal).ToDictionary(spu => spu, spu => book.RateFor(addressId, spu), StringComparer.Ordinal);
        return new OrderContext(merchant?.Merchant?.Uid, spuOfSku, rates);
    }

    public static async Task<TaxRuleBook> TaxRulesAsync(IQuerySession session, string stationId, CancellationToken ct) =>
        (await session.LoadAsync<StationTaxRulesSnapshot>(TaxRuleEventNames.StreamId(stationId), ct))?.Book ?? TaxRuleBook.Empty;

    /// <summary>The order a forced create merges into: the earliest waiting order of the merchant with the same time config and window.</summary>
    public static async Task<string?> MergeTargetAsync(IQuerySession session, CreateStationOrder c, CancellationToken ct)
    {
        var candidates = await session.Query<StationOrderSnapshot>()
            .Where(o => o.StationId == c.StationId && o.State!.AddressId == c.AddressId && o.State.Status == StationOrderStatus.WaitingSorting
                        && o.State.TimeConfigId == c.TimeConfigId)
            .OrderBy(o => o.CreatedAt).ToListAsync(ct);
        return candidates.FirstOrDefault(o => o.State!.ReceiveBeginTime == c.ReceiveBeginTime && o.State.ReceiveEndTime == c.ReceiveEndTime && o.State.Sheet is null)
            ?.State!.OrderId;
    }

    /// <summary>The merchant and SKUs an order's views show.</summary>
    public static async Task<(StationMerchant?, IReadOnlyDictionary<string, StationSku>)> ReferenceAsync(IQuerySession session, PersonalDataVault vault, StationOrderState state, CancellationToken ct)
    {
        var merchant = (await session.LoadAsync<StationMerchantSnapshot>(StationReferenceEventNames.MerchantStreamId(state.StationId, state.AddressId), ct))?.Merchant;
        if (merchant is not null) merchant = await RevealAsync(vault, merchant, ct);
        var ids = state.Lines.Select(l => StationReferenceEventNames.SkuStreamId(state.StationId, l.SkuId)).ToArray();
        var skus = ids.Length == 0 ? [] : await session.LoadManyAsync<StationSkuSnapshot>(ct, ids);
        return (merchant, skus.Where(s => s.Sku is not null).ToDictionary(s => s.SkuId, s => s.Sku!, StringComparer.Ordinal));
    }

    /// <summary>The merchant with its receiver's name and phone in clear (or "erased").</summary>
    public static async Task<StationMerchant> RevealAsync(PersonalDataVault vault, StationMerchant m, CancellationToken ct) =>
        m with { ReceiverName = await vault.RevealAsync(m.ReceiverName, ct), ReceiverPhone = await vault.RevealAsync(m.ReceiverPhone, ct) };
}
