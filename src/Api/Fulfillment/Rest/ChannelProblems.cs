namespace Cabinets.Api.Fulfillment.Rest;

/// <summary>The channel endpoints' problem+json (FULFILLMENT.md §4a): `…/problems/fulfillment/{kind}`.</summary>
internal static class ChannelProblems
{
    public const string InvalidSignature = "invalid-signature";
    public const string ReplayedNonce = "replayed-nonce";
    public const string Validation = "validation";

    public static IResult Of(int status, string kind, string detail, IReadOnlyList<string>? fields = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = "https://cabinets.example/problems/fulfillment/" + kind, ["title"] = kind.Replace('-', ' '), ["status"] = status, ["detail"] = detail,
        };
        if (fields is { Count: > 0 }) body["fields"] = fields;
        return Results.Json(body, contentType: "application/problem+json", statusCode: status);
    }

    public static IResult Unsigned(string detail) => Of(StatusCodes.Status401Unauthorized, InvalidSignature, detail);
}
