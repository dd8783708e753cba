namespace Cabinets.Protocol.Tests;

/// <summary>One codec serves every HTTP request at once; DES transforms are per thread and per key.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public void codecs_with_different_keys_decode_and_encode_correctly_in_parallel()
    {
        var other = new IbsCodec(new IbsOptions { Key = "k2" });
        const string json = """[{"series_number":"IBS20260001","single_code":"24,1"}]""";
        var frames = new[] { Ibs.Frame(IbsMethods.InsertSingleStatus, json), other.EncodeFrame(IbsMethods.InsertSingleStatus, Ibs.Utf8(json)) };
        var expected = frames.Select(Ibs.Text).ToArray();
        var failures = 0;

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var codec = i % 2 == 0 ? Ibs.Codec : other;
            var ok = codec.Decode(frames[i % 2]) is IbsDecoded
                && codec.Decode(frames[(i + 1) % 2]) is IbsRejected { Error.Code: IbsErrorCode.CannotDecrypt }
                && Ibs.Text(codec.EncodeFrame(IbsMethods.InsertSingleStatus, Ibs.Utf8(json))) == expected[i % 2];
            if (!ok)
            {
                Interlocked.Increment(ref failures);
            }
        });

        failures.ShouldBe(0);
    }
}
