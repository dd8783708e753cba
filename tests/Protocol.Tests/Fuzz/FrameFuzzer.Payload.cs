using System.Text;
using static Cabinets.Protocol.IbsErrorCode;

namespace Cabinets.Protocol.Tests.Fuzz;

/// <summary>Mutations of len, payload and JSON; and byte-level damage whose code depends on where it lands.</summary>
internal sealed partial class FrameFuzzer
{
    private const string NotHex = "GHIJKLMNOPQRSTUVWXYZghijklmnopqrstuvwxyz!#%-_.~ ";

    private static string Payload(byte[] frame) => Encoding.UTF8.GetString(frame).Split("&param=")[1].Split("&CRC32=")[0];

    private string Sealed(Batch b) => Payload(Ibs.Codec.EncodeFrame(b.Method, Ibs.Utf8(Json(b))));

    private FuzzCase WrongLen(Batch b)
    {
        var (frame, codec) = Encode(b.Method, Json(b));
        var payload = Payload(frame);
        var chars = payload.EnumerateRunes().Count();
        var len = _r.Chance(0.5) ? chars + _r.Next(1, 100) : _r.Next(0, chars);
        return Case("wrong len", Ibs.Compose(b.Method, len.ToString(System.Globalization.CultureInfo.InvariantCulture), payload), codec, LengthMismatch);
    }

    private FuzzCase LenGarbage(Batch b) =>
        Case("len not a number", Ibs.Compose(b.Method, _r.Pick("", "-5", "+5", "1e3", "0x10", " 5", "5 ", "1234567", "٣", "１"), Sealed(b)), Ibs.Codec, MalformedFrame);

    private FuzzCase BadHex(Batch b)
    {
        var payload = Sealed(b).ToCharArray();
        payload[_r.Next(payload.Length)] = NotHex[_r.Next(NotHex.Length)];
        return Case("bad hex", Ibs.Compose(b.Method, new string(payload)), Ibs.Codec, CannotDecrypt);
    }

    private FuzzCase PartialBlock(Batch b)
    {
        var payload = Sealed(b);
        var k = _r.Next(1, 16);
        payload = _r.Chance(0.5) ? payload[..^k] : payload + payload[..k];
        return Case("partial block", Ibs.Compose(b.Method, payload), Ibs.Codec, CannotDecrypt);
    }

    private FuzzCase CorruptLastBlock(Batch b)
    {
        var payload = Sealed(b).ToCharArray();
        var at = payload.Length - 1 - _r.Next(16);
        var digit = Convert.ToInt32(payload[at].ToString(), 16);
        payload[at] = "0123456789ABCDEF"[(digit + _r.Next(1, 16)) % 16];
        return Case("corrupt last block", Ibs.Compose(b.Method, new string(payload)), Ibs.Codec, CannotDecrypt);
    }

    private FuzzCase WrongKey(Batch b) =>
        Case("wrong key", _r.Pick(OtherKeys).EncodeFrame(b.Method, Ibs.Utf8(Json(b))), Ibs.Codec, CannotDecrypt);

    private FuzzCase BadPadding(Batch b)
    {
        var json = Ibs.Utf8(Json(b));
        var pad = 8 - (json.Length % 8);
        var blocks = new byte[json.Length + pad];
        json.CopyTo(blocks, 0);
        blocks.AsSpan(json.Length).Fill((byte)pad);
        if (pad > 1 && _r.Chance(0.5))
        {
            blocks[^_r.Next(2, pad + 1)] ^= (byte)_r.Next(1, 256); // inconsistent padding bytes
        }
        else
        {
            blocks[^1] = _r.Chance(0.2) ? (byte)0 : (byte)_r.Next(9, 256); // impossible padding length
        }

        return Case("bad padding", Ibs.Compose(b.Method, PayloadErrorTests.SealRaw(blocks)), Ibs.Codec, CannotDecrypt);
    }

    private FuzzCase NotUtf8(Batch b)
    {
        var json = Ibs.Utf8(Json(b)).ToList();
        var asciiPositions = Enumerable.Range(0, json.Count + 1).Where(i => i == json.Count || json[i] < 0x80).ToArray();
        json.InsertRange(_r.Pick(asciiPositions), _r.Pick<byte[]>([0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0x80], [0xE4, 0xB8], [0xF8, 0x88, 0x80, 0x80, 0x80]));
        return Case("not utf-8", Ibs.Codec.EncodeFrame(b.Method, json.ToArray()), Ibs.Codec, CannotDecrypt);
    }

    private FuzzCase NotJson(Batch b)
    {
        var json = Json(b);
        var text = _r.Next(3) switch
        {
            0 => json[.._r.Next(json.Length)],
            1 => json + _r.Pick("x", "]", "}", ",{}", "[]", "\"a\""),
            _ => _r.Pick("x", "<xml/>", "undefined", "NaN-", "'") + json,
        };
        return Case("not json", Ibs.Codec.EncodeFrame(b.Method, Ibs.Utf8(text)), Ibs.Codec, CannotDecrypt);
    }

    private FuzzCase PlainRefused(Batch b) =>
        Case("plaintext refused", Ibs.PlainCodec.EncodeFrame(b.Method, Ibs.Utf8(Json(b)), plaintext: true), Ibs.Codec, CannotDecrypt);

    private FuzzCase Nested(Batch b)
    {
        var depth = _r.Next(3, 80);
        var open = new StringBuilder();
        var close = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            var asObject = _r.Chance(0.3);
            open.Append(asObject ? "{\"k\":" : "[");
            close.Insert(0, asObject ? "}" : "]");
        }

        b.Items[_r.Next(b.Items.Count)].Add(("deep", $"{open}1{close}"));
        var (frame, codec) = Encode(b.Method, Json(b));
        return Case("nested", frame, codec, TooLarge);
    }

    private FuzzCase TooManyItems(Batch b)
    {
        // Mostly empty objects: the limit is counted while reading, before any item is validated.
        var item = _r.Chance(0.8) ? "{}" : Gen.Object(_r, b.Items[0]);
        var json = "[" + string.Join(',', Enumerable.Repeat(item, _r.Next(513, 700))) + "]";
        var (frame, codec) = Encode(b.Method, json);
        return Case("too many items", frame, codec, TooLarge);
    }

    private FuzzCase HugeFrame(Batch b)
    {
        // Hex doubles the size of an encrypted payload; a plaintext one must be over 64 KiB itself.
        var plaintext = _r.Chance(0.2);
        b.Items[0].Add(("pad", $"\"{new string('p', plaintext ? _r.Next(66_000, 70_000) : _r.Next(33_000, 36_000))}\""));
        var frame = plaintext
            ? Ibs.PlainCodec.EncodeFrame(b.Method, Ibs.Utf8(Json(b)), plaintext: true)
            : Ibs.Codec.EncodeFrame(b.Method, Ibs.Utf8(Json(b)));
        var codec = plaintext ? Ibs.PlainCodec : Ibs.Codec;
        return Case("huge frame", frame, codec, TooLarge);
    }

    private FuzzCase HugeNumber(Batch b)
    {
        b.Items[_r.Next(b.Items.Count)].Add(("n", (_r.Chance(0.3) ? "-" : "") + "9" + Gen.Digits(_r, _r.Next(1000, 3000))));
        var (frame, codec) = Encode(b.Method, Json(b));
        return Case("huge number", frame, codec, CannotDecrypt);
    }

    private FuzzCase HugeIgnoredString(Batch b)
    {
        b.Items[_r.Next(b.Items.Count)].Add(("note", $"\"{new string('n', _r.Next(5_000, 15_000))}\""));
        var (frame, codec) = Encode(b.Method, Json(b));
        return Case("huge ignored string", frame, codec, Ok) with { Method = b.Method, Items = b.Items.Count };
    }
}
