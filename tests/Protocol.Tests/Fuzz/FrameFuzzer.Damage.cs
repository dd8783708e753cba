using System.Text;
using static Cabinets.Protocol.IbsErrorCode;

namespace Cabinets.Protocol.Tests.Fuzz;

/// <summary>Random bytes and single-byte damage, classified by the part of the frame they hit (§2).</summary>
internal sealed partial class FrameFuzzer
{
    private FuzzCase RandomBytes(Batch b)
    {
        _ = b;
        var bytes = new byte[_r.Next(0, 300)];
        _r.NextBytes(bytes);
        return _r.Chance(0.5)
            ? Case("random bytes", bytes, Ibs.Codec, MalformedFrame)
            : Case("random tail", [.. "IBS&method="u8, .. bytes], Ibs.Codec, MalformedFrame, CrcMismatch);
    }

    private FuzzCase ReplacedByte(Batch b)
    {
        var (frame, codec) = Encode(b.Method, Json(b));
        var (payloadAt, crcTagAt) = Regions(frame);
        var at = _r.Next(frame.Length);
        var original = frame[at];
        byte replacement;
        do
        {
            replacement = (byte)_r.Next(256);
        }
        while (replacement == original);

        frame[at] = replacement;
        IbsErrorCode[] expected = at < payloadAt ? [MalformedFrame, CrcMismatch]
            : at < crcTagAt ? [CrcMismatch]
            : at < crcTagAt + 7 || !IsHex(replacement) ? [MalformedFrame]
            : char.ToUpperInvariant((char)replacement) == char.ToUpperInvariant((char)original) ? [Ok]
            : [CrcMismatch];
        var result = Case("replaced byte", frame, codec, expected);
        return expected is [Ok] ? result with { Method = b.Method, Items = b.Items.Count } : result;
    }

    private FuzzCase InsertedWhitespace(Batch b)
    {
        var (frame, codec) = Encode(b.Method, Json(b));
        var (payloadAt, crcTagAt) = Regions(frame);
        var at = _r.Next(frame.Length + 1);
        byte[] damaged = [.. frame.AsSpan(0, at), _r.Pick((byte)' ', (byte)'\t', (byte)'\r', (byte)'\n'), .. frame.AsSpan(at)];
        IbsErrorCode expected = at == 0 || at == frame.Length ? Ok
            : at < payloadAt ? MalformedFrame
            : at <= crcTagAt ? CrcMismatch
            : MalformedFrame;
        var result = Case("inserted whitespace", damaged, codec, expected);
        return expected == Ok ? result with { Method = b.Method, Items = b.Items.Count } : result;
    }

    private FuzzCase NotABatch(Batch b)
    {
        var objects = b.Items.Select(i => Gen.Object(_r, i)).ToList();
        switch (_r.Next(3))
        {
            case 0:
                var (emptyFrame, emptyCodec) = Encode(b.Method, "[]");
                return Case("empty batch", emptyFrame, emptyCodec, InvalidParam) with { MessagePrefix = "param has no items" };
            case 1:
                var scalar = Ibs.Codec.EncodeFrame(b.Method, Ibs.Utf8(_r.Pick("5", "\"s\"", "true", "null", "-1.5")));
                return Case("scalar param", scalar, Ibs.Codec, InvalidParam);
            default:
                var k = _r.Next(objects.Count + 1);
                objects.Insert(k, _r.Pick("1", "\"x\"", "[]", "null", "[{}]", "false"));
                var (frame, codec) = Encode(b.Method, "[" + string.Join(',', objects) + "]");
                return Case("item not an object", frame, codec, InvalidParam) with { MessagePrefix = $"item {k}: must be an object" };
        }
    }

    private FuzzCase DuplicateField(Batch b)
    {
        var item = b.Items[_r.Next(b.Items.Count)];
        var field = _r.Pick([.. item]);
        item.Insert(_r.Next(item.Count + 1), (field.Name, _r.Pick(field.Literal, "1", "\"x\"")));
        var (frame, codec) = Encode(b.Method, Json(b));
        return Case("duplicate field", frame, codec, InvalidParam);
    }

    private static (int PayloadAt, int CrcTagAt) Regions(byte[] frame) =>
        (frame.AsSpan().IndexOf("&param="u8) + 7, frame.AsSpan().LastIndexOf("&CRC32="u8));

    private static bool IsHex(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'F') or (>= (byte)'a' and <= (byte)'f');
}
