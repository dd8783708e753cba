using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Projections.Lockers.FreeDoors;

namespace Cabinets.Api.Lockers.Partners.Rest;

/// <summary>
/// The value spellings of API-CONTRACT.md shared by the query and the body: `size` L/M/S,
/// `attribute` insulated/vertical, an address part of at most 64 characters; empty or omitted
/// matches anything. Each parser notes the offending field and answers null.
/// </summary>
internal static class PartnerQueryValues
{
    public const int MaxAddressPart = 64;

    public static readonly string[] AddressFields = ["province", "city", "area", "street", "place"];

    public static DoorSize? Size(string field, string? value, List<(string, string)> errors)
    {
        switch (value)
        {
            case null or "": return null;
            case "L": return DoorSize.Large;
            case "M": return DoorSize.Medium;
            case "S": return DoorSize.Small;
            default:
                errors.Add((field, "size is L, M or S"));
                return null;
        }
    }

    public static DoorAttributeFilter? Attribute(string field, string? value, List<(string, string)> errors)
    {
        switch (value)
        {
            case null or "": return null;
            case "insulated": return DoorAttributeFilter.Insulated;
            case "vertical": return DoorAttributeFilter.Vertical;
            default:
                errors.Add((field, "attribute is insulated or vertical"));
                return null;
        }
    }

    public static string? AddressPart(string field, string? value, List<(string, string)> errors)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Length > MaxAddressPart || value.Any(char.IsControl))
        {
            errors.Add((field, $"at most {MaxAddressPart} characters, no control characters"));
            return null;
        }
        return value;
    }
}
