using Cabinets.Domain.Deciding;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Domain.Lockers.Notifications;

namespace Cabinets.Domain.Lockers.Parcels;

/// <summary>
/// A parcel's rules after its booking (PRODUCT.md, Lockers items 8–13). Each command decides on the
/// parcel and its bank together: the parcel's events are the decision's own, the bank's go to the
/// bank's stream (<see cref="Decision{TEvent}.AlsoAppend"/>), both at the versions they were read
/// at. Every command is idempotent by state: a repeated frame decides nothing new.
/// </summary>
public static class ParcelDecider
{
    public static class Errors
    {
        public const string NotFound = "parcel.not_found";
        public const string NoFreeDoor = "parcel.no_free_door";
        public const string CodeTaken = "parcel.code_taken";
        public const string WrongCode = "parcel.wrong_code";
        public const string AlreadyStored = "parcel.already_stored";
        public const string NotCancellable = "parcel.not_cancellable";
        public const string DoorHoldsParcel = "parcel.door_holds_parcel";
    }

    public static Decision<IParcelEvent> Decide(ParcelCommand command, ParcelState parcel, CabinetState bank) => command switch
    {
        _ when parcel.Status is null => NotFound(command.RecordNumber),
        StoreParcel c => Store(c, parcel, bank),
        PickUpParcel c => PickUp(c, parcel, bank),
        ExpireBooking c => parcel.Status == ParcelStatus.Booked && c.Now >= parcel.ExpiresAt
            ? Decision<IParcelEvent>.Accept(new BookingExpired(c.RecordNumber, c.Now))
                .AlsoAppend(BankStream(parcel), CabinetEventNames.StreamType, new PromiseReleased(parcel.SerialNumber, c.RecordNumber, parcel.Kind!, c.Now))
            : Decision<IParcelEvent>.Accept(),
        CancelBooking c => Cancel(c, parcel),
        RemindPickup c => parcel.Status == ParcelStatus.Stored && !parcel.Reminded && c.Now >= parcel.RemindAt
            ? Decision<IParcelEvent>.Accept(new PickupReminderSent(c.RecordNumber, c.SmsId, c.Now))
                .Send(new SendSms(c.SmsId, SmsTemplates.PickupReminder, parcel.RecipientSubject, parcel.RecipientPhone, c.SealedText, c.RecordNumber, c.Now))
            : Decision<IParcelEvent>.Accept(),
        MarkOverdue c => parcel.Status == ParcelStatus.Stored && c.Now >= parcel.OverdueAt
            ? Decision<IParcelEvent>.Accept(new ParcelOverdue(c.RecordNumber, c.Now))
            : Decision<IParcelEvent>.Accept(),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unhandled parcel command"),
    };

    public static string BankStream(ParcelState parcel) => CabinetEventNames.StreamId(parcel.SerialNumber);

    /// <summary>
    /// The deposit. Without a door number the lowest free in-service door of the promised kind is
    /// taken (the firmware that sends `single_code` is exact). A repeat with the same code answers
    /// true and sends no second SMS.
    /// </summary>
    private static Decision<IParcelEvent> Store(StoreParcel c, ParcelState parcel, CabinetState bank)
    {
        if (parcel.SerialNumber != c.SerialNumber) return NotFound(c.RecordNumber);
        if (parcel.InLocker || parcel.Status == ParcelStatus.PickedUp)
            return parcel.CodeHash == c.CodeHash
                ? Decision<IParcelEvent>.Accept()
                : Decision<IParcelEvent>.Reject(Errors.AlreadyStored, $"parcel {c.RecordNumber} was already deposited with another pickup code", "verify_num");
        if (parcel.Status != ParcelStatus.Booked) return NotFound(c.RecordNumber);
        if (c.CodeTakenBy is not null && c.CodeTakenBy != c.RecordNumber)
            return Decision<IParcelEvent>.Reject(Errors.CodeTaken, "another parcel in this bank has the same pickup code: choose another", "verify_num");

        int door;
        if (c.DoorNumber is { } asked)
        {
            if (!bank.Doors.ContainsKey(asked))
                return Decision<IParcelEvent>.Reject(CabinetDecider.Errors.UnknownDoor, $"door {asked} is not registered on {c.SerialNumber}", "single_code");
            if (bank.Parcels.TryGetValue(asked, out var other) && other != c.RecordNumber)
                return Decision<IParcelEvent>.Reject(Errors.DoorHoldsParcel, $"door {asked} already holds parcel {other}", "single_code");
            door = asked;
        }
        else if (FreeDoorFor(parcel, bank) is { } chosen)
        {
            door = chosen;
        }
        else
        {
            return Decision<IParcelEvent>.Reject(Errors.NoFreeDoor, $"no free door of the promised kind at {c.SerialNumber}: send single_code", "single_code");
        }

        var remindAt = c.Now + c.Timings.ReminderAfter;
        var overdueAt = c.Now + c.Timings.OverdueAfter;
        var bankEvents = new List<object> { new PromiseReleased(c.SerialNumber, c.RecordNumber, parcel.Kind!, c.Now) };
        if (!bank.Doors[door].Occupied) bankEvents.Add(new DoorOccupied(c.SerialNumber, door, c.Now));
        bankEvents.Add(new ParcelPlaced(c.SerialNumber, c.RecordNumber, door, c.Now));
        return Decision<IParcelEvent>.Accept(new ParcelStored(c.RecordNumber, c.SerialNumber, door, c.CodeHash, c.SmsId, c.Now, remindAt, overdueAt))
            .AlsoAppend(BankStream(parcel), CabinetEventNames.StreamType, bankEvents)
            .Send(new SendSms(c.SmsId, SmsTemplates.PickupCode, parcel.RecipientSubject, parcel.RecipientPhone, c.SealedText, c.RecordNumber, c.Now))
            .Send(new ParcelTimer(c.RecordNumber, ParcelTimerKind.PickupReminder, remindAt), remindAt)
            .Send(new ParcelTimer(c.RecordNumber, ParcelTimerKind.Overdue, overdueAt), overdueAt);
    }

    private static int? FreeDoorFor(ParcelState parcel, CabinetState bank) => bank.Doors
        .Where(d => d.Value.Usable && !d.Value.Occupied && !bank.Parcels.ContainsKey(d.Key) && d.Value.Attributes == parcel.Kind)
        .OrderBy(d => d.Key)
        .Select(d => (int?)d.Key)
        .FirstOrDefault();

    /// <summary>
    /// The recipient typed the right code. A parcel already picked up through the same bank within
    /// the repeat window answers true again (the firmware lost the first answer); later it is a used code.
    /// </summary>
    private static Decision<IParcelEvent> PickUp(PickUpParcel c, ParcelState parcel, CabinetState bank)
    {
        if (parcel.Status == ParcelStatus.PickedUp && parcel.SerialNumber == c.SerialNumber && c.Now - parcel.PickedUpAt <= c.Timings.RepeatPickupWindow)
            return Decision<IParcelEvent>.Accept();
        if (!parcel.InLocker || parcel.SerialNumber != c.SerialNumber)
            return Decision<IParcelEvent>.Reject(Errors.WrongCode, "wrong or expired pickup code", "verify_num");

        var door = parcel.DoorNumber!.Value;
        var bankEvents = new List<object> { new ParcelRemoved(c.SerialNumber, c.RecordNumber, door, c.Now) };
        if (bank.Doors.TryGetValue(door, out var state) && state.Occupied) bankEvents.Add(new DoorReleased(c.SerialNumber, door, c.Now));
        return Decision<IParcelEvent>.Accept(new ParcelPickedUp(c.RecordNumber, c.SerialNumber, door, c.Now))
            .AlsoAppend(BankStream(parcel), CabinetEventNames.StreamType, bankEvents);
    }

    private static Decision<IParcelEvent> Cancel(CancelBooking c, ParcelState parcel) => parcel.Status switch
    {
        ParcelStatus.Booked => Decision<IParcelEvent>.Accept(new BookingCancelled(c.RecordNumber, c.Now))
            .AlsoAppend(BankStream(parcel), CabinetEventNames.StreamType, new PromiseReleased(parcel.SerialNumber, c.RecordNumber, parcel.Kind!, c.Now)),
        ParcelStatus.Cancelled => Decision<IParcelEvent>.Accept(),
        _ => Decision<IParcelEvent>.Reject(Errors.NotCancellable, $"parcel {c.RecordNumber} is {parcel.Status} and can no longer be cancelled", "recordNumber"),
    };

    private static DomainError NotFound(string record) => new(Errors.NotFound, $"no parcel {record} for this cabinet", "order_num");
}
