namespace Cabinets.Domain.Lockers.Cabinets;

/// <summary>Where a cabinet bank stands (PRODUCT.md, Lockers item 1). The address note goes into the pickup SMS.</summary>
public sealed record Site(string Province, string City, string Area, string Street, string Place, string CommunityName, string? AddressNote);

public enum DoorSize
{
    Large,
    Medium,
    Small,
}

/// <summary>A door's size and special attributes (IBS-PROTOCOL.md section 6, the attribute byte).</summary>
public sealed record DoorAttributes(DoorSize Size, bool Insulated, bool Vertical);
