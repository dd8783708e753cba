using System.Text.Json;
using System.Text.Json.Nodes;
using Cabinets.Projections.Access.AdminUsers;
using Cabinets.Projections.Lockers.Cabinets;
using Cabinets.Projections.Lockers.Parcels;
using Cabinets.Projections.Lockers.Partners;
using Cabinets.Projections.Stations;
using Marten;

namespace Cabinets.Api.Audit;

/// <summary>An aggregate folded from its events up to a version or a time (Marten's live aggregation: time travel).</summary>
internal sealed record AggregateAsOf(string StreamKey, string AggregateType, long Version, DateTimeOffset? At, JsonNode? State);

/// <summary>
/// Which snapshot type a stream key folds into, by its prefix (the `…EventNames.StreamId` of each
/// module), and the fold itself through `AggregateStreamAsync` with the version or timestamp: the same
/// projection code that keeps the inline snapshot, so an as-of view and the live one cannot disagree
/// on how events apply.
/// </summary>
internal static class AggregatesAsOf
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private delegate Task<(object? State, long Version)> Fold(IQuerySession session, string key, long version, DateTimeOffset? at, CancellationToken ct);

    // Longest prefixes first: "station-order-" must not be read as another "station-" kind.
    private static readonly (string Prefix, string Type, Fold Fold)[] Kinds =
    [
        ("station-print-sequence-", "StationPrintSequence", FoldAs<StationPrintSequenceSnapshot>),
        ("station-tax-rules-", "StationTaxRules", FoldAs<StationTaxRulesSnapshot>),
        ("station-merchant-", "StationMerchant", FoldAs<StationMerchantSnapshot>),
        ("station-order-", "StationOrder", FoldAs<StationOrderSnapshot>),
        ("station-sku-", "StationSku", FoldAs<StationSkuSnapshot>),
        ("admin-user-", "AdminUser", FoldAs<AdminUserSnapshot>),
        ("cabinet-", "Cabinet", async (s, k, v, at, ct) =>
        {
            var (state, version) = await FoldAs<CabinetSnapshot>(s, k, v, at, ct);
            return (((CabinetSnapshot?)state)?.State, version); // the decider's state reads better than the compact row
        }),
        ("parcel-", "Parcel", FoldAs<ParcelSnapshot>),
        ("partner-", "Partner", FoldAs<PartnerSnapshot>),
    ];

    public static IReadOnlyList<string> Prefixes => Kinds.Select(k => k.Prefix).ToList();

    /// <summary>A stream's type, read from its key's prefix (our keys name their kind; Marten's own column is the CLR type).</summary>
    public static string? TypeOf(string streamKey) =>
        streamKey.StartsWith("operations-", StringComparison.Ordinal) ? "OperatorActions"
        : Kinds.FirstOrDefault(k => streamKey.StartsWith(k.Prefix, StringComparison.Ordinal)).Type;

    public static async Task<AggregateAsOf?> LoadAsync(IQuerySession session, string streamKey, long? version, DateTimeOffset? at, CancellationToken ct)
    {
        var kind = Kinds.FirstOrDefault(k => streamKey.StartsWith(k.Prefix, StringComparison.Ordinal));
        if (kind.Fold is null) return null;
        var (state, reached) = await kind.Fold(session, streamKey, version ?? 0, at, ct);
        if (state is null) return null;
        return new AggregateAsOf(streamKey, kind.Type, reached, at, JsonSerializer.SerializeToNode(state, state.GetType(), Json));
    }

    private static async Task<(object? State, long Version)> FoldAs<T>(IQuerySession session, string key, long version, DateTimeOffset? at, CancellationToken ct)
        where T : class => await FoldAsync<T>(session, key, version, at, ct);

    /// <summary>The aggregate and the version the fold stopped at: the last event at or before the asked version (0 = any) or time.</summary>
    public static async Task<(T? State, long Version)> FoldAsync<T>(IQuerySession session, string key, long version, DateTimeOffset? at, CancellationToken ct)
        where T : class
    {
        var state = await session.Events.AggregateStreamAsync<T>(key, version, at?.ToUniversalTime(), token: ct);
        if (state is null) return (null, 0);
        var events = await session.Events.FetchStreamAsync(key, version, at?.ToUniversalTime(), token: ct);
        return (state, events.Count == 0 ? 0 : events[^1].Version);
    }
}
