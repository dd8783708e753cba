using System.Text.RegularExpressions;
using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Fulfillment.Catalog;

/// <summary>FULFILLMENT.md §4b `FulfillmentErrorCode`, plus the input checks every fulfillment decider shares.</summary>
public static partial class FulfillmentErrors
{
    public const string NotFound = "NOT_FOUND";
    public const string InvalidState = "INVALID_STATE";
    public const string InsufficientStock = "INSUFFICIENT_STOCK";
    public const string BranchNotAllowed = "BRANCH_NOT_ALLOWED";
    public const string CodeTaken = "CODE_TAKEN";
    public const string Validation = "VALIDATION";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,50}$")]
    private static partial Regex CodePattern();

    public static DomainError? Code(string field, string? value) =>
        value is not null && CodePattern().IsMatch(value) ? null : new DomainError(Validation, "1 to 50 letters, digits, '-' or '_'", field);

    public static DomainError? Text(string field, string? value, int max) =>
        string.IsNullOrWhiteSpace(value) || value.Trim().Length > max ? new DomainError(Validation, $"1 to {max} characters", field) : null;

    public static DomainError? Defined<T>(T value, string field) where T : struct, Enum =>
        Enum.IsDefined(value) ? null : new DomainError(Validation, $"not a {typeof(T).Name}", field);

    public static DomainError? Quantity(string field, int quantity, int max = 1_000_000) =>
        quantity is >= 1 and <= 1_000_000 && quantity <= max ? null : new DomainError(Validation, $"a whole number of units from 1 to {max}", field);
}
