namespace Cabinets.Protocol.Framing;

/// <summary>
/// The frame CRC of IBS-PROTOCOL.md §2: CRC-32/ISO-HDLC (the zlib/PNG CRC), which is what
/// <see cref="System.IO.Hashing.Crc32"/> computes. Kept as our one call site so the codec and its
/// tests name the algorithm once.
/// </summary>
internal static class Crc32
{
    public static uint Compute(ReadOnlySpan<byte> data) => System.IO.Hashing.Crc32.HashToUInt32(data);
}
