using System.Text;
using Cabinets.Protocol.Framing;
using static Cabinets.Protocol.IbsErrorCode;

namespace Cabinets.Protocol.Tests.Fuzz;

/// <summary>
/// Generates valid frames and mutates them in ways whose expected code follows from the mutation
/// (IBS-PROTOCOL.md §2-§5). Valid batches come from <see cref="MethodSpecs"/>.
/// </summary>
internal sealed partial class FrameFuzzer(int seed)
{
    private static readonly IbsCodec[] OtherKeys = [.. new[] { "other", "IBS_KEY", "12345678", "k" }.Select(k => new IbsCodec(new IbsOptions { Key = k }))];
    private static readonly HashSet<string> Known = [.. MethodSpecs.All.Select(m => m.Method)];

    private readonly Random _r = new(seed);

    private delegate FuzzCase Mutation(Batch batch);

    public FuzzCase Next()
    {
        // Frames of tens of KiB cost milliseconds to build and encrypt: rarer, so the run stays short.
        Mutation[] large = [HugeFrame, TooManyItems, HugeIgnoredString, HugeNumber];
        Mutation[] small =
        [
            Valid, Valid, Valid, InvalidField, InvalidField, InvalidField, MissingField, UnknownMethod, BadMethodName,
            Truncated, BadCrc, WrongLen, LenGarbage, BadHex, PartialBlock, CorruptLastBlock, WrongKey, BadPadding,
            NotUtf8, NotJson, PlainRefused, Nested, RandomBytes, ReplacedByte, InsertedWhitespace, NotABatch, DuplicateField,
        ];
        return _r.Pick(_r.Chance(0.03) ? large : small)(NewBatch());
    }

    /// <summary>A valid batch: its method, items as (field, literal) lists, and the fields' specs.</summary>
    private sealed record Batch(string Method, FieldSpec[] Specs, List<List<(string Name, string Literal)>> Items, bool AsObject);

    private Batch NewBatch()
    {
        var (method, specs) = _r.Pick(MethodSpecs.All);
        var items = Enumerable.Range(0, _r.Next(1, 5))
            .Select(_ => specs.Where(s => s.Required || _r.Chance(0.7)).Select(s => (s.Name, s.Valid(_r))).ToList())
            .ToList();
        return new Batch(method, specs, items, items.Count == 1 && _r.Chance(0.3));
    }

    private string Json(Batch b)
    {
        var objects = b.Items.Select(i => Gen.Object(_r, i)).ToList();
        return b.AsObject ? objects[0] : "[" + string.Join(',', objects) + "]";
    }

    /// <summary>Encrypted with the right key, or plaintext for a codec that allows it.</summary>
    private (byte[] Frame, IbsCodec Codec) Encode(string method, string json) =>
        _r.Chance(0.8)
            ? (Ibs.Codec.EncodeFrame(method, Ibs.Utf8(json)), Ibs.Codec)
            : (Ibs.PlainCodec.EncodeFrame(method, Ibs.Utf8(json), plaintext: true), Ibs.PlainCodec);

    private FuzzCase Case(string kind, byte[] frame, IbsCodec codec, params IbsErrorCode[] expected) => new(kind, frame, codec, expected);

    private FuzzCase Valid(Batch b)
    {
        var (frame, codec) = Encode(b.Method, Json(b));
        var text = Encoding.UTF8.GetString(frame);
        if (_r.Chance(0.2))
        {
            text = text[..^8] + text[^8..].ToLowerInvariant();
        }

        if (_r.Chance(0.2))
        {
            text = _r.Pick(" ", "\r\n", "\t", "") + text + _r.Pick("\r\n", "\n", " \r\n", "");
        }

        return Case("valid", Ibs.Utf8(text), codec, Ok) with { Method = b.Method, Items = b.Items.Count };
    }

    private FuzzCase InvalidField(Batch b)
    {
        var index = _r.Next(b.Items.Count);
        var spec = _r.Pick(b.Specs);
        var item = b.Items[index];
        var at = item.FindIndex(f => f.Name == spec.Name);
        var bad = (spec.Name, spec.Invalid(_r));
        if (at >= 0)
        {
            item[at] = bad;
        }
        else
        {
            item.Add(bad);
        }

        var (frame, codec) = Encode(b.Method, Json(b));
        return Case("invalid field", frame, codec, InvalidParam) with { MessagePrefix = $"item {index}: {spec.Name}" };
    }

    private FuzzCase MissingField(Batch b)
    {
        var index = _r.Next(b.Items.Count);
        var required = b.Specs.Where(s => s.Required).ToArray();
        if (required.Length == 0)
        {
            return Valid(b);
        }

        var spec = _r.Pick(required);
        b.Items[index].RemoveAll(f => f.Name == spec.Name);
        var (frame, codec) = Encode(b.Method, Json(b));
        return Case("missing field", frame, codec, InvalidParam) with { MessagePrefix = $"item {index}: {spec.Name}" };
    }

    private FuzzCase UnknownMethod(Batch b)
    {
        string name;
        do
        {
            name = new string([.. Enumerable.Range(0, _r.Next(1, 40)).Select(_ => "abcdefghijklmnopqrstuvwxyz_0123456789ABC"[_r.Next(40)])]);
        }
        while (Known.Contains(name));

        var (frame, codec) = Encode(name, Json(b));
        return Case("unknown method", frame, codec, IbsErrorCode.UnknownMethod);
    }

    private FuzzCase BadMethodName(Batch b)
    {
        var name = _r.Pick("", "insert-single", "insert single", "a.b", "方法", "take_by_verify_num ", new string('m', 65 + _r.Next(20)));
        var payload = Encoding.UTF8.GetString(Ibs.Codec.EncodeFrame(b.Method, Ibs.Utf8(Json(b)))).Split("&param=")[1].Split("&CRC32=")[0];
        return Case("bad method name", Ibs.Compose(name, payload), Ibs.Codec, MalformedFrame);
    }

    private FuzzCase Truncated(Batch b)
    {
        var (frame, codec) = Encode(b.Method, Json(b));
        return Case("truncated", frame[.._r.Next(frame.Length)], codec, MalformedFrame);
    }

    private FuzzCase BadCrc(Batch b)
    {
        var (frame, codec) = Encode(b.Method, Json(b));
        var crc = Crc32.Compute(frame.AsSpan(0, frame.Length - 15));
        var wrong = crc ^ (uint)_r.Next(1, int.MaxValue);
        Encoding.ASCII.GetBytes(wrong.ToString("X8", System.Globalization.CultureInfo.InvariantCulture)).CopyTo(frame, frame.Length - 8);
        return Case("bad crc", frame, codec, CrcMismatch);
    }
}
