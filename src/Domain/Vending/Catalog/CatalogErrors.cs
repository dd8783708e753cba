using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Vending.Catalog;

/// <summary>The master data's refusals, with the `extensions.code` values of VENDING.md §4.6.</summary>
public static class CatalogErrors
{
    public const string Validation = "VALIDATION";
    public const string NotFound = "NOT_FOUND";
    public const string DuplicateCode = "DUPLICATE_CODE";

    public static DomainError Invalid(string field, string message) => new(Validation, message, field);

    /// <summary>A code that names a stream: 1..max visible characters, no spaces (it becomes part of `vending-store-{code}`).</summary>
    public static DomainError? Code(string field, string? value, int max = 50) =>
        string.IsNullOrEmpty(value) || value.Length > max || value.Any(c => c is <= ' ' or '\u007f')
            ? Invalid(field, $"must be 1 to {max} characters without spaces")
            : null;

    /// <summary>A text field: 1..max characters once trimmed.</summary>
    public static DomainError? Text(string field, string? value, int max) =>
        value is null || value.Trim().Length is 0 || value.Trim().Length > max ? Invalid(field, $"must be 1 to {max} characters") : null;
}
