using Cabinets.Api.Commands;
using Cabinets.Api.Lockers.Parcels;
using Cabinets.Domain.Lockers.Parcels;
using Cabinets.Projections.Lockers.Parcels;
using Marten;

namespace Cabinets.Api.Lockers.Partners.Rest;

/// <summary>
/// `POST /api/partners/parcels` books through <see cref="ParcelBooking"/> with the partner as actor;
/// `GET /api/partners/parcels/{recordNumber}` reads the parcel's snapshot. A partner sees only its
/// own parcels: another's record number is the same 404 as an unknown one.
/// </summary>
internal static class PartnerParcelEndpoints
{
    public sealed record Booked(string RecordNumber, string CabinetSerial);

    public sealed record PartnerParcel(string RecordNumber, string OrderNumber, string Status, string CabinetSerial, DateTimeOffset? StoredAt, DateTimeOffset? PickedUpAt);

    public static RouteGroupBuilder MapPartnerParcels(this RouteGroupBuilder partners)
    {
        partners.MapPost("/parcels", BookAsync)
            .AddEndpointFilter<PartnerIdempotency>()
            .WithName("partnerBookParcel")
            .WithSummary("Books a door at a matching bank; the server picks the bank.")
            .Accepts<PartnerParcelRequest>("application/json")
            .Produces<Booked>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict, PartnerProblems.ContentType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity, PartnerProblems.ContentType);
        partners.MapGet("/parcels/{recordNumber}", ReadAsync)
            .WithName("partnerParcel")
            .WithSummary("One of this partner's parcels by its record number.")
            .Produces<PartnerParcel>()
            .ProducesProblem(StatusCodes.Status404NotFound, PartnerProblems.ContentType);
        return partners;
    }

    private static async Task<IResult> BookAsync(HttpContext http, ParcelBooking booking)
    {
        var partner = PartnerSignatureFilter.PartnerOf(http);
        var (request, errors) = PartnerParcelRequest.Parse(partner, PartnerSignatureFilter.BodyOf(http));
        if (request is null) return PartnerProblems.Invalid(errors);

        var context = new CommandContext(new Actor(partner, "partner", "partner-rest"), CorrelationId: http.TraceIdentifier);
        return await booking.BookAsync(request, context, http.RequestAborted) switch
        {
            BookingResult.Booked b => Results.Json(new Booked(b.RecordNumber, b.SerialNumber), statusCode: StatusCodes.Status201Created),
            BookingResult.NoFreeDoor n => PartnerProblems.Of(PartnerProblems.NoFreeDoor, n.Message),
            BookingResult.AlreadyBooked a => PartnerProblems.Of(PartnerProblems.AlreadyBooked,
                $"order {request.OrderNumber} already has an active booking", ["orderNumber"],
                new Dictionary<string, object?> { ["recordNumber"] = a.RecordNumber }),
            BookingResult.Invalid i => PartnerProblems.Invalid([(i.Field, i.Message)]),
            var other => throw new InvalidOperationException($"unexpected booking result {other.GetType().Name}"),
        };
    }

    private static async Task<IResult> ReadAsync(HttpContext http, string recordNumber, IDocumentStore store)
    {
        var partner = PartnerSignatureFilter.PartnerOf(http);
        ParcelSnapshot? parcel = null;
        if (recordNumber.Length <= 64)
        {
            await using var session = store.QuerySession();
            parcel = await session.LoadAsync<ParcelSnapshot>(ParcelEventNames.StreamId(recordNumber), http.RequestAborted);
        }
        if (parcel is null || parcel.PartnerId != partner)
            return PartnerProblems.Of(PartnerProblems.ParcelNotFound, $"this partner has no parcel {Printable(recordNumber)}", ["recordNumber"]);
        return Results.Ok(new PartnerParcel(parcel.RecordNumber, parcel.OrderNumber, parcel.Status, parcel.SerialNumber, parcel.StoredAt, parcel.PickedUpAt));
    }

    /// <summary>A record number echoed back only when it looks like one, so a problem detail never repeats hostile input.</summary>
    private static string Printable(string value) => value.Length <= 32 && value.All(char.IsAsciiLetterOrDigit) ? value : "(as given)";
}
