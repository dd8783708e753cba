using System.Text;
using Cabinets.Protocol.Requests;

namespace Cabinets.Protocol.Tests;

/// <summary>Shorthands for building and decoding frames in tests.</summary>
internal static class Ibs
{
    public static readonly IbsCodec Codec = new();
    public static readonly IbsCodec PlainCodec = new(new IbsOptions { AllowPlaintext = true });

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(byte[] frame) => Encoding.UTF8.GetString(frame);

    public static byte[] Frame(string method, string json) => Codec.EncodeFrame(method, Utf8(json));

    public static IbsDecodeResult Decode(string method, string json) => Codec.Decode(Frame(method, json));

    public static IbsDecodeResult Decode(string frame) => Codec.Decode(Utf8(frame));

    public static IbsError Rejected(this IbsDecodeResult result) => result.ShouldBeOfType<IbsRejected>().Error;

    public static IbsError Rejects(string method, string json) => Decode(method, json).Rejected();

    public static T Accepts<T>(string method, string json)
        where T : IbsRequest
    {
        var result = Decode(method, json);
        if (result is IbsRejected rejected)
        {
            throw new ShouldAssertException($"expected {method} to be accepted but got {rejected.Error}");
        }

        return result.ShouldBeOfType<IbsDecoded>().Request.ShouldBeOfType<T>();
    }

    /// <summary>Asserts a 1006 whose msg names the item and field (IBS-PROTOCOL.md §4).</summary>
    public static void ShouldBeInvalid(this IbsError error, int item, string field)
    {
        error.Code.ShouldBe(IbsErrorCode.InvalidParam, error.Message);
        error.Message.ShouldStartWith($"item {item}: {field} ");
    }

    /// <summary>Reassembles a frame from its parts with the right CRC, for mutating one part only.</summary>
    public static byte[] Compose(string method, string len, string payload)
    {
        var head = $"IBS&method={method}&len={len}&param={payload}";
        return Utf8($"{head}&CRC32={Crc(head):X8}");
    }

    public static byte[] Compose(string method, string payload) =>
        Compose(method, payload.EnumerateRunes().Count().ToString(System.Globalization.CultureInfo.InvariantCulture), payload);

    public static uint Crc(string text) => Framing.Crc32.Compute(Utf8(text));
}
