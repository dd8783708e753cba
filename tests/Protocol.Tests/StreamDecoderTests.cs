using System.Text;

namespace Cabinets.Protocol.Tests;

/// <summary>IBS-PROTOCOL.md §1 TCP: one frame per <c>\n</c>-terminated line, arriving in any pieces.</summary>
public sealed class StreamDecoderTests
{
    private static readonly byte[] First = Ibs.Frame(IbsMethods.InsertSingleStatus, """[{"series_number":"IBS20260001","single_code":"24,1"}]""");
    private static readonly byte[] Second = Ibs.Frame(IbsMethods.TakeByVerifyNum, """[{"verify_num":"402913"}]""");

    [Fact]
    public void a_frame_split_at_every_possible_point_decodes_the_same()
    {
        byte[] line = [.. First, (byte)'\n'];
        for (var split = 0; split <= line.Length; split++)
        {
            var decoder = new IbsStreamDecoder(Ibs.Codec);
            var results = decoder.Feed(line.AsSpan(0, split)).Concat(decoder.Feed(line.AsSpan(split))).ToList();
            results.ShouldHaveSingleItem().ShouldBeOfType<IbsDecoded>().Method.ShouldBe(IbsMethods.InsertSingleStatus, $"split at {split}");
            decoder.HasPartialFrame.ShouldBeFalse();
        }
    }

    [Fact]
    public void two_frames_split_at_every_pair_of_points_decode_in_order()
    {
        byte[] stream = [.. First, (byte)'\r', (byte)'\n', .. Second, (byte)'\n'];
        for (var a = 0; a <= stream.Length; a += 3)
        {
            for (var b = a; b <= stream.Length; b += 5)
            {
                var decoder = new IbsStreamDecoder(Ibs.Codec);
                var results = decoder.Feed(stream.AsSpan(0, a)).Concat(decoder.Feed(stream.AsSpan(a, b - a))).Concat(decoder.Feed(stream.AsSpan(b))).ToList();
                results.Select(r => r.ShouldBeOfType<IbsDecoded>().Method).ShouldBe([IbsMethods.InsertSingleStatus, IbsMethods.TakeByVerifyNum]);
            }
        }
    }

    [Fact]
    public void a_frame_fed_one_byte_at_a_time_decodes_once_at_its_newline()
    {
        var decoder = new IbsStreamDecoder(Ibs.Codec);
        foreach (var b in First)
        {
            decoder.Feed([b]).ShouldBeEmpty();
        }

        decoder.HasPartialFrame.ShouldBeTrue();
        decoder.Feed("\n"u8).ShouldHaveSingleItem().ShouldBeOfType<IbsDecoded>();
    }

    [Fact]
    public void many_frames_in_one_chunk_all_decode_and_a_tail_waits()
    {
        var decoder = new IbsStreamDecoder(Ibs.Codec);
        byte[] chunk = [.. First, (byte)'\n', .. Second, (byte)'\n', .. First, (byte)'\n', .. Second.AsSpan(0, 10)];
        decoder.Feed(chunk).Count.ShouldBe(3);
        decoder.HasPartialFrame.ShouldBeTrue();
        decoder.Feed([.. Second.AsSpan(10), (byte)'\n']).ShouldHaveSingleItem().Method.ShouldBe(IbsMethods.TakeByVerifyNum);
    }

    [Fact]
    public void blank_lines_get_no_answer() =>
        new IbsStreamDecoder(Ibs.Codec).Feed("\n\r\n  \n"u8).ShouldBeEmpty();

    [Fact]
    public void a_bad_line_is_answered_and_the_next_line_still_decodes()
    {
        var decoder = new IbsStreamDecoder(Ibs.Codec);
        var results = decoder.Feed([.. "IBS&method=x\n"u8, .. First, (byte)'\n']);
        results[0].ShouldBeOfType<IbsRejected>().Error.Code.ShouldBe(IbsErrorCode.MalformedFrame);
        results[1].ShouldBeOfType<IbsDecoded>();
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(7000)]
    [InlineData(70_000)]
    public void a_line_longer_than_64_kib_is_1007_once_and_the_stream_recovers(int chunkSize)
    {
        var decoder = new IbsStreamDecoder(Ibs.Codec);
        byte[] stream = [.. Encoding.ASCII.GetBytes("IBS&method=count_locker_num&len=1&param=" + new string('A', 66_000)), (byte)'\n', .. First, (byte)'\n'];
        var results = new List<IbsDecodeResult>();
        for (var at = 0; at < stream.Length; at += chunkSize)
        {
            results.AddRange(decoder.Feed(stream.AsSpan(at, Math.Min(chunkSize, stream.Length - at))));
        }

        results.Count.ShouldBe(2);
        var tooLarge = results[0].ShouldBeOfType<IbsRejected>();
        tooLarge.Error.Code.ShouldBe(IbsErrorCode.TooLarge);
        tooLarge.Method.ShouldBe(IbsMethods.CountLockerNum);
        results[1].ShouldBeOfType<IbsDecoded>();
        decoder.HasPartialFrame.ShouldBeFalse();
    }

    [Fact]
    public void a_line_that_outgrows_the_limit_on_its_last_piece_does_not_swallow_the_next_line()
    {
        var decoder = new IbsStreamDecoder(Ibs.Codec);
        decoder.Feed(new byte[60_000]).ShouldBeEmpty();
        var results = decoder.Feed([.. new byte[10_000], (byte)'\n', .. First, (byte)'\n']);
        results.Select(r => r is IbsRejected { Error.Code: IbsErrorCode.TooLarge } ? "1007" : r.Method).ShouldBe(["1007", IbsMethods.InsertSingleStatus]);
    }
}
