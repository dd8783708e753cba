using System.Buffers.Text;

namespace Cabinets.Protocol.Framing;

/// <summary>
/// Reads <c>IBS&amp;method=…&amp;len=…&amp;param=…&amp;CRC32=…</c> (IBS-PROTOCOL.md §2) over UTF-8 bytes.
/// Check order, so each input gets exactly one code: size 1007, syntax 1001, CRC 1002, len 1003.
/// </summary>
internal static class FrameReader
{
    public const int MaxFrameBytes = 64 * 1024;
    public const int MaxMethodBytes = 64;

    private static ReadOnlySpan<byte> Prefix => "IBS&method="u8;
    private static ReadOnlySpan<byte> LenTag => "&len="u8;
    private static ReadOnlySpan<byte> ParamTag => "&param="u8;
    private static ReadOnlySpan<byte> CrcTag => "&CRC32="u8;

    /// <summary>
    /// Parses a frame. <paramref name="method"/> is set whenever a well-formed method name could be
    /// read, even if the frame is refused later, so the error response can echo it (§5).
    /// </summary>
    public static IbsError? TryRead(ReadOnlySpan<byte> input, out ReadOnlySpan<byte> method, out RawFrame frame)
    {
        frame = default;
        // §2: surrounding whitespace/CRLF of the whole frame is tolerated, nothing inside it.
        var text = input.Trim(" \t\r\n"u8);
        method = PeekMethod(text);
        if (input.Length > MaxFrameBytes)
        {
            return new IbsError(IbsErrorCode.TooLarge, $"frame is larger than {MaxFrameBytes} bytes");
        }

        if (!text.StartsWith(Prefix))
        {
            return Malformed("frame must start with IBS&method=");
        }

        if (method.IsEmpty)
        {
            return Malformed("method must be 1-64 letters, digits or underscores");
        }

        var rest = text[(Prefix.Length + method.Length)..];
        if (!rest.StartsWith(LenTag))
        {
            return Malformed("missing &len=");
        }

        rest = rest[LenTag.Length..];
        var lenEnd = rest.IndexOf((byte)'&');
        var lenText = lenEnd < 0 ? rest : rest[..lenEnd];
        if (!TryParseLen(lenText, out var declaredLen))
        {
            return Malformed("len must be a decimal number");
        }

        rest = rest[lenText.Length..];
        if (!rest.StartsWith(ParamTag))
        {
            return Malformed("missing &param=");
        }

        rest = rest[ParamTag.Length..];
        // The last tag is the real one: a plaintext payload may itself contain "&CRC32=".
        var crcAt = rest.LastIndexOf(CrcTag);
        if (crcAt < 0)
        {
            return Malformed("missing &CRC32=");
        }

        if (!Hex.TryParseUInt32(rest[(crcAt + CrcTag.Length)..], out var declaredCrc))
        {
            return Malformed("CRC32 must be 8 hex digits");
        }

        var covered = text[..(text.Length - rest.Length + crcAt)];
        var actualCrc = Crc32.Compute(covered);
        if (actualCrc != declaredCrc)
        {
            return new IbsError(IbsErrorCode.CrcMismatch, $"CRC32 is {declaredCrc:X8}, expected {actualCrc:X8}");
        }

        var payload = rest[..crcAt];
        var chars = CountChars(payload);
        if (chars != declaredLen)
        {
            return new IbsError(IbsErrorCode.LengthMismatch, $"len is {declaredLen} but param has {chars} characters");
        }

        frame = new RawFrame(method, payload);
        return null;
    }

    /// <summary>
    /// §2 "len = number of characters of the payload as transmitted": characters are Unicode scalar
    /// values (ADR 0006), i.e. UTF-8 bytes that are not continuation bytes. Hex payloads are ASCII.
    /// </summary>
    public static int CountChars(ReadOnlySpan<byte> utf8)
    {
        var count = 0;
        foreach (var b in utf8)
        {
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The method name at the start of a frame, or empty if there is none (or it is not a name).</summary>
    public static ReadOnlySpan<byte> PeekMethod(ReadOnlySpan<byte> text)
    {
        text = text.TrimStart(" \t\r\n"u8);
        if (!text.StartsWith(Prefix))
        {
            return default;
        }

        var rest = text[Prefix.Length..];
        var end = rest.IndexOf((byte)'&');
        var name = end < 0 ? rest : rest[..end];
        return name.Length is > 0 and <= MaxMethodBytes && IsMethodName(name) ? name : default;
    }

    private static bool IsMethodName(ReadOnlySpan<byte> name)
    {
        foreach (var b in name)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b == (byte)'_'))
            {
                return false;
            }
        }

        return true;
    }

    // At most 6 digits: no frame under 64 KiB can have a longer payload; signs are not numbers here.
    private static bool TryParseLen(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        return digits.Length is > 0 and <= 6
            && digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
            && Utf8Parser.TryParse(digits, out value, out _);
    }

    private static IbsError Malformed(string message) => new(IbsErrorCode.MalformedFrame, message);
}
