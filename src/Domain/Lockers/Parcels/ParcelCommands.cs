using Cabinets.Domain.Lockers.Cabinets;

namespace Cabinets.Domain.Lockers.Parcels;

/// <summary>How long each step may take (Lockers:Timings in configuration); the defaults are the product's.</summary>
public sealed record LockerTimings(TimeSpan BookingHold, TimeSpan ReminderAfter, TimeSpan OverdueAfter, TimeSpan RepeatPickupWindow)
{
    public static LockerTimings Default { get; } = new(TimeSpan.FromHours(48), TimeSpan.FromHours(72), TimeSpan.FromDays(7), TimeSpan.FromMinutes(10));
}

/// <summary>What a booking asks of a door: a size (null = any) and the attributes it must have.</summary>
public sealed record DoorWish(DoorSize? Size, bool Insulated, bool Vertical);

/// <summary>
/// A partner books capacity at this bank (`POST /api/partners/parcels`, IBS `apply_service`). The
/// record number is allocated before the decision; the recipient comes sealed (personal-data vault).
/// </summary>
public sealed record BookParcel(
    string SerialNumber, string RecordNumber, string OrderNumber, string PartnerId, DoorWish Wish,
    string RecipientSubject, string RecipientName, string RecipientPhone, string Channel, DateTimeOffset Now, LockerTimings Timings)
    : CabinetCommand(SerialNumber, Now);

/// <summary>What a booking answers: the record number and the bank it was bound to.</summary>
public sealed record BookingMade(string RecordNumber, string SerialNumber);

/// <summary>Commands on one parcel; each also decides on the parcel's bank in the same transaction.</summary>
public abstract record ParcelCommand(string RecordNumber, DateTimeOffset Now);

/// <summary>
/// `recieve_verify_num`: the courier closed the door and the firmware reports the pickup code it
/// generated, as its keyed hash. <paramref name="CodeTakenBy"/> is the record number of another
/// active parcel of this bank with the same code, looked up before the decision.
/// <paramref name="SealedText"/> is the pickup SMS, sealed with the recipient's key.
/// </summary>
public sealed record StoreParcel(
    string RecordNumber, string SerialNumber, int? DoorNumber, string CodeHash, string? CodeTakenBy,
    string SmsId, string SealedText, DateTimeOffset Now, LockerTimings Timings) : ParcelCommand(RecordNumber, Now);

/// <summary>`take_by_verify_num` with a code that matched this parcel.</summary>
public sealed record PickUpParcel(string RecordNumber, string SerialNumber, DateTimeOffset Now, LockerTimings Timings) : ParcelCommand(RecordNumber, Now);

public sealed record ExpireBooking(string RecordNumber, DateTimeOffset Now) : ParcelCommand(RecordNumber, Now);

/// <summary>An admin (`cancelBooking`) or the partner withdraws a booking that was not deposited.</summary>
public sealed record CancelBooking(string RecordNumber, DateTimeOffset Now) : ParcelCommand(RecordNumber, Now);

public sealed record RemindPickup(string RecordNumber, string SmsId, string SealedText, DateTimeOffset Now) : ParcelCommand(RecordNumber, Now);

public sealed record MarkOverdue(string RecordNumber, DateTimeOffset Now) : ParcelCommand(RecordNumber, Now);

public enum ParcelTimerKind
{
    BookingExpiry,
    PickupReminder,
    Overdue,
}

/// <summary>
/// A Wolverine scheduled message (ADR-0021): delivered at <paramref name="DueAt"/>, it becomes the
/// matching command at the handler's clock. Early or late delivery is safe: each command checks
/// the parcel's own deadline and status, so a timer that no longer applies decides nothing.
/// </summary>
public sealed record ParcelTimer(string RecordNumber, ParcelTimerKind Kind, DateTimeOffset DueAt);
