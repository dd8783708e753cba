using Cabinets.Domain.Stations.Reference;
using Cabinets.Domain.Stations.TaxRules;
using Cabinets.GraphQL.Execution;
using Cabinets.Projections.Stations;
using Marten;

namespace Cabinets.Api.Stations.GraphQL;

/// <summary>A rule with the station it belongs to (the book knows its station; the rule itself does not).</summary>
internal sealed record StationTaxRule(string StationId, TaxRule Rule);

/// <summary>
/// The snapshots a page of orders refers to, loaded once per request and kind, whatever the number
/// of orders and lines: merchants and SKUs by their stream ids, rule books by station.
/// </summary>
internal static class StationLoaders
{
    public static Task<StationMerchant?> MerchantAsync(ResolveContext ctx, string station, int addressId) =>
        ctx.DataLoader<string, StationMerchant?>("stationMerchants", async (ids, ct) =>
        {
            await using var session = StationRequests.Session(ctx);
            var found = await session.LoadManyAsync<StationMerchantSnapshot>(ct, ids);
            return found.ToDictionary(s => s.Id, s => s.Merchant);
        }).LoadAsync(StationReferenceEventNames.MerchantStreamId(station, addressId));

    public static Task<StationSku?> SkuAsync(ResolveContext ctx, string station, string skuId) =>
        ctx.DataLoader<string, StationSku?>("stationSkus", async (ids, ct) =>
        {
            await using var session = StationRequests.Session(ctx);
            var found = await session.LoadManyAsync<StationSkuSnapshot>(ct, ids);
            return found.ToDictionary(s => s.Id, s => s.Sku);
        }).LoadAsync(StationReferenceEventNames.SkuStreamId(station, skuId));

    public static Task<TaxRuleBook> RulesAsync(ResolveContext ctx, string station) =>
        ctx.DataLoader<string, TaxRuleBook>("stationTaxRules", async (stations, ct) =>
        {
            await using var session = StationRequests.Session(ctx);
            var found = await session.LoadManyAsync<StationTaxRulesSnapshot>(ct, stations.Select(TaxRuleEventNames.StreamId));
            return stations.ToDictionary(s => s, s => found.FirstOrDefault(f => f.Id == TaxRuleEventNames.StreamId(s))?.Book ?? TaxRuleBook.Empty);
        }).LoadAsync(station);

    public static async Task<StationTaxRule?> RuleAsync(ResolveContext ctx, string station, int? ruleId) =>
        ruleId is { } id && (await RulesAsync(ctx, station)).Rules.TryGetValue(id, out var rule) ? new StationTaxRule(station, rule) : null;
}
