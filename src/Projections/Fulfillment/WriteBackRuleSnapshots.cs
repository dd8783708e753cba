using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.Inventory;
using Cabinets.Domain.Fulfillment.Purchasing;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Marten.Events.Projections;

namespace Cabinets.Projections.Fulfillment;

/// <summary>A write-back rule (`fulfillment-write-back-rule-{code}`), with the list's filters flat.</summary>
public sealed class WriteBackRuleSnapshot
{
    public string Id { get; set; } = "";

    public string Code { get; set; } = "";

    public bool Enabled { get; set; }

    public bool Deleted { get; set; }

    public int Priority { get; set; }

    public Cabinets.Domain.Fulfillment.WriteBack.WriteBackRuleState? State { get; set; }
}

public sealed partial class WriteBackRuleSnapshotProjection : SingleStreamProjection<WriteBackRuleSnapshot, string>
{
    public WriteBackRuleSnapshotProjection()
    {
        IncludeType<Cabinets.Domain.Fulfillment.WriteBack.StockWriteBackRuleSaved>();
        IncludeType<Cabinets.Domain.Fulfillment.WriteBack.StockWriteBackRuleDeleted>();
    }

    public override WriteBackRuleSnapshot? Evolve(WriteBackRuleSnapshot? snapshot, string id, IEvent e)
    {
        var state = Cabinets.Domain.Fulfillment.WriteBack.WriteBackRuleState.Evolve(snapshot?.State, e.Data);
        return state is null ? snapshot : new WriteBackRuleSnapshot { Id = id, Code = state.Code, Enabled = state.Enabled, Deleted = state.Deleted, Priority = state.Priority, State = state };
    }
}
