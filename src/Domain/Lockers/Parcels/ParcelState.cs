using Cabinets.Domain.Lockers.Cabinets;

namespace Cabinets.Domain.Lockers.Parcels;

public enum ParcelStatus
{
    Booked,
    Stored,
    PickedUp,
    Expired,
    Overdue,
    Cancelled,
}

/// <summary>One parcel, folded from its stream. <see cref="Status"/> is null before the booking.</summary>
public sealed record ParcelState(
    ParcelStatus? Status,
    string RecordNumber,
    string OrderNumber,
    string PartnerId,
    string SerialNumber,
    DoorAttributes? Kind,
    string RecipientSubject,
    string RecipientPhone,
    DateTimeOffset? ExpiresAt,
    int? DoorNumber = null,
    string? CodeHash = null,
    DateTimeOffset? StoredAt = null,
    DateTimeOffset? RemindAt = null,
    DateTimeOffset? OverdueAt = null,
    DateTimeOffset? PickedUpAt = null,
    bool Reminded = false)
{
    public static ParcelState Initial { get; } = new(null, "", "", "", "", null, "", "", null);

    /// <summary>Behind a door, waiting for its recipient (or for the courier once overdue).</summary>
    public bool InLocker => Status is ParcelStatus.Stored or ParcelStatus.Overdue;

    public static ParcelState Evolve(ParcelState state, IParcelEvent @event) => @event switch
    {
        ParcelBooked e => new ParcelState(ParcelStatus.Booked, e.RecordNumber, e.OrderNumber, e.PartnerId, e.SerialNumber, e.Kind,
            e.RecipientSubject, e.RecipientPhone, e.ExpiresAt),
        ParcelStored e => state with
        {
            Status = ParcelStatus.Stored, DoorNumber = e.DoorNumber, CodeHash = e.CodeHash, StoredAt = e.At, RemindAt = e.RemindAt, OverdueAt = e.OverdueAt,
        },
        ParcelPickedUp e => state with { Status = ParcelStatus.PickedUp, PickedUpAt = e.At },
        BookingExpired => state with { Status = ParcelStatus.Expired },
        BookingCancelled => state with { Status = ParcelStatus.Cancelled },
        PickupReminderSent => state with { Reminded = true },
        ParcelOverdue => state with { Status = ParcelStatus.Overdue },
        _ => state,
    };
}
