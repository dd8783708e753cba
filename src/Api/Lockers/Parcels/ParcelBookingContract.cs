using Cabinets.Domain.Lockers.Parcels;

namespace Cabinets.Api.Lockers.Parcels;

/// <summary>
/// A booking as the partner REST and IBS `apply_service` ask for it: where (empty or null address
/// fields match anything), which order, whom to text, what door. The phone is the 11-digit number
/// as booked; the service seals it and the name with the recipient's key before anything is stored.
/// </summary>
public sealed record BookingRequest(
    string PartnerId, string Channel,
    string? Province, string? City, string? Area, string? Street, string? Place,
    string OrderNumber, string RecipientName, string RecipientPhone, DoorWish Wish)
{
    /// <summary>The recipient is personal data: never printed (logs, exceptions, test output).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"PartnerId = {PartnerId}, Channel = {Channel}, Province = {Province}, City = {City}, Area = {Area}, Street = {Street}, ");
        builder.Append($"Place = {Place}, OrderNumber = {OrderNumber}, RecipientName = ***, RecipientPhone = ***, Wish = {Wish}");
        return true;
    }
}

/// <summary>How a booking ended.</summary>
public abstract record BookingResult
{
    private BookingResult() { }

    public sealed record Booked(string RecordNumber, string SerialNumber) : BookingResult;

    /// <summary>No matching bank has a usable free door that is not already promised (409 / IBS 2005).</summary>
    public sealed record NoFreeDoor(string Message) : BookingResult;

    /// <summary>The partner already has an active booking (BOOKED or STORED) for this order number (409).</summary>
    public sealed record AlreadyBooked(string RecordNumber) : BookingResult;

    /// <summary>A field is wrong (422 / IBS 1006); nothing was changed.</summary>
    public sealed record Invalid(string Field, string Message) : BookingResult;
}
