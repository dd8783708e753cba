namespace Cabinets.Api.Vending.Rest;

/// <summary>
/// The vending REST's refusals (VENDING.md §4.1): RFC 9457 problem+json, `type` =
/// `urn:cabinet-ops:problem:{code}`, validation errors as `{"errors": {"<field path>": ["<message>"]}}` with 400.
/// </summary>
internal static class VendingProblems
{
    public const string ContentType = "application/problem+json";
    public const string InvalidSignature = "invalid-signature";
    public const string Validation = "validation";

    public static string TypeOf(string code) => "urn:cabinet-ops:problem:" + code;

    public static IResult Of(int status, string code, string title, string detail, IReadOnlyDictionary<string, object?>? extra = null)
    {
        var body = new Dictionary<string, object?> { ["type"] = TypeOf(code), ["title"] = title, ["status"] = status, ["detail"] = detail };
        foreach (var (name, value) in extra ?? new Dictionary<string, object?>()) body[name] = value;
        return Results.Json(body, contentType: ContentType, statusCode: status);
    }

    public static IResult Unsigned(string detail) => Of(StatusCodes.Status401Unauthorized, InvalidSignature, "Invalid signature", detail);

    public static IResult Invalid(IReadOnlyDictionary<string, List<string>> errors) => Of(StatusCodes.Status400BadRequest, Validation,
        "The request has invalid fields", string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")),
        new Dictionary<string, object?> { ["errors"] = errors });
}
