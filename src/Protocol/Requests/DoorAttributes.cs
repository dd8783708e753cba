namespace Cabinets.Protocol.Requests;

/// <summary>Door size; exactly one per door (IBS-PROTOCOL.md §6 attribute byte).</summary>
public enum DoorSize
{
    Large,
    Medium,
    Small,
}

/// <summary>Special door property a query may ask for (§6 <c>property_name</c>).</summary>
public enum DoorProperty
{
    Insulated,
    Vertical,
}

/// <summary>
/// The attribute byte of a door registration, MSB first as the seed's 01001000 = 72 = "large,
/// insulated" (§6): 128 vertical, 64 large, 32 medium, 16 small, 8 insulated, 4–1 reserved (0).
/// </summary>
public readonly record struct DoorAttributes(DoorSize Size, bool Insulated, bool Vertical)
{
    private const int VerticalBit = 128;
    private const int LargeBit = 64;
    private const int MediumBit = 32;
    private const int SmallBit = 16;
    private const int InsulatedBit = 8;
    private const int ReservedBits = 7;

    /// <summary>False unless the value is a byte with exactly one size bit and no reserved bit.</summary>
    public static bool TryParse(int value, out DoorAttributes attributes)
    {
        attributes = default;
        if (value is < 0 or > 255 || (value & ReservedBits) != 0)
        {
            return false;
        }

        DoorSize? size = (value & (LargeBit | MediumBit | SmallBit)) switch
        {
            LargeBit => DoorSize.Large,
            MediumBit => DoorSize.Medium,
            SmallBit => DoorSize.Small,
            _ => null,
        };
        if (size is null)
        {
            return false;
        }

        attributes = new DoorAttributes(size.Value, (value & InsulatedBit) != 0, (value & VerticalBit) != 0);
        return true;
    }

    public byte ToByte()
    {
        var value = Size switch
        {
            DoorSize.Large => LargeBit,
            DoorSize.Medium => MediumBit,
            _ => SmallBit,
        };
        value |= Insulated ? InsulatedBit : 0;
        value |= Vertical ? VerticalBit : 0;
        return (byte)value;
    }
}
