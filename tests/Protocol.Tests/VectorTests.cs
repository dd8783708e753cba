using System.Text;
using Cabinets.Protocol.Crypto;
using Cabinets.Protocol.Requests;
using Cabinets.Protocol.Responses;

namespace Cabinets.Protocol.Tests;

/// <summary>IBS-PROTOCOL.md §8, byte for byte in both directions. These vectors are the public contract.</summary>
public sealed class VectorTests
{
    private const string StatusFrame =
        "IBS&method=insert_single_status&len=112&param=6A01CC6B0AE8175EE14FE456B6C2453043153B65285D5223B94605CBD427EB86E781BB248FE8C622EBFDEB59B1A148C049CB7A759C789015&CRC32=984DFFE6";

    private const string InfoFrame =
        "IBS&method=insert_single_info&len=128&param=6A01CC6B0AE8175EE14FE456B6C2453043153B65285D5223B94605CBD427EB86E781BB248FE8C622EE88DC20D44286B0729EC62035B318DAB5D5EA66BBB20043&CRC32=29AB1455";

    private const string TakeFrame =
        "IBS&method=take_by_verify_num&len=112&param=BD43DB6CE091FB451C493C5AC7235FC27403688E513A56BB2BDF9457D349A1E371599047FFC8FD99976A4E09A16F30860EA6E2C570CDB8E9&CRC32=721BE6C4";

    public static TheoryData<string, string, string> Requests => new()
    {
        {
            IbsMethods.InsertSingleStatus,
            """[{"series_number":"IBS20260001","single_code":"24,1"}]""",
            StatusFrame
        },
        {
            IbsMethods.InsertSingleInfo,
            """[{"series_number":"IBS20260001","single_code":"7,24,72"}]""",
            InfoFrame
        },
        {
            IbsMethods.TakeByVerifyNum,
            """[{"verify_num":"402913","series_num":"IBS20260001"}]""",
            TakeFrame
        },
    };

    public static TheoryData<string, string, string> PlainRequests => new()
    {
        {
            IbsMethods.InsertSingleStatus,
            """[{"series_number":"IBS20260001","single_code":"24,1"}]""",
            """IBS&method=insert_single_status&len=54&param=[{"series_number":"IBS20260001","single_code":"24,1"}]&CRC32=7D110923"""
        },
        {
            IbsMethods.InsertSingleInfo,
            """[{"series_number":"IBS20260001","single_code":"7,24,72"}]""",
            """IBS&method=insert_single_info&len=57&param=[{"series_number":"IBS20260001","single_code":"7,24,72"}]&CRC32=892498E2"""
        },
    };

    private const string ResponseFrame =
        "IBS&method=insert_single_status&len=80&param=AEE22A69EA4D3CE1B7ACE69EFD32D9EA3C14197533ED9BE11FC0CDDA18E806BD1CF0D03250953BD7&CRC32=BE64F02D";

    [Fact]
    public void the_default_key_is_ibs_key_padded_with_zero_bytes() =>
        Convert.ToHexString(PayloadCipher.KeyBytes(new IbsOptions().Key)).ShouldBe("6962735F6B657900");

    [Theory]
    [MemberData(nameof(Requests))]
    public void encoding_the_vector_json_gives_exactly_the_vector_frame(string method, string json, string frame) =>
        Ibs.Text(Ibs.Frame(method, json)).ShouldBe(frame);

    [Theory]
    [MemberData(nameof(Requests))]
    public void the_vector_frame_opens_to_exactly_the_vector_json(string method, string json, string frame)
    {
        Ibs.Codec.TryOpenFrame(Ibs.Utf8(frame), out var openedMethod, out var opened).ShouldBeNull();
        openedMethod.ShouldBe(method);
        opened.ShouldBe(json);
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void the_vector_frame_decodes_to_a_valid_request(string method, string json, string frame)
    {
        _ = json;
        var decoded = Ibs.Decode(frame).ShouldBeOfType<IbsDecoded>();
        decoded.Method.ShouldBe(method);
        decoded.Request.Method.ShouldBe(method);
    }

    [Theory]
    [MemberData(nameof(PlainRequests))]
    public void encoding_the_vector_json_as_plaintext_gives_exactly_the_plain_frame(string method, string json, string frame) =>
        Ibs.Text(Ibs.PlainCodec.EncodeFrame(method, Ibs.Utf8(json), plaintext: true)).ShouldBe(frame);

    [Theory]
    [MemberData(nameof(PlainRequests))]
    public void the_plain_vector_frame_opens_to_the_json_when_plaintext_is_allowed(string method, string json, string frame)
    {
        Ibs.PlainCodec.TryOpenFrame(Ibs.Utf8(frame), out var openedMethod, out var opened).ShouldBeNull();
        (openedMethod, opened).ShouldBe((method, json));
        Ibs.PlainCodec.Decode(Ibs.Utf8(frame)).ShouldBeOfType<IbsDecoded>();
    }

    [Fact]
    public void the_vectors_decode_to_the_typed_values_they_mean()
    {
        Ibs.Decode(StatusFrame).ShouldBeOfType<IbsDecoded>().Request.ShouldBeOfType<InsertSingleStatusRequest>()
            .Items.ShouldBe([new DoorStatusReport("IBS20260001", 24, Occupied: true)]);
        Ibs.Decode(InfoFrame).ShouldBeOfType<IbsDecoded>().Request.ShouldBeOfType<InsertSingleInfoRequest>()
            .Items.ShouldBe([new DoorRegistration("IBS20260001", 7, 24, new DoorAttributes(DoorSize.Large, Insulated: true, Vertical: false))]);
        Ibs.Decode(TakeFrame).ShouldBeOfType<IbsDecoded>().Request.ShouldBeOfType<TakeByVerifyNumRequest>()
            .Items.ShouldBe([new PickupAttempt("402913", "IBS20260001")]);
    }

    [Fact]
    public void the_ok_response_encodes_to_exactly_the_vector_response_frame() =>
        Ibs.Text(Ibs.Codec.EncodeResponse(IbsMethods.InsertSingleStatus, IbsResponse.Ok())).ShouldBe(ResponseFrame);

    [Fact]
    public void the_vector_response_frame_opens_to_the_vector_envelope()
    {
        Ibs.Codec.TryOpenFrame(Encoding.UTF8.GetBytes(ResponseFrame), out var method, out var json).ShouldBeNull();
        method.ShouldBe(IbsMethods.InsertSingleStatus);
        json.ShouldBe("""{"result":true,"code":0,"msg":"ok"}""");
    }
}
