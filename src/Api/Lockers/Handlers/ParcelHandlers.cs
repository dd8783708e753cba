using Cabinets.Api.Commands;
using Cabinets.Domain.Lockers.Parcels;
using Marten;
using Wolverine;

namespace Cabinets.Api.Lockers.Handlers;

/// <summary>`apply_service` and the partner REST booking: decided on the bank's stream (<see cref="Booking"/>).</summary>
public static class BookParcelHandler
{
    public static Task<CommandOutcome> Handle(BookParcel command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        CabinetStream.DecideAsync(command, session, messages, ct);
}

/// <summary>`recieve_verify_num`: the deposit.</summary>
public static class StoreParcelHandler
{
    public static Task<CommandOutcome> Handle(StoreParcel command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        ParcelStream.DecideAsync(command, session, messages, ct);
}

/// <summary>`take_by_verify_num` with a code that matched.</summary>
public static class PickUpParcelHandler
{
    public static Task<CommandOutcome> Handle(PickUpParcel command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        ParcelStream.DecideAsync(command, session, messages, ct);
}

/// <summary>The admin `cancelBooking`.</summary>
public static class CancelBookingHandler
{
    public static Task<CommandOutcome> Handle(CancelBooking command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        ParcelStream.DecideAsync(command, session, messages, ct);
}
