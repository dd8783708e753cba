using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Complaints;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cabinets.Projections.Vending.Complaints;

/// <summary>A complaint, with who resolved it (from the event's actor).</summary>
public sealed class ComplaintSnapshot
{
    public string Id { get; set; } = "";

    public string OrderNo { get; set; } = "";

    public string UserId { get; set; } = "";

    public string Status { get; set; } = "";

    /// <summary>Flat as its CLR name, for the console's `category` filter (the serializer writes enums as numbers).</summary>
    public string Category { get; set; } = "";

    public string? ResolvedBy { get; set; }

    public ComplaintState? State { get; set; }
}

public sealed partial class ComplaintSnapshotProjection : SingleStreamProjection<ComplaintSnapshot, string>
{
    public ComplaintSnapshotProjection()
    {
        IncludeType<ComplaintFiled>();
        IncludeType<ComplaintResolved>();
    }

    public override ComplaintSnapshot? Evolve(ComplaintSnapshot? snapshot, string id, IEvent e)
    {
        snapshot ??= new ComplaintSnapshot { Id = id };
        snapshot.State = ComplaintState.Evolve(snapshot.State, e.Data);
        if (e.Data is ComplaintResolved) snapshot.ResolvedBy = e.UserName;
        snapshot.OrderNo = snapshot.State?.OrderNo ?? "";
        snapshot.UserId = snapshot.State?.UserId ?? "";
        snapshot.Status = snapshot.State?.Status.ToString() ?? "";
        snapshot.Category = snapshot.State?.Category.ToString() ?? "";
        return snapshot;
    }
}
