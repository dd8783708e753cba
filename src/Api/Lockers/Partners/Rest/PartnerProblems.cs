namespace Cabinets.Api.Lockers.Partners.Rest;

/// <summary>
/// Every refusal of the partner REST as RFC 9457 problem+json (ADR-0023): a stable `type` URI per
/// error, a title that never changes for that type, a detail for this request, and `fields`, the
/// offending headers or body fields, where there are some. Clients switch on `type`, never on text.
/// </summary>
internal static class PartnerProblems
{
    public const string ContentType = "application/problem+json";
    private const string Base = "https://cabinets.example/problems/";

    public sealed record Kind(string Slug, int Status, string Title)
    {
        public string Type => Base + Slug;
    }

    public static readonly Kind HeadersInvalid = new("signature-headers-invalid", 401, "Missing or malformed signature headers");
    public static readonly Kind TimestampStale = new("timestamp-stale", 401, "Timestamp outside the allowed window");
    public static readonly Kind PartnerUnknown = new("partner-unknown", 401, "Unknown or disabled partner");
    public static readonly Kind SignatureInvalid = new("signature-invalid", 401, "Signature does not match");
    public static readonly Kind NonceReplayed = new("nonce-replayed", 401, "Nonce already used");
    public static readonly Kind BodyTooLarge = new("body-too-large", 413, "Request body too large");
    public static readonly Kind ValidationFailed = new("validation-failed", 422, "The request has invalid fields");
    public static readonly Kind IdempotencyKeyReused = new("idempotency-key-reused", 422, "Idempotency key reused with another request");
    public static readonly Kind IdempotencyKeyInFlight = new("idempotency-key-in-flight", 409, "The first request with this idempotency key is still running");
    public static readonly Kind NoFreeDoor = new("no-free-door", 409, "No free door");
    public static readonly Kind AlreadyBooked = new("already-booked", 409, "Order already booked");
    public static readonly Kind ParcelNotFound = new("parcel-not-found", 404, "No such parcel");
    public static readonly Kind RateLimited = new("rate-limited", 429, "Too many requests"); // ADR-0027, with Retry-After

    public static IReadOnlyList<Kind> All { get; } =
    [
        HeadersInvalid, TimestampStale, PartnerUnknown, SignatureInvalid, NonceReplayed, BodyTooLarge, ValidationFailed,
        IdempotencyKeyReused, IdempotencyKeyInFlight, NoFreeDoor, AlreadyBooked, ParcelNotFound, RateLimited,
    ];

    /// <summary>A problem answer; <paramref name="extra"/> adds members such as `errors` or `recordNumber`.</summary>
    public static IResult Of(Kind kind, string detail, IReadOnlyList<string>? fields = null, IReadOnlyDictionary<string, object?>? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = kind.Type,
            ["title"] = kind.Title,
            ["status"] = kind.Status,
            ["detail"] = detail,
        };
        if (fields is { Count: > 0 }) body["fields"] = fields;
        foreach (var (name, value) in extra ?? new Dictionary<string, object?>()) body[name] = value;
        return Results.Json(body, contentType: ContentType, statusCode: kind.Status);
    }

    /// <summary>422 with every field error: `fields` lists the names, `errors` pairs each with its reason.</summary>
    public static IResult Invalid(IReadOnlyList<(string Field, string Message)> errors) => Of(ValidationFailed,
        string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")),
        errors.Select(e => e.Field).Distinct().ToList(),
        new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { field = e.Field, message = e.Message }).ToList() });
}
