using Cabinets.Domain.Lockers.Cabinets;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cabinets.Projections.Lockers.Cabinets;

/// <summary>
/// The decider's state of one cabinet bank, stored next to its stream so a command loads one row
/// instead of replaying every door event since the bank was installed (ADR-0013).
/// </summary>
public sealed class CabinetSnapshot
{
    public string Id { get; set; } = "";

    public CabinetState State { get; set; } = CabinetState.Initial;
}

/// <summary>Inline: written in the command's own transaction, so the next command reads its write.</summary>
public sealed partial class CabinetSnapshotProjection : SingleStreamProjection<CabinetSnapshot, string>
{
    /// <summary>Only its own events: a projection that names none is handed every stream, and loads its snapshot for each (ADR-0018).</summary>
    public CabinetSnapshotProjection()
    {
        foreach (var (type, _, _) in CabinetEventNames.All) IncludeType(type);
    }

    public override CabinetSnapshot? Evolve(CabinetSnapshot? snapshot, string id, IEvent e) => e.Data is ICabinetEvent known
        ? new CabinetSnapshot { Id = id, State = CabinetState.Evolve(snapshot?.State ?? CabinetState.Initial, known) }
        : snapshot;
}
