using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Sessions;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cabinets.Projections.Vending.Sessions;

/// <summary>A scan-to-open session; <see cref="UserId"/> and <see cref="CreatedAt"/> are indexed for "the user's latest session".</summary>
public sealed class VendingSessionSnapshot
{
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public VendingSessionState? State { get; set; }
}

public sealed partial class VendingSessionSnapshotProjection : SingleStreamProjection<VendingSessionSnapshot, string>
{
    public VendingSessionSnapshotProjection()
    {
        IncludeType<VendingSessionStarted>();
        IncludeType<PayScoreOrderCreated>();
        IncludeType<PayScoreOrderRejected>();
        IncludeType<PayScoreOrderCancelled>();
        IncludeType<DoorOpenRequested>();
        IncludeType<DoorOpened>();
        IncludeType<DoorOpenFailed>();
        IncludeType<VendingSessionClosed>();
    }

    public override VendingSessionSnapshot? Evolve(VendingSessionSnapshot? snapshot, string id, IEvent e)
    {
        // Pay-score events are also appended to order streams: only a session stream's count here.
        if (!id.StartsWith("vending-session-", StringComparison.Ordinal)) return snapshot;
        snapshot ??= new VendingSessionSnapshot { Id = id };
        snapshot.State = VendingSessionState.Evolve(snapshot.State, e.Data);
        snapshot.UserId = snapshot.State?.UserId ?? "";
        snapshot.CreatedAt = snapshot.State?.CreatedAt ?? default;
        return snapshot;
    }
}
