using Cabinets.Domain.Deciding;
using Cabinets.Domain.Lockers.Cabinets;

namespace Cabinets.Domain.Lockers.Parcels;

/// <summary>
/// Booking is the bank's rule (ADR-0021): capacity of one door kind is promised on the bank's own
/// stream, so two bookings racing for its last door conflict on the stream version and only one
/// commits; the parcel's stream starts in the same transaction.
/// </summary>
public static class Booking
{
    public static Decision<ICabinetEvent> Decide(BookParcel c, CabinetState bank)
    {
        if (!bank.Registered || !bank.Provisioned)
            return Decision<ICabinetEvent>.Reject(CabinetDecider.Errors.NotRegistered, $"cabinet {c.SerialNumber} is not in service", "series_number");
        if (KindFor(c.Wish, bank) is not { } kind)
            return Decision<ICabinetEvent>.Reject(ParcelDecider.Errors.NoFreeDoor, $"no free door of the asked size and attribute at {c.SerialNumber}");

        var expiresAt = c.Now + c.Timings.BookingHold;
        return Decision<ICabinetEvent>.Accept(new DoorPromised(c.SerialNumber, c.RecordNumber, kind, c.Now))
            .AlsoAppend(ParcelEventNames.StreamId(c.RecordNumber), ParcelEventNames.StreamType,
                new ParcelBooked(c.RecordNumber, c.OrderNumber, c.PartnerId, c.SerialNumber, kind, c.RecipientSubject, c.RecipientName,
                    c.RecipientPhone, c.Channel, c.Now, expiresAt))
            .Send(new ParcelTimer(c.RecordNumber, ParcelTimerKind.BookingExpiry, expiresAt), expiresAt)
            .AnswerWith(new BookingMade(c.RecordNumber, c.SerialNumber));
    }

    /// <summary>
    /// The door kind to promise: one that matches the wish and has capacity left. Kinds without
    /// attributes the wish did not ask for come first (an insulated door is not spent on a plain
    /// parcel while a plain one is free), then the kind with the most capacity left, then by size.
    /// </summary>
    public static DoorAttributes? KindFor(DoorWish wish, CabinetState bank) => bank.Doors.Values
        .Select(d => d.Attributes).Distinct()
        .Where(k => (wish.Size is null || k.Size == wish.Size) && (!wish.Insulated || k.Insulated) && (!wish.Vertical || k.Vertical))
        .Select(k => (Kind: k, Free: bank.Available(k)))
        .Where(x => x.Free > 0)
        .OrderBy(x => (x.Kind.Insulated && !wish.Insulated ? 1 : 0) + (x.Kind.Vertical && !wish.Vertical ? 1 : 0))
        .ThenByDescending(x => x.Free)
        .ThenBy(x => x.Kind.Size).ThenBy(x => x.Kind.Insulated).ThenBy(x => x.Kind.Vertical)
        .Select(x => x.Kind)
        .Cast<DoorAttributes?>()
        .FirstOrDefault();
}
