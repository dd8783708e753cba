using Cabinets.Domain.Lockers.Cabinets;

namespace Cabinets.Domain.Lockers.Parcels;

/// <summary>Events of one parcel's stream (`parcel-{recordNumber}`); stored names in <see cref="ParcelEventNames"/>.</summary>
public interface IParcelEvent
{
    string RecordNumber { get; }
}

/// <summary>
/// A partner booked capacity at a bank. The recipient's name and phone are sealed with the
/// recipient's own key (`pd1:` values); <paramref name="RecipientSubject"/> is the keyed hash of the
/// phone that look-ups use. <paramref name="Kind"/> is the door kind promised at the bank.
/// </summary>
public sealed record ParcelBooked(
    string RecordNumber, string OrderNumber, string PartnerId, string SerialNumber, DoorAttributes Kind,
    string RecipientSubject, string RecipientName, string RecipientPhone, string Channel, DateTimeOffset At, DateTimeOffset ExpiresAt) : IParcelEvent;

/// <summary>
/// The courier deposited it: <paramref name="CodeHash"/> is the keyed hash of the pickup code, never
/// the code (ADR-0022); <paramref name="SmsId"/> is the one pickup text it sent.
/// </summary>
public sealed record ParcelStored(
    string RecordNumber, string SerialNumber, int DoorNumber, string CodeHash, string SmsId,
    DateTimeOffset At, DateTimeOffset RemindAt, DateTimeOffset OverdueAt) : IParcelEvent;

public sealed record ParcelPickedUp(string RecordNumber, string SerialNumber, int DoorNumber, DateTimeOffset At) : IParcelEvent;

/// <summary>Not deposited in time: the promised capacity returned to the bank.</summary>
public sealed record BookingExpired(string RecordNumber, DateTimeOffset At) : IParcelEvent;

public sealed record BookingCancelled(string RecordNumber, DateTimeOffset At) : IParcelEvent;

public sealed record PickupReminderSent(string RecordNumber, string SmsId, DateTimeOffset At) : IParcelEvent;

/// <summary>Not picked up in time: the courier is to take it back.</summary>
public sealed record ParcelOverdue(string RecordNumber, DateTimeOffset At) : IParcelEvent;

public static class ParcelEventNames
{
    public static IReadOnlyList<(Type Type, string Name, int Version)> All { get; } =
    [
        (typeof(ParcelBooked), "lockers.parcel_booked", 1),
        (typeof(ParcelStored), "lockers.parcel_stored", 1),
        (typeof(ParcelPickedUp), "lockers.parcel_picked_up", 1),
        (typeof(BookingExpired), "lockers.booking_expired", 1),
        (typeof(BookingCancelled), "lockers.booking_cancelled", 1),
        (typeof(PickupReminderSent), "lockers.pickup_reminder_sent", 1),
        (typeof(ParcelOverdue), "lockers.parcel_overdue", 1),
    ];

    public static string StreamId(string recordNumber) => $"parcel-{recordNumber}";

    public const string StreamType = "parcel";
}
