namespace Cabinets.Protocol.Framing;

/// <summary>Hex over UTF-8 spans, so the frame is never widened to UTF-16 just to decode it.</summary>
internal static class Hex
{
    private static ReadOnlySpan<byte> Upper => "0123456789ABCDEF"u8;

    /// <summary>Writes <paramref name="source"/> as uppercase hex (§2: the payload is uppercase hex).</summary>
    public static void WriteUpper(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[2 * i] = Upper[source[i] >> 4];
            destination[(2 * i) + 1] = Upper[source[i] & 0xF];
        }
    }

    public static void WriteUpper(uint value, Span<byte> destination)
    {
        for (var i = 7; i >= 0; i--)
        {
            destination[i] = Upper[(int)(value & 0xF)];
            value >>= 4;
        }
    }

    /// <summary>Decodes hex of either case; false on an odd length or a non-hex byte.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> hex, Span<byte> destination)
    {
        if ((hex.Length & 1) != 0)
        {
            return false;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            var hi = Nibble(hex[2 * i]);
            var lo = Nibble(hex[(2 * i) + 1]);
            if ((hi | lo) < 0)
            {
                return false;
            }

            destination[i] = (byte)((hi << 4) | lo);
        }

        return true;
    }

    public static bool TryParseUInt32(ReadOnlySpan<byte> hex, out uint value)
    {
        value = 0;
        if (hex.Length != 8)
        {
            return false;
        }

        foreach (var b in hex)
        {
            var n = Nibble(b);
            if (n < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)n;
        }

        return true;
    }

    private static int Nibble(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => -1,
    };
}
