using System.Security.Cryptography;
using Cabinets.Protocol.Crypto;

namespace Cabinets.Protocol.Tests;

/// <summary>IBS-PROTOCOL.md §3: 1004 for everything that cannot be turned into JSON; 1005 unknown method.</summary>
public sealed class PayloadErrorTests
{
    private const string Method = IbsMethods.SynchronizeOrderInfo;
    private const string Json = """[{"series_number":"IBS20260001"}]""";

    [Fact]
    public void an_unknown_method_is_error_1005_and_is_echoed()
    {
        var rejected = Ibs.Codec.Decode(Ibs.Codec.EncodeFrame("open_all_doors", Ibs.Utf8(Json))).ShouldBeOfType<IbsRejected>();
        rejected.Error.Code.ShouldBe(IbsErrorCode.UnknownMethod);
        rejected.Method.ShouldBe("open_all_doors");
        rejected.Error.Message.ShouldContain("open_all_doors");
    }

    [Fact]
    public void method_names_are_case_sensitive() =>
        Ibs.Codec.Decode(Ibs.Codec.EncodeFrame("SYNCHRONIZE_ORDER_INFO", Ibs.Utf8(Json))).Rejected().Code.ShouldBe(IbsErrorCode.UnknownMethod);

    [Fact]
    public void an_unknown_method_is_1005_even_if_its_payload_is_garbage() =>
        Ibs.Codec.Decode(Ibs.Compose("nope", "ZZ")).Rejected().Code.ShouldBe(IbsErrorCode.UnknownMethod);

    [Theory]
    [InlineData("")]
    [InlineData("6A01CC6B0AE8175")]
    [InlineData("6A01CC6B0AE8175EE1")]
    [InlineData("6A01CC6B0AE8175G")]
    [InlineData("6A01CC6B 0AE8175")]
    [InlineData("6A01CC6B0AE8175EE14FE456B6C2453-")]
    public void a_payload_that_is_not_whole_blocks_of_hex_is_error_1004(string payload) =>
        Ibs.Codec.Decode(Ibs.Compose(Method, payload)).Rejected().Code.ShouldBe(IbsErrorCode.CannotDecrypt);

    [Fact]
    public void lowercase_payload_hex_is_accepted()
    {
        var frame = Ibs.Text(Ibs.Frame(Method, Json));
        var payload = frame.Split("&param=")[1].Split("&CRC32=")[0];
        Ibs.Codec.Decode(Ibs.Compose(Method, payload.ToLowerInvariant())).ShouldBeOfType<IbsDecoded>();
    }

    [Fact]
    public void a_frame_encrypted_with_another_key_is_error_1004()
    {
        var other = new IbsCodec(new IbsOptions { Key = "other" });
        Ibs.Codec.Decode(other.EncodeFrame(Method, Ibs.Utf8(Json))).Rejected().Code.ShouldBe(IbsErrorCode.CannotDecrypt);
        other.Decode(Ibs.Frame(Method, Json)).Rejected().Code.ShouldBe(IbsErrorCode.CannotDecrypt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(255)]
    public void bad_pkcs7_padding_is_error_1004(byte pad)
    {
        var block = Ibs.Utf8("[{a:1}]\0");
        block[^1] = pad;
        Ibs.Codec.Decode(Ibs.Compose(Method, SealRaw(block))).Rejected().Code.ShouldBe(IbsErrorCode.CannotDecrypt);
    }

    [Fact]
    public void inconsistent_padding_bytes_are_error_1004()
    {
        byte[] block = [.. Ibs.Utf8("[{}]"), 4, 4, 3, 4];
        Ibs.Codec.Decode(Ibs.Compose(Method, SealRaw(block))).Rejected().Code.ShouldBe(IbsErrorCode.CannotDecrypt);
    }

    [Fact]
    public void a_payload_that_is_not_utf8_is_error_1004()
    {
        byte[] json = [.. Ibs.Utf8("""[{"series_number":"A"""), 0xFF, 0xFE, .. Ibs.Utf8("\"}]")];
        var error = Ibs.Codec.Decode(Ibs.Codec.EncodeFrame(Method, json)).Rejected();
        error.Code.ShouldBe(IbsErrorCode.CannotDecrypt);
        error.Message.ShouldContain("UTF-8");
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("")]
    [InlineData("[{\"series_number\":\"IBS1\"}")]
    [InlineData("[{\"series_number\":\"IBS1\"")]
    [InlineData("[{\"series_number\":")]
    [InlineData("[")]
    [InlineData("{")]
    [InlineData("[{\"series_number\":\"IBS1\"}]]")]
    [InlineData("[{\"series_number\":\"IBS1\"}] x")]
    [InlineData("{a:1}{b:2}")]
    [InlineData("[,{series_number:\"IBS1\"}]")]
    [InlineData("[{series_number:undefined}]")]
    [InlineData("[{series_number:new Date(1)}]")]
    public void a_payload_that_is_not_json_is_error_1004(string text) =>
        Ibs.Codec.Decode(Ibs.Codec.EncodeFrame(Method, Ibs.Utf8(text))).Rejected().Code.ShouldBe(IbsErrorCode.CannotDecrypt);

    [Fact]
    public void a_huge_integer_is_error_1004_not_a_long_computation()
    {
        var json = $$"""[{"series_number":"IBS1","x":{{new string('9', 2000)}}}]""";
        Ibs.Rejects(Method, json).Code.ShouldBe(IbsErrorCode.CannotDecrypt);
    }

    [Fact]
    public void plaintext_is_refused_with_1004_by_default()
    {
        var frame = Ibs.PlainCodec.EncodeFrame(Method, Ibs.Utf8(Json), plaintext: true);
        var error = Ibs.Codec.Decode(frame).Rejected();
        error.Code.ShouldBe(IbsErrorCode.CannotDecrypt);
        error.Message.ShouldContain("plaintext");
        Ibs.PlainCodec.Decode(frame).ShouldBeOfType<IbsDecoded>();
    }

    [Fact]
    public void a_plaintext_deployment_still_reads_encrypted_frames() =>
        Ibs.PlainCodec.Decode(Ibs.Frame(Method, Json)).ShouldBeOfType<IbsDecoded>();

    [Fact]
    public void a_key_longer_than_eight_bytes_is_a_configuration_error() =>
        Should.Throw<ArgumentException>(() => new IbsCodec(new IbsOptions { Key = "ibs_key_too_long" }));

    [Fact]
    public void an_empty_key_is_a_des_weak_key_and_refused() =>
        Should.Throw<CryptographicException>(() => new IbsCodec(new IbsOptions { Key = "" }));

    [Fact]
    public void a_retried_frame_has_the_same_fingerprint_and_another_frame_does_not()
    {
        var first = Ibs.Codec.Decode(Ibs.Frame(Method, Json)).ShouldBeOfType<IbsDecoded>();
        var retry = Ibs.Codec.Decode(Ibs.Utf8(Ibs.Text(Ibs.Frame(Method, Json)) + "\r\n")).ShouldBeOfType<IbsDecoded>();
        var other = Ibs.Decode(Method, """[{"series_number":"IBS20260002"}]""").ShouldBeOfType<IbsDecoded>();
        retry.Fingerprint.ShouldBe(first.Fingerprint);
        other.Fingerprint.ShouldNotBe(first.Fingerprint);
        first.Fingerprint.Length.ShouldBe(64);
    }

    [Fact]
    public void des_ignores_the_low_bit_of_each_key_byte_so_keys_that_differ_only_there_are_one_key()
    {
        // 'x' (0x78) and 'y' (0x79) differ only in the parity bit: ADR 0006 warns operators about this.
        var lookalike = new IbsCodec(new IbsOptions { Key = "ibs_kex" });
        lookalike.Decode(Ibs.Frame(Method, Json)).ShouldBeOfType<IbsDecoded>();
    }

    /// <summary>Encrypts exact blocks without adding padding, to forge bad padding.</summary>
    internal static string SealRaw(byte[] blocks)
    {
#pragma warning disable CA5351 // the firmware speaks DES (IBS-PROTOCOL.md §3)
        using var des = DES.Create();
#pragma warning restore CA5351
        des.Key = PayloadCipher.KeyBytes("ibs_key");
        return Convert.ToHexString(des.EncryptEcb(blocks, PaddingMode.None));
    }
}
