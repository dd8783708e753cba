using Cabinets.Domain.Stations.Orders;
using Cabinets.Domain.Stations.Reference;
using Cabinets.Domain.Stations.TaxRules;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cabinets.Projections.Stations;

/// <summary>A station's tax rules as the decider sees them, and what rate resolution and the rule views read.</summary>
public sealed class StationTaxRulesSnapshot
{
    public string Id { get; set; } = "";

    public string StationId { get; set; } = "";

    public TaxRuleBook Book { get; set; } = TaxRuleBook.Empty;
}

public sealed partial class StationTaxRulesSnapshotProjection : SingleStreamProjection<StationTaxRulesSnapshot, string>
{
    public StationTaxRulesSnapshotProjection()
    {
        foreach (var type in (IEnumerable<Type>)TaxRuleEventNames.All.Select(e => e.Type)) IncludeType(type);
    }

    public override StationTaxRulesSnapshot? Evolve(StationTaxRulesSnapshot? snapshot, string id, IEvent e) => e.Data is ITaxRuleEvent known
        ? new StationTaxRulesSnapshot
        {
            Id = id,
            StationId = (known as TaxRuleCreated)?.StationId ?? snapshot?.StationId ?? "",
            Book = TaxRuleBook.Evolve(snapshot?.Book ?? TaxRuleBook.Empty, known),
        }
        : snapshot;
}

/// <summary>
/// One station order: the decider's state, plus the columns its lists filter on. Lines read from V1
/// events (through the upcaster) take the event's stored time as their capture time.
/// </summary>
public sealed class StationOrderSnapshot
{
    public string Id { get; set; } = "";

    public string StationId { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public StationOrderState? State { get; set; }
}

public sealed partial class StationOrderSnapshotProjection : SingleStreamProjection<StationOrderSnapshot, string>
{
    public StationOrderSnapshotProjection()
    {
        foreach (var type in (IEnumerable<Type>)StationOrderEventNames.All.Select(e => e.Type).Where(t => typeof(IStationOrderEvent).IsAssignableFrom(t))) IncludeType(type);
    }

    public override StationOrderSnapshot? Evolve(StationOrderSnapshot? snapshot, string id, IEvent e)
    {
        if (e.Data is not IStationOrderEvent known) return snapshot;
        var state = StationOrderState.Evolve(snapshot?.State, known, e.Timestamp);
        return state is null ? snapshot : new StationOrderSnapshot { Id = id, StationId = state.StationId, CreatedAt = state.CreatedAt, State = state };
    }
}

/// <summary>The last tax number a station's prints used.</summary>
public sealed class StationPrintSequenceSnapshot
{
    public string Id { get; set; } = "";

    public int LastTaxNumber { get; set; }
}

public sealed partial class StationPrintSequenceSnapshotProjection : SingleStreamProjection<StationPrintSequenceSnapshot, string>
{
    public StationPrintSequenceSnapshotProjection()
    {
        foreach (var type in (IEnumerable<Type>)[typeof(StationPrintSequenceAdvanced)]) IncludeType(type);
    }

    public override StationPrintSequenceSnapshot? Evolve(StationPrintSequenceSnapshot? snapshot, string id, IEvent e) => e.Data is StationPrintSequenceAdvanced a
        ? new StationPrintSequenceSnapshot { Id = id, LastTaxNumber = a.LastTaxNumber }
        : snapshot;
}

public sealed class StationMerchantSnapshot
{
    public string Id { get; set; } = "";

    public string StationId { get; set; } = "";

    public int AddressId { get; set; }

    public StationMerchant? Merchant { get; set; }
}

public sealed partial class StationMerchantSnapshotProjection : SingleStreamProjection<StationMerchantSnapshot, string>
{
    public StationMerchantSnapshotProjection()
    {
        foreach (var type in (IEnumerable<Type>)[typeof(StationMerchantUpserted)]) IncludeType(type);
    }

    public override StationMerchantSnapshot? Evolve(StationMerchantSnapshot? snapshot, string id, IEvent e) => e.Data is StationMerchantUpserted u
        ? new StationMerchantSnapshot { Id = id, StationId = u.Merchant.StationId, AddressId = u.Merchant.AddressId, Merchant = u.Merchant }
        : snapshot;
}

public sealed class StationSkuSnapshot
{
    public string Id { get; set; } = "";

    public string StationId { get; set; } = "";

    public string SkuId { get; set; } = "";

    public StationSku? Sku { get; set; }
}

public sealed partial class StationSkuSnapshotProjection : SingleStreamProjection<StationSkuSnapshot, string>
{
    public StationSkuSnapshotProjection()
    {
        foreach (var type in (IEnumerable<Type>)[typeof(StationSkuUpserted)]) IncludeType(type);
    }

    public override StationSkuSnapshot? Evolve(StationSkuSnapshot? snapshot, string id, IEvent e) => e.Data is StationSkuUpserted u
        ? new StationSkuSnapshot { Id = id, StationId = u.Sku.StationId, SkuId = u.Sku.SkuId, Sku = u.Sku }
        : snapshot;
}
