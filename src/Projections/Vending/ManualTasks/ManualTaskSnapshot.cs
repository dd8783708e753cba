using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.ManualTasks;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cabinets.Projections.Vending.ManualTasks;

/// <summary>One manual task (`vending-task-{id}`) as the queue and its decider read it, with who resolved it.</summary>
public sealed class ManualTaskSnapshot
{
    public string Id { get; set; } = "";

    public ManualTaskState? State { get; set; }

    public string? ResolvedBy { get; set; }

    /// <summary>Flat for "the order has an open task" (`hasOpenManualTask` of the order lists).</summary>
    public string? OrderNo { get; set; }

    public bool Open { get; set; }
}

/// <summary>Inline: the console sees a task the moment retries ran out.</summary>
public sealed partial class ManualTaskSnapshotProjection : SingleStreamProjection<ManualTaskSnapshot, string>
{
    public ManualTaskSnapshotProjection()
    {
        IncludeType<ManualTaskOpened>();
        IncludeType<ManualTaskRetried>();
        IncludeType<ManualTaskResolved>();
    }

    public override ManualTaskSnapshot? Evolve(ManualTaskSnapshot? snapshot, string id, IEvent e)
    {
        snapshot ??= new ManualTaskSnapshot { Id = id };
        snapshot.State = ManualTaskState.Evolve(snapshot.State, e.Data);
        if (e.Data is ManualTaskResolved) snapshot.ResolvedBy = e.UserName;
        if (e.Data is ManualTaskOpened) snapshot.ResolvedBy = null;
        snapshot.OrderNo = snapshot.State?.OrderNo;
        snapshot.Open = snapshot.State?.Status == ManualTaskStatus.Open;
        return snapshot;
    }
}
