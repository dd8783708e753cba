using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Cabinets.Api.Lockers.Partners.Rest;

/// <summary>
/// The `partners` OpenAPI document (`/openapi/partners.json`), generated from the endpoints: only
/// the partner REST, each operation with the four signature headers, commands with
/// `Idempotency-Key`, and the problem types every refusal may carry.
/// </summary>
internal static class PartnerOpenApi
{
    private static readonly (string Name, string Description)[] SignatureHeaders =
    [
        (PartnerSignatureFilter.PartnerIdHeader, "The partner id issued by registerPartner."),
        (PartnerSignatureFilter.TimestampHeader, "Unix seconds; within ±300 s of the server's time."),
        (PartnerSignatureFilter.NonceHeader, "16-64 visible ASCII characters, never the same twice within 10 minutes."),
        (PartnerSignatureFilter.SignatureHeader,
            "Lower-case hex(HMAC-SHA256(secret, METHOD \\n PATH_AND_QUERY \\n X-Timestamp \\n X-Nonce \\n hex(SHA256(body)))); " +
            "PATH_AND_QUERY is the request target exactly as sent (percent-encoded, never decoded)."),
    ];

    public static IServiceCollection AddPartnerOpenApi(this IServiceCollection services) => services.AddOpenApi(PartnerEndpoints.DocumentName, o =>
    {
        o.ShouldInclude = d => d.GroupName == PartnerEndpoints.DocumentName;
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Cabinets partner REST";
            document.Info.Description = "Signed requests of courier partners (API-CONTRACT.md, Partner REST). Every refusal is " +
                "application/problem+json with one of these `type`s:\n\n" +
                string.Join("\n", PartnerProblems.All.Select(p => $"- `{p.Type}` ({p.Status}): {p.Title}"));
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            operation.Parameters ??= [];
            foreach (var (name, description) in SignatureHeaders) operation.Parameters.Add(Header(name, description, required: true));
            if (HttpMethods.IsPost(context.Description.HttpMethod ?? ""))
                operation.Parameters.Add(Header(PartnerIdempotency.Header,
                    "Optional, at most 200 characters: a repeat with the same body gets the first answer; another body under the same key is 422.", required: false));
            return Task.CompletedTask;
        });
    });

    private static OpenApiParameter Header(string name, string description, bool required) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = required,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
