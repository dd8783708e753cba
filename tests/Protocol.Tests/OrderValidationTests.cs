using Cabinets.Protocol.Requests;

namespace Cabinets.Protocol.Tests;

/// <summary>verify_order_num, recieve_verify_num, synchronize_order_info, take_by_verify_num (§6, §7).</summary>
public sealed class OrderValidationTests
{
    private const string Verify = """{"order_num":"1234567890","record_num":"4321","series_num":"IBS20260001"}""";
    private const string Deposit = """{"verify_num":"402913","series_num":"IBS20260001","order_num":"1234567890123456","single_code":"24"}""";
    private const string Take = """{"verify_num":"402913","series_num":"IBS20260001"}""";

    [Fact]
    public void an_order_check_reads_order_record_digits_and_serial() =>
        Ibs.Accepts<VerifyOrderNumRequest>(IbsMethods.VerifyOrderNum, $"[{Verify}]")
            .Items.ShouldBe([new OrderVerification("1234567890", "4321", "IBS20260001")]);

    [Theory]
    [InlineData(Items.Missing)]
    [InlineData("\"\"")]
    [InlineData("null")]
    public void the_record_digits_are_optional_until_the_server_asks_for_them(string literal) =>
        Ibs.Accepts<VerifyOrderNumRequest>(IbsMethods.VerifyOrderNum, Items.With(Verify, "record_num", literal)).Items[0].RecordNumLast4.ShouldBeNull();

    [Theory]
    [InlineData("record_num", "\"123\"")]
    [InlineData("record_num", "\"12345\"")]
    [InlineData("record_num", "\"1234567890\"")]
    [InlineData("record_num", "\"abcd\"")]
    [InlineData("record_num", "4321")]
    [InlineData("order_num", Items.Missing)]
    [InlineData("order_num", "\"12345\"")]
    [InlineData("series_num", Items.Missing)]
    [InlineData("series_num", "\"IBS 1\"")]
    public void a_bad_order_check_field_is_error_1006(string field, string literal) =>
        Ibs.Rejects(IbsMethods.VerifyOrderNum, Items.SecondWith(Verify, field, literal)).ShouldBeInvalid(1, field);

    [Theory]
    [InlineData("\"24\"", 24)]
    [InlineData("24", 24)]
    [InlineData("\"\"", null)]
    [InlineData(Items.Missing, null)]
    public void a_deposit_reads_its_optional_door_as_text_or_number(string literal, int? door) =>
        Ibs.Accepts<RecieveVerifyNumRequest>(IbsMethods.RecieveVerifyNum, Items.With(Deposit, "single_code", literal))
            .Items.ShouldBe([new DepositReport("402913", "IBS20260001", "1234567890123456", door)]);

    [Theory]
    [InlineData("verify_num", "\"40291\"")]
    [InlineData("verify_num", "\"4029133\"")]
    [InlineData("verify_num", "\"40291a\"")]
    [InlineData("verify_num", "402913")]
    [InlineData("verify_num", Items.Missing)]
    [InlineData("series_num", Items.Missing)]
    [InlineData("order_num", "\"123456789012345\"")]
    [InlineData("single_code", "\"0\"")]
    [InlineData("single_code", "\"7,24\"")]
    [InlineData("single_code", "1000")]
    [InlineData("single_code", "-1")]
    [InlineData("single_code", "2.5")]
    public void a_bad_deposit_field_is_error_1006(string field, string literal) =>
        Ibs.Rejects(IbsMethods.RecieveVerifyNum, Items.SecondWith(Deposit, field, literal)).ShouldBeInvalid(1, field);

    [Fact]
    public void pickup_codes_are_never_printed()
    {
        var deposit = Ibs.Accepts<RecieveVerifyNumRequest>(IbsMethods.RecieveVerifyNum, $"[{Deposit}]");
        var take = Ibs.Accepts<TakeByVerifyNumRequest>(IbsMethods.TakeByVerifyNum, $"[{Take}]");
        $"{deposit}{deposit.Items[0]}{take}{take.Items[0]}".ShouldNotContain("402913");
    }

    [Fact]
    public void an_order_sync_names_the_bank() =>
        Ibs.Accepts<SynchronizeOrderInfoRequest>(IbsMethods.SynchronizeOrderInfo, """[{series_number:"IBS20260001"}]""")
            .Items.ShouldBe([new OrderSyncQuery("IBS20260001")]);

    [Theory]
    [InlineData(Items.Missing)]
    [InlineData("\"\"")]
    [InlineData("\"IBS?\"")]
    public void an_order_sync_without_a_serial_is_error_1006(string literal) =>
        Ibs.Rejects(IbsMethods.SynchronizeOrderInfo, Items.With("""{"series_number":"A"}""", "series_number", literal)).ShouldBeInvalid(0, "series_number");

    [Theory]
    [InlineData(Items.Missing)]
    [InlineData("\"\"")]
    public void a_pickup_may_leave_out_the_serial_as_the_seed_does(string literal) =>
        Ibs.Accepts<TakeByVerifyNumRequest>(IbsMethods.TakeByVerifyNum, Items.With(Take, "series_num", literal))
            .Items.ShouldBe([new PickupAttempt("402913", null)]);

    [Theory]
    [InlineData("verify_num", Items.Missing)]
    [InlineData("verify_num", "\"\"")]
    [InlineData("verify_num", "\"40 913\"")]
    [InlineData("series_num", "\"a b\"")]
    [InlineData("series_num", "7")]
    public void a_bad_pickup_field_is_error_1006(string field, string literal) =>
        Ibs.Rejects(IbsMethods.TakeByVerifyNum, Items.SecondWith(Take, field, literal)).ShouldBeInvalid(1, field);
}
