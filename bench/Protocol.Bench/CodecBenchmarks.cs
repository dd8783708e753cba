using System.Text;
using BenchmarkDotNet.Attributes;
using Cabinets.Protocol.Responses;

namespace Cabinets.Protocol.Bench;

/// <summary>
/// What one firmware frame costs the server in the codec (IBS-PROTOCOL.md §2-§5), DES included.
/// Each benchmark is single-threaded, so 1 / mean is frames per second per core.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private static readonly IbsCodec Codec = new();
    private static readonly IbsCodec PlainCodec = new(new IbsOptions { AllowPlaintext = true });

    // §8 vector: the most frequent frame, a door status change.
    private static readonly byte[] StatusFrame = Encoding.ASCII.GetBytes(
        "IBS&method=insert_single_status&len=112&param=6A01CC6B0AE8175EE14FE456B6C2453043153B65285D5223B94605CBD427EB86E781BB248FE8C622EBFDEB59B1A148C049CB7A759C789015&CRC32=984DFFE6");

    private static readonly byte[] PlainStatusFrame = Encoding.ASCII.GetBytes(
        """IBS&method=insert_single_status&len=54&param=[{"series_number":"IBS20260001","single_code":"24,1"}]&CRC32=7D110923""");

    // The boot / 02:00 snapshot of a full bank: 9 cabinets × 24 doors.
    private static readonly byte[] SnapshotFrame = Codec.EncodeFrame(
        IbsMethods.InsertSingleStatus,
        Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Range(1, 216).Select(d => $$"""{"series_number":"IBS20260001","single_code":"{{d}},{{d % 2}}"}""")) + "]"));

    private static readonly IbsResponse Ok = IbsResponse.Ok();

    [Benchmark(Description = "decode status frame (DES)")]
    public IbsDecodeResult DecodeStatus() => Codec.Decode(StatusFrame);

    [Benchmark(Description = "encode ok response (DES)")]
    public byte[] EncodeResponse() => Codec.EncodeResponse(IbsMethods.InsertSingleStatus, Ok);

    [Benchmark(Baseline = true, Description = "decode + encode (DES)")]
    public byte[] RoundTrip()
    {
        var decoded = Codec.Decode(StatusFrame);
        return Codec.EncodeResponse(decoded.Method, decoded is IbsRejected r ? IbsResponse.Failure(r.Error) : Ok);
    }

    [Benchmark(Description = "decode status frame (plaintext)")]
    public IbsDecodeResult DecodePlain() => PlainCodec.Decode(PlainStatusFrame);

    [Benchmark(Description = "decode 216-door snapshot (DES)")]
    public IbsDecodeResult DecodeSnapshot() => Codec.Decode(SnapshotFrame);
}
