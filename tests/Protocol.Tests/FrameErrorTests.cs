namespace Cabinets.Protocol.Tests;

/// <summary>IBS-PROTOCOL.md §2: the frame syntax, 1001 malformed, 1002 CRC, 1003 len, 1007 size.</summary>
public sealed class FrameErrorTests
{
    private const string Json = """[{"series_number":"IBS20260001","single_code":"24,1"}]""";
    private static readonly string Valid = Ibs.Text(Ibs.Frame(IbsMethods.InsertSingleStatus, Json));

    [Theory]
    [InlineData(" ", "")]
    [InlineData("\r\n", "")]
    [InlineData("", "\r\n")]
    [InlineData("\t \r\n", " \n\r\n")]
    public void whitespace_around_the_whole_frame_is_tolerated(string before, string after) =>
        Ibs.Decode(before + Valid + after).ShouldBeOfType<IbsDecoded>();

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n")]
    [InlineData("hello")]
    [InlineData("ibs&method=insert_single_status")]
    [InlineData("IBS&Method=insert_single_status&len=2&param=[]&CRC32=00000000")]
    [InlineData("IBS method=insert_single_status&len=2&param=[]&CRC32=00000000")]
    public void a_frame_that_does_not_start_with_ibs_method_is_error_1001(string frame)
    {
        var rejected = Ibs.Decode(frame).ShouldBeOfType<IbsRejected>();
        rejected.Error.Code.ShouldBe(IbsErrorCode.MalformedFrame);
        rejected.Method.ShouldBe(IbsMethods.Error);
    }

    [Theory]
    [InlineData("IBS&method=&len=2&param=[]")]
    [InlineData("IBS&method=insert single&len=2&param=[]")]
    [InlineData("IBS&method=insert-single&len=2&param=[]")]
    [InlineData("IBS&method=插入&len=2&param=[]")]
    [InlineData("IBS&method= insert_single_status&len=2&param=[]")]
    public void a_method_that_is_not_a_plain_name_is_error_1001(string head) =>
        Ibs.Decode(WithCrc(head)).Rejected().Code.ShouldBe(IbsErrorCode.MalformedFrame);

    [Theory]
    [InlineData("IBS&method=insert_single_status")]
    [InlineData("IBS&method=insert_single_status&param=[]")]
    [InlineData("IBS&method=insert_single_status&len=&param=[]")]
    [InlineData("IBS&method=insert_single_status&len=-2&param=[]")]
    [InlineData("IBS&method=insert_single_status&len=+2&param=[]")]
    [InlineData("IBS&method=insert_single_status&len=2x&param=[]")]
    [InlineData("IBS&method=insert_single_status&len= 2&param=[]")]
    [InlineData("IBS&method=insert_single_status&len=1234567&param=[]")]
    [InlineData("IBS&method=insert_single_status&len=2")]
    [InlineData("IBS&method=insert_single_status&len=2&extra=1&param=[]")]
    [InlineData("IBS&method=insert_single_status&len=2 &param=[]")]
    public void a_missing_part_or_a_bad_number_is_error_1001(string head)
    {
        var rejected = Ibs.Decode(WithCrc(head)).ShouldBeOfType<IbsRejected>();
        rejected.Error.Code.ShouldBe(IbsErrorCode.MalformedFrame);
        rejected.Method.ShouldBe(IbsMethods.InsertSingleStatus, "the method could be read, so the answer echoes it");
    }

    [Theory]
    [InlineData("")]
    [InlineData("1234567")]
    [InlineData("123456789")]
    [InlineData("1234567G")]
    [InlineData(" 12345678")]
    public void a_crc_that_is_not_eight_hex_digits_is_error_1001(string crc)
    {
        var head = Valid[..Valid.LastIndexOf("&CRC32=", StringComparison.Ordinal)];
        Ibs.Decode($"{head}&CRC32={crc}").Rejected().Code.ShouldBe(IbsErrorCode.MalformedFrame);
        Ibs.Decode(head).Rejected().Code.ShouldBe(IbsErrorCode.MalformedFrame);
    }

    [Fact]
    public void whitespace_inside_the_frame_is_not_tolerated()
    {
        Ibs.Decode(Valid.Replace("&len=", " &len=", StringComparison.Ordinal)).Rejected().Code.ShouldBe(IbsErrorCode.MalformedFrame);
        Ibs.Decode(Valid.Replace("&CRC32=", "&CRC32= ", StringComparison.Ordinal)).Rejected().Code.ShouldBe(IbsErrorCode.MalformedFrame);
    }

    [Fact]
    public void a_frame_with_a_bad_crc_is_error_1002()
    {
        var bad = Valid[..^8] + (Valid[^1] == '0' ? "00000001" : "00000000");
        var rejected = Ibs.Decode(bad).ShouldBeOfType<IbsRejected>();
        rejected.Error.Code.ShouldBe(IbsErrorCode.CrcMismatch);
        rejected.Method.ShouldBe(IbsMethods.InsertSingleStatus);
    }

    [Fact]
    public void a_frame_changed_after_its_crc_was_computed_is_error_1002() =>
        Ibs.Decode(Valid.Replace("&len=112", "&len=113", StringComparison.Ordinal)).Rejected().Code.ShouldBe(IbsErrorCode.CrcMismatch);

    [Theory]
    [InlineData(0)]
    [InlineData(111)]
    [InlineData(113)]
    [InlineData(224)]
    public void a_len_that_is_not_the_payload_length_is_error_1003(int len)
    {
        var payload = Valid.Split("&param=")[1].Split("&CRC32=")[0];
        var error = Ibs.Decode(Ibs.Text(Ibs.Compose(IbsMethods.InsertSingleStatus, len.ToString(System.Globalization.CultureInfo.InvariantCulture), payload))).Rejected();
        error.Code.ShouldBe(IbsErrorCode.LengthMismatch);
        error.Message.ShouldContain("112");
    }

    [Fact]
    public void len_with_leading_zeros_is_still_the_number() =>
        Ibs.Codec.Decode(Ibs.Compose(IbsMethods.InsertSingleStatus, "000112", Valid.Split("&param=")[1].Split("&CRC32=")[0]))
            .ShouldBeOfType<IbsDecoded>();

    [Fact]
    public void len_counts_characters_not_bytes_or_utf16_units()
    {
        const string json = """[{"type":"快递柜😀","locker_info":[{"category":"M","create_date":"2026-01-02","series_number":"A1"}]}]""";
        var frame = Ibs.PlainCodec.EncodeFrame(IbsMethods.InsertLockerInfo, Ibs.Utf8(json), plaintext: true);
        var runes = json.EnumerateRunes().Count();
        Ibs.Text(frame).ShouldContain($"&len={runes}&");
        Ibs.PlainCodec.Decode(frame).ShouldBeOfType<IbsDecoded>();

        foreach (var other in new[] { json.Length, Ibs.Utf8(json).Length })
        {
            other.ShouldNotBe(runes);
            Ibs.PlainCodec.Decode(Ibs.Compose(IbsMethods.InsertLockerInfo, other.ToString(System.Globalization.CultureInfo.InvariantCulture), json))
                .Rejected().Code.ShouldBe(IbsErrorCode.LengthMismatch);
        }
    }

    [Fact]
    public void a_frame_over_64_kib_is_error_1007_even_before_its_syntax_is_checked()
    {
        var huge = Valid + new string('A', 64 * 1024);
        var rejected = Ibs.Decode(huge).ShouldBeOfType<IbsRejected>();
        rejected.Error.Code.ShouldBe(IbsErrorCode.TooLarge);
        rejected.Method.ShouldBe(IbsMethods.InsertSingleStatus);
    }

    [Fact]
    public void a_frame_of_exactly_64_kib_is_not_too_large()
    {
        var filler = new string(' ', (64 * 1024) - Valid.Length);
        Ibs.Decode(Valid + filler).ShouldBeOfType<IbsDecoded>();
        Ibs.Decode(Valid + filler + " ").Rejected().Code.ShouldBe(IbsErrorCode.TooLarge);
    }

    [Fact]
    public void a_plaintext_payload_may_contain_the_crc_tag_itself()
    {
        const string json = """[{"code":"a&CRC32=12345678&len=1"}]""";
        var frame = Ibs.PlainCodec.EncodeFrame(IbsMethods.GetIbsAddress, Ibs.Utf8(json), plaintext: true);
        Ibs.PlainCodec.Decode(frame).ShouldBeOfType<IbsDecoded>();
    }

    private static string WithCrc(string head) => $"{head}&CRC32={Ibs.Crc(head):X8}";
}
