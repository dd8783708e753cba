namespace Cabinets.Protocol.Framing;

/// <summary>
/// Builds a frame in one exact-size array: the caller fills the payload slot in place (hex is
/// written straight into the frame), then <see cref="Finish"/> appends <c>&amp;CRC32=</c> (§2).
/// </summary>
internal static class FrameWriter
{
    private const int CrcTailBytes = 15; // "&CRC32=" + 8 hex digits

    public static byte[] Begin(ReadOnlySpan<byte> method, int payloadBytes, int payloadChars, out Span<byte> payloadSlot)
    {
        Span<byte> len = stackalloc byte[11];
        payloadChars.TryFormat(len, out var lenBytes, provider: System.Globalization.CultureInfo.InvariantCulture);
        len = len[..lenBytes];

        var head = "IBS&method="u8.Length + method.Length + "&len="u8.Length + len.Length + "&param="u8.Length;
        var frame = new byte[head + payloadBytes + CrcTailBytes];
        var at = 0;
        at += Put(frame, at, "IBS&method="u8);
        at += Put(frame, at, method);
        at += Put(frame, at, "&len="u8);
        at += Put(frame, at, len);
        at += Put(frame, at, "&param="u8);
        payloadSlot = frame.AsSpan(at, payloadBytes);
        return frame;
    }

    public static void Finish(byte[] frame)
    {
        var crcAt = frame.Length - CrcTailBytes;
        var crc = Crc32.Compute(frame.AsSpan(0, crcAt));
        Put(frame, crcAt, "&CRC32="u8);
        Hex.WriteUpper(crc, frame.AsSpan(crcAt + 7, 8));
    }

    private static int Put(byte[] frame, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(frame.AsSpan(at));
        return bytes.Length;
    }
}
