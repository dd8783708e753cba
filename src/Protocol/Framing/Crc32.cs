namespace Cabinets.Protocol.Framing;

/// <summary>
/// CRC-32/ISO-HDLC (the zlib/PNG CRC: reflected polynomial 0xEDB88320, init and xorout 0xFFFFFFFF),
/// IBS-PROTOCOL.md §2. Written here because System.IO.Hashing does not restore (PACKAGES.md).
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(0xFFFF_FFFFu, data);

    private static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        var table = Table;
        foreach (var b in data)
        {
            crc = table[(byte)(crc ^ b)] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB8_8320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
