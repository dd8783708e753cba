using Cabinets.Protocol.Requests;

namespace Cabinets.Protocol.Tests;

/// <summary>count_locker_num, apply_service, get_ibs_address (IBS-PROTOCOL.md §6, §7).</summary>
public sealed class PartnerValidationTests
{
    private const string Apply =
        """{"province":"广东","city":"深圳","area":"南山","street":"科技园","palce":"A栋","order_num":"1234567890","name":"张三","receive_phone":"13800138000","locker_size":"M","property_name":"","code":"partner-1"}""";

    [Fact]
    public void an_empty_query_matches_anything() =>
        Ibs.Accepts<CountLockerNumRequest>(IbsMethods.CountLockerNum, "[{}]")
            .Items.ShouldBe([new DoorQuery(new AddressFilter(null, null, null, null, null), null, null)]);

    [Theory]
    [InlineData("L", DoorSize.Large)]
    [InlineData("M", DoorSize.Medium)]
    [InlineData("S", DoorSize.Small)]
    [InlineData("大", DoorSize.Large)]
    [InlineData("中", DoorSize.Medium)]
    [InlineData("小", DoorSize.Small)]
    [InlineData("large", DoorSize.Large)]
    [InlineData("Medium", DoorSize.Medium)]
    [InlineData("SMALL", DoorSize.Small)]
    public void sizes_are_read_in_every_spelling_of_the_spec(string text, DoorSize size) =>
        Ibs.Accepts<CountLockerNumRequest>(IbsMethods.CountLockerNum, $$"""[{"locker_size":"{{text}}"}]""").Items[0].Size.ShouldBe(size);

    [Theory]
    [InlineData("insulated", DoorProperty.Insulated)]
    [InlineData("保温", DoorProperty.Insulated)]
    [InlineData("Vertical", DoorProperty.Vertical)]
    [InlineData("竖", DoorProperty.Vertical)]
    public void properties_are_read_in_every_spelling_of_the_spec(string text, DoorProperty property) =>
        Ibs.Accepts<CountLockerNumRequest>(IbsMethods.CountLockerNum, $$"""[{"property_name":"{{text}}"}]""").Items[0].Property.ShouldBe(property);

    [Theory]
    [InlineData("locker_size", "\"XL\"")]
    [InlineData("locker_size", "\"big\"")]
    [InlineData("locker_size", "1")]
    [InlineData("property_name", "\"heated\"")]
    [InlineData("property_name", "[\"保温\"]")]
    [InlineData("province", "1")]
    [InlineData("city", "\"深圳\\u0000\"")]
    [InlineData("palce", "\"0123456789012345678901234567890123456789012345678901234567890123456789\"")]
    public void a_bad_query_field_is_error_1006(string field, string literal) =>
        Ibs.Rejects(IbsMethods.CountLockerNum, Items.SecondWith("{}", field, literal)).ShouldBeInvalid(1, field);

    [Fact]
    public void an_application_reads_address_order_recipient_door_wish_and_partner_code()
    {
        var item = Ibs.Accepts<ApplyServiceRequest>(IbsMethods.ApplyService, $"[{Apply}]").Items.ShouldHaveSingleItem();
        item.ShouldBe(new ServiceApplication(
            new AddressFilter("广东", "深圳", "南山", "科技园", "A栋"), "1234567890", "张三", "13800138000", DoorSize.Medium, null, "partner-1"));
    }

    [Fact]
    public void an_application_never_prints_the_phone_the_name_or_the_partner_code()
    {
        var text = Ibs.Accepts<ApplyServiceRequest>(IbsMethods.ApplyService, $"[{Apply}]").ToString() + Ibs.Accepts<ApplyServiceRequest>(IbsMethods.ApplyService, $"[{Apply}]").Items[0];
        text.ShouldNotContain("13800138000");
        text.ShouldNotContain("张三");
        text.ShouldNotContain("partner-1");
        text.ShouldContain("1234567890");
    }

    [Theory]
    [InlineData("1234567890123456")]
    [InlineData("0000000001")]
    public void order_numbers_have_10_or_16_digits(string order) =>
        Ibs.Accepts<ApplyServiceRequest>(IbsMethods.ApplyService, Items.With(Apply, "order_num", $"\"{order}\"")).Items[0].OrderNum.ShouldBe(order);

    [Theory]
    [InlineData("order_num", "\"123456789\"")]
    [InlineData("order_num", "\"12345678901\"")]
    [InlineData("order_num", "\"123456789012345\"")]
    [InlineData("order_num", "\"12345678901234567\"")]
    [InlineData("order_num", "\"12345abcde\"")]
    [InlineData("order_num", "\"１２３４５６７８９０\"")]
    [InlineData("order_num", "1234567890")]
    [InlineData("order_num", Items.Missing)]
    [InlineData("receive_phone", "\"23800138000\"")]
    [InlineData("receive_phone", "\"1380013800\"")]
    [InlineData("receive_phone", "\"+8613800138000\"")]
    [InlineData("receive_phone", "\"138-0013-8000\"")]
    [InlineData("receive_phone", "13800138000")]
    [InlineData("receive_phone", Items.Missing)]
    [InlineData("name", Items.Missing)]
    [InlineData("name", "\"\"")]
    [InlineData("name", "\"张\\n三\"")]
    [InlineData("code", Items.Missing)]
    [InlineData("code", "\"\"")]
    [InlineData("locker_size", "\"XXL\"")]
    [InlineData("property_name", "\"cold\"")]
    [InlineData("street", "false")]
    public void a_bad_application_field_is_error_1006(string field, string literal) =>
        Ibs.Rejects(IbsMethods.ApplyService, Items.SecondWith(Apply, field, literal)).ShouldBeInvalid(1, field);

    [Fact]
    public void an_address_query_carries_the_partner_code_and_never_prints_it()
    {
        var request = Ibs.Accepts<GetIbsAddressRequest>(IbsMethods.GetIbsAddress, """[{code:"s3cret"}]""");
        request.Items.ShouldBe([new AddressQuery("s3cret")]);
        (request + request.Items[0].ToString()).ShouldNotContain("s3cret");
    }

    [Theory]
    [InlineData(Items.Missing)]
    [InlineData("\"\"")]
    [InlineData("123")]
    [InlineData("\"\\u0007\"")]
    public void an_address_query_without_a_usable_code_is_error_1006(string literal) =>
        Ibs.Rejects(IbsMethods.GetIbsAddress, Items.With("""{"code":"x"}""", "code", literal)).ShouldBeInvalid(0, "code");

    [Fact]
    public void a_partner_code_longer_than_128_characters_is_error_1006() =>
        Ibs.Rejects(IbsMethods.GetIbsAddress, $$"""[{"code":"{{new string('c', 129)}}"}]""").ShouldBeInvalid(0, "code");
}
