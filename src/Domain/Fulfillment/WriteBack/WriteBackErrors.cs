using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Fulfillment.WriteBack;

/// <summary>The refusals of stock write-back rules: `INVALID_FORMULA` is in §4b's FulfillmentErrorCode; the rest are `VALIDATION` with a field.</summary>
public static class WriteBackErrors
{
    public const string InvalidFormula = "INVALID_FORMULA";
    public const string Validation = "VALIDATION";

    public static DomainError Invalid(string field, string message) => new(Validation, message, field);
}
