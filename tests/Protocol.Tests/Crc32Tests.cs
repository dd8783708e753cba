using Cabinets.Protocol.Framing;

namespace Cabinets.Protocol.Tests;

public sealed class Crc32Tests
{
    [Fact]
    public void the_check_value_of_crc_32_iso_hdlc_is_cbf43926() =>
        Crc32.Compute("123456789"u8).ShouldBe(0xCBF43926u);

    [Fact]
    public void the_crc_of_nothing_is_zero() => Crc32.Compute([]).ShouldBe(0u);

    [Theory]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void known_zlib_values_match(string text, uint expected) => Ibs.Crc(text).ShouldBe(expected);

    [Fact]
    public void a_frame_crc_is_written_as_eight_uppercase_hex_digits()
    {
        var frame = Ibs.Text(Ibs.Frame(IbsMethods.SingleRepair, """[{"series_number":"X1","name":"1","single_status":"4"}]"""));
        var crc = frame[(frame.LastIndexOf("&CRC32=", StringComparison.Ordinal) + 7)..];
        crc.Length.ShouldBe(8);
        crc.ShouldBe(crc.ToUpperInvariant());
    }

    [Fact]
    public void a_lowercase_crc_is_accepted_on_input()
    {
        var frame = Ibs.Text(Ibs.Frame(IbsMethods.SingleRepair, """[{"series_number":"X1","name":"1","single_status":"4"}]"""));
        var at = frame.LastIndexOf("&CRC32=", StringComparison.Ordinal) + 7;
        var lower = string.Concat(frame.AsSpan(0, at), frame[at..].ToLowerInvariant());
        lower.ShouldNotBe(frame);
        Ibs.Decode(lower).ShouldBeOfType<IbsDecoded>();
    }
}
