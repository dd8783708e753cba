using System.Text;
using System.Text.Json;
using Cabinets.Api.Lockers.Parcels;
using Cabinets.Domain.Lockers.Parcels;
using Cabinets.Projections.Lockers.FreeDoors;

namespace Cabinets.Api.Lockers.Partners.Rest;

/// <summary>
/// The body of `POST /api/partners/parcels` (API-CONTRACT.md), as documented in the OpenAPI
/// document. Read by <see cref="Parse"/>, which checks every field before anything is stored.
/// </summary>
internal sealed record PartnerParcelRequest(
    string? Province, string? City, string? Area, string? Street, string? Place,
    string OrderNumber, string RecipientName, string RecipientPhone, string? Size, string? Attribute)
{
    public const int MaxRecipientName = 50;

    /// <summary>The booking this body asks for, or every field error (422, nothing changed).</summary>
    public static (BookingRequest? Booking, List<(string Field, string Message)> Errors) Parse(string partnerId, byte[] body)
    {
        var errors = new List<(string Field, string Message)>();
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(body, new JsonDocumentOptions { AllowDuplicateProperties = false });
            root = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (null, [("body", "the body is one JSON object, each member once")]);
        }
        if (root.ValueKind != JsonValueKind.Object) return (null, [("body", "the body is a JSON object")]);

        var address = PartnerQueryValues.AddressFields
            .Select(f => PartnerQueryValues.AddressPart(f, Text(root, f, errors), errors)).ToArray();
        var order = Text(root, "orderNumber", errors);
        if (order is null || order.Length is not (10 or 16) || !order.All(char.IsAsciiDigit)) errors.Add(("orderNumber", "10 or 16 digits"));
        var phone = Text(root, "recipientPhone", errors);
        if (phone is null || phone.Length != 11 || !phone.All(char.IsAsciiDigit)) errors.Add(("recipientPhone", "11 digits"));
        var name = Text(root, "recipientName", errors)?.Trim();
        if (string.IsNullOrEmpty(name) || name.EnumerateRunes().Count() > MaxRecipientName || name.Any(char.IsControl))
            errors.Add(("recipientName", $"1 to {MaxRecipientName} characters, no control characters"));
        var size = PartnerQueryValues.Size("size", Text(root, "size", errors), errors);
        var attribute = PartnerQueryValues.Attribute("attribute", Text(root, "attribute", errors), errors);
        if (errors.Count > 0) return (null, errors);

        var wish = new DoorWish(size, attribute == DoorAttributeFilter.Insulated, attribute == DoorAttributeFilter.Vertical);
        return (new BookingRequest(partnerId, "partner-rest", address[0], address[1], address[2], address[3], address[4],
            order!, name!, phone!, wish), errors);
    }

    /// <summary>A string member; absent or null is null; any other JSON type is a field error.</summary>
    private static string? Text(JsonElement root, string field, List<(string, string)> errors)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        errors.Add((field, "a string"));
        return null;
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"OrderNumber = {OrderNumber}, RecipientName = (hidden), RecipientPhone = (hidden), Size = {Size}, Attribute = {Attribute}");
        return true;
    }
}
