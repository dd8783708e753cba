using Cabinets.Api.Commands;
using Cabinets.Api.GraphQL;
using Cabinets.GraphQL;

namespace Cabinets.Api.Vending.GraphQL;

/// <summary>
/// The vending refusals as GraphQL errors with §4.6's `extensions.code` (the deciders' codes:
/// ORDER_NOT_CORRECTABLE, BALANCE_WOULD_BE_NEGATIVE…) and `extensions.field` in the input's
/// names (`input.items[0].quantity`); the executor adds path and locations.
/// </summary>
internal static class VendingErrors
{
    public const string Validation = "VALIDATION";
    public const string NotFound = "NOT_FOUND";

    /// <param name="fieldPrefix">Where the command's input sits in the request, e.g. <c>input.</c> or <c>input.correction.</c>.</param>
    public static void ThrowIfFailed(CommandOutcome outcome, string fieldPrefix = "input.")
    {
        switch (outcome)
        {
            case CommandOutcome.Rejected r:
                throw Error(Code(r.Error.Code), r.Error.Message, r.Error.Field is null ? null : fieldPrefix + r.Error.Field);
            case CommandOutcome.Invalid i:
                throw Invalid(fieldPrefix + i.Errors[0].Field, i.Errors[0].Message);
            default:
                GraphQLCommandErrors.ThrowIfFailed(outcome); // a conflict that outlived the retries
                break;
        }
    }

    public static GraphQLException Invalid(string field, string message) => Error(Validation, $"{field}: {message}", field);

    public static GraphQLException Missing(string what, string id, string field) => Error(NotFound, $"no {what} {id}", field);

    public static GraphQLException Forbidden(string permission, string what) =>
        Error(ErrorCodes.Forbidden, $"{what} needs the permission {permission}", null);

    // The REST's lower-case problem types (not-found) read as the console's codes.
    private static string Code(string domain) => domain switch
    {
        "not-found" => NotFound,
        _ => domain.ToUpperInvariant().Replace('-', '_'),
    };

    private static GraphQLException Error(string code, string message, string? field) =>
        new(new GraphQLError(message, code: code, extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field }));
}
