using Cabinets.Api.Observability;
using Cabinets.Projections.Lockers.FreeDoors;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Cabinets.Api.Lockers.Partners.Rest;

/// <summary>
/// The signed partner REST under `/api/partners` (API-CONTRACT.md, Partner REST; ADR-0023). Every
/// endpoint sits behind <see cref="PartnerSignatureFilter"/>; commands also behind
/// <see cref="PartnerIdempotency"/>. Each is in the `partners` OpenAPI document.
/// </summary>
internal static class PartnerEndpoints
{
    public const string DocumentName = "partners";

    public static IEndpointRouteBuilder MapPartnerRest(this IEndpointRouteBuilder app)
    {
        var partners = app.MapGroup("/api/partners")
            .AddEndpointFilter<PartnerSignatureFilter>()
            .RequireRateLimiting(RateLimits.PartnerPolicy)
            .WithGroupName(DocumentName)
            .WithTags("Partners")
            .ProducesProblem(StatusCodes.Status401Unauthorized, PartnerProblems.ContentType)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge, PartnerProblems.ContentType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests, PartnerProblems.ContentType);

        partners.MapGet("/addresses", Addresses)
            .WithName("partnerAddresses")
            .WithSummary("Sites of the provisioned cabinet banks: one row per distinct address.")
            .Produces<IReadOnlyList<PartnerAddress>>();
        partners.MapGet("/free-doors", FreeDoors)
            .WithName("partnerFreeDoors")
            .WithSummary("Usable free doors matching every given address part, size and attribute, less those promised to bookings.")
            .Produces<FreeDoorCount>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity, PartnerProblems.ContentType);
        partners.MapPartnerParcels();
        return app;
    }

    /// <summary>A site as the contract spells it.</summary>
    public sealed record PartnerAddress(string Province, string City, string Area, string Street, string Place);

    public sealed record FreeDoorCount(int Free);

    private static async Task<IResult> Addresses(NpgsqlDataSource db, CancellationToken ct) =>
        Results.Ok((await FreeDoorQueries.SitesAsync(db, ct)).Select(s => new PartnerAddress(s.Province, s.City, s.Area, s.Street, s.Place)).ToList());

    private static async Task<IResult> FreeDoors(NpgsqlDataSource db, CancellationToken ct,
        [FromQuery] string? province = null, [FromQuery] string? city = null, [FromQuery] string? area = null, [FromQuery] string? street = null,
        [FromQuery] string? place = null, [FromQuery] string? size = null, [FromQuery] string? attribute = null)
    {
        var errors = new List<(string, string)>();
        var filter = new FreeDoorFilter(
            PartnerQueryValues.AddressPart("province", province, errors), PartnerQueryValues.AddressPart("city", city, errors),
            PartnerQueryValues.AddressPart("area", area, errors), PartnerQueryValues.AddressPart("street", street, errors),
            PartnerQueryValues.AddressPart("place", place, errors),
            PartnerQueryValues.Size("size", size, errors), PartnerQueryValues.Attribute("attribute", attribute, errors));
        if (errors.Count > 0) return PartnerProblems.Invalid(errors);
        return Results.Ok(new FreeDoorCount(await FreeDoorQueries.CountAsync(db, filter, ct)));
    }
}
