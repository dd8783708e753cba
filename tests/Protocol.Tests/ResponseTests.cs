using Cabinets.Protocol.Responses;

namespace Cabinets.Protocol.Tests;

/// <summary>IBS-PROTOCOL.md §5: the envelope, encrypted and framed with the request's method.</summary>
public sealed class ResponseTests
{
    [Fact]
    public void every_code_of_section_5_has_a_constant()
    {
        int[] section5 = [0, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009, 5000];
        Enum.GetValues<IbsErrorCode>().Select(c => (int)c).ShouldBe(section5);
        Enum.GetValues<IbsErrorCode>().ShouldAllBe(c => IbsErrorCodes.DefaultMessage(c) != "error");
    }

    [Theory]
    [InlineData(true, """{"result":true,"code":0,"msg":"ok"}""")]
    [InlineData(false, """{"result":false,"code":0,"msg":"ok"}""")]
    public void a_true_or_false_result_is_a_json_boolean(bool result, string json) => Envelope(IbsResponse.Ok(result)).ShouldBe(json);

    [Fact]
    public void a_count_result_is_a_json_number() =>
        Envelope(IbsResponse.Ok(17L)).ShouldBe("""{"result":17,"code":0,"msg":"ok"}""");

    [Fact]
    public void list_results_use_the_seed_field_names_palce_included()
    {
        Envelope(IbsResponse.Ok([new RecordNumResult("2026000001")]))
            .ShouldBe("""{"result":[{"record_num":"2026000001"}],"code":0,"msg":"ok"}""");
        Envelope(IbsResponse.Ok([new AddressResult("广东", "深圳", "南山", "科技园", "A栋")]))
            .ShouldBe("""{"result":[{"province":"广东","city":"深圳","area":"南山","street":"科技园","palce":"A栋"}],"code":0,"msg":"ok"}""");
        Envelope(IbsResponse.Ok([new PendingOrderResult("13800138000", "1234567890", "2026000001"), new PendingOrderResult("13900139000", "1234567890123456", "2026000002")]))
            .ShouldBe("""{"result":[{"receive_phone":"13800138000","order_num":"1234567890","record_num":"2026000001"},{"receive_phone":"13900139000","order_num":"1234567890123456","record_num":"2026000002"}],"code":0,"msg":"ok"}""");
        Envelope(IbsResponse.Ok(Array.Empty<IbsResultItem>())).ShouldBe("""{"result":[],"code":0,"msg":"ok"}""");
    }

    [Fact]
    public void a_failure_has_result_false_and_the_code_and_msg()
    {
        Envelope(IbsResponse.Failure(new IbsError(IbsErrorCode.InvalidParam, "item 0: single_code must be \"<door no 1-999>,<0|1>\"")))
            .ShouldBe("""{"result":false,"code":1006,"msg":"item 0: single_code must be \"<door no 1-999>,<0|1>\""}""");
        Envelope(IbsResponse.Failure(IbsErrorCode.ServerError)).ShouldBe("""{"result":false,"code":5000,"msg":"server error"}""");
    }

    [Fact]
    public void non_ascii_text_is_written_as_utf8_not_escaped() =>
        Envelope(IbsResponse.Failure(new IbsError(IbsErrorCode.UnknownDoor, "门 24 不存在 <&>'+"))).ShouldBe("""{"result":false,"code":2002,"msg":"门 24 不存在 <&>'+"}""");

    [Fact]
    public void a_failure_with_code_0_is_a_programming_error() =>
        Should.Throw<ArgumentException>(() => IbsResponse.Failure(IbsErrorCode.Ok));

    [Fact]
    public void a_rejected_frame_is_answered_with_its_method_and_error()
    {
        var rejected = Ibs.Decode(IbsMethods.InsertSingleStatus, """[{"series_number":"A","single_code":"24,7"}]""").ShouldBeOfType<IbsRejected>();
        var frame = Ibs.Codec.EncodeResponse(rejected.Method, IbsResponse.Failure(rejected.Error));
        Ibs.Text(frame).ShouldStartWith("IBS&method=insert_single_status&len=");
        Ibs.Codec.TryOpenFrame(frame, out _, out var json).ShouldBeNull();
        json.ShouldStartWith("""{"result":false,"code":1006,"msg":"item 0: single_code""");
    }

    [Fact]
    public void a_frame_without_a_method_is_answered_as_method_error()
    {
        var rejected = Ibs.Decode("garbage").ShouldBeOfType<IbsRejected>();
        Ibs.Text(Ibs.Codec.EncodeResponse(rejected.Method, IbsResponse.Failure(rejected.Error))).ShouldStartWith("IBS&method=error&len=");
    }

    [Theory]
    [InlineData("")]
    [InlineData("a&b")]
    [InlineData("方法")]
    public void encoding_with_an_impossible_method_name_is_a_programming_error(string method) =>
        Should.Throw<ArgumentException>(() => Ibs.Codec.EncodeResponse(method, IbsResponse.Ok()));

    private static string Envelope(IbsResponse response)
    {
        Ibs.Codec.TryOpenFrame(Ibs.Codec.EncodeResponse(IbsMethods.CountLockerNum, response), out var method, out var json).ShouldBeNull();
        method.ShouldBe(IbsMethods.CountLockerNum);
        return json;
    }
}
