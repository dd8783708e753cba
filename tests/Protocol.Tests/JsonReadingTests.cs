using System.Text;
using Cabinets.Protocol.Requests;

namespace Cabinets.Protocol.Tests;

/// <summary>IBS-PROTOCOL.md §4: lenient JSON in, batches, limits.</summary>
public sealed class JsonReadingTests
{
    private const string Sync = IbsMethods.SynchronizeOrderInfo;

    [Fact]
    public void unquoted_property_names_as_the_seed_writes_them_are_accepted()
    {
        var request = Ibs.Accepts<InsertLockerInfoRequest>(
            IbsMethods.InsertLockerInfo,
            """[{type:"快递柜",locker_info:[{category:"M",create_date:"2026-01-02",series_number:"IBS20260001"},{category:"S",create_date:"2026-01-02",series_number:""}]}]""");
        request.Items[0].Type.ShouldBe("快递柜");
        request.Items[0].SeriesNumber.ShouldBe("IBS20260001");
    }

    [Fact]
    public void single_quotes_comments_and_whitespace_are_tolerated() =>
        Ibs.Accepts<SynchronizeOrderInfoRequest>(Sync, "/* boot */ [ { 'series_number' : 'IBS1' } // retry\n ]")
            .Items.ShouldBe([new OrderSyncQuery("IBS1")]);

    [Fact]
    public void an_object_that_is_not_an_array_is_a_one_element_batch() =>
        Ibs.Accepts<SynchronizeOrderInfoRequest>(Sync, """{"series_number":"IBS1"}""").Items.Count.ShouldBe(1);

    [Fact]
    public void every_item_of_a_batch_is_read_in_order() =>
        Ibs.Accepts<SynchronizeOrderInfoRequest>(Sync, """[{"series_number":"A"},{"series_number":"B"},{"series_number":"C"}]""")
            .Items.Select(i => i.SeriesNumber).ShouldBe(["A", "B", "C"]);

    [Fact]
    public void unknown_fields_are_ignored() =>
        Ibs.Accepts<SynchronizeOrderInfoRequest>(Sync, """[{"series_number":"A","firmware":"2.1","x":[1,{"y":null}]}]""");

    [Fact]
    public void dates_stay_text_and_are_parsed_by_the_field_rules() =>
        Ibs.Accepts<InsertLockerInfoRequest>(
            IbsMethods.InsertLockerInfo,
            """[{type:"t",locker_info:[{category:"M",create_date:"2026-01-02T10:00:00",series_number:"A"}]}]""")
            .Items[0].Cabinets[0].CreateDate.ShouldBe(new DateOnly(2026, 1, 2));

    [Fact]
    public void the_seeds_broken_key_value_array_literal_is_not_json() =>
        Ibs.Rejects(IbsMethods.SingleRepair, """[series_number:"IBS1", name:"24", single_status:"4"]""").Code.ShouldBe(IbsErrorCode.CannotDecrypt);

    [Fact]
    public void the_same_item_read_the_seed_way_is_accepted() =>
        Ibs.Accepts<SingleRepairRequest>(IbsMethods.SingleRepair, """[{series_number:"IBS1", name:"24", single_status:"4"}]""");

    [Theory]
    [InlineData("[]", "no items")]
    [InlineData("\"IBS1\"", "object or an array")]
    [InlineData("42", "object or an array")]
    [InlineData("null", "object or an array")]
    [InlineData("[\"IBS1\"]", "item 0: must be an object")]
    [InlineData("[{\"series_number\":\"A\"},[]]", "item 1: must be an object")]
    public void a_payload_that_is_not_a_batch_of_objects_is_error_1006(string json, string message)
    {
        var error = Ibs.Rejects(Sync, json);
        error.Code.ShouldBe(IbsErrorCode.InvalidParam);
        error.Message.ShouldContain(message);
    }

    [Fact]
    public void a_duplicate_field_is_error_1006() =>
        Ibs.Rejects(Sync, """[{"series_number":"A","series_number":"B"}]""").Code.ShouldBe(IbsErrorCode.InvalidParam);

    [Fact]
    public void five_hundred_and_twelve_items_are_accepted_and_one_more_is_error_1007()
    {
        Ibs.PlainCodec.Decode(PlainFrame(Batch(512))).ShouldBeOfType<IbsDecoded>();
        var error = Ibs.PlainCodec.Decode(PlainFrame(Batch(513))).Rejected();
        error.Code.ShouldBe(IbsErrorCode.TooLarge);
        error.Message.ShouldContain("512");
    }

    [Fact]
    public void too_many_items_is_1007_even_when_the_items_are_invalid() =>
        Ibs.PlainCodec.Decode(PlainFrame("[" + string.Join(',', Enumerable.Repeat("1", 600)) + "]")).Rejected().Code.ShouldBe(IbsErrorCode.TooLarge);

    [Theory]
    [InlineData("""[{"series_number":"A","x":[[1]]}]""", true)]
    [InlineData("""[{"series_number":"A","x":[[[1]]]}]""", false)]
    [InlineData("""{"series_number":"A","x":[{"y":{}}]}""", false)]
    [InlineData("""[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]""", false)]
    public void nesting_deeper_than_four_levels_is_error_1007(string json, bool accepted)
    {
        var result = Ibs.Decode(Sync, json);
        if (accepted)
        {
            result.ShouldBeOfType<IbsDecoded>();
        }
        else
        {
            result.Rejected().Code.ShouldBe(IbsErrorCode.TooLarge);
        }
    }

    [Fact]
    public void a_huge_float_or_a_huge_string_in_an_ignored_field_costs_nothing_and_changes_nothing() =>
        Ibs.Accepts<SynchronizeOrderInfoRequest>(Sync, $$"""[{"series_number":"A","f":1e999999,"s":"{{new string('x', 20_000)}}"}]""");

    [Fact]
    public void a_huge_string_in_a_field_is_error_1006() =>
        Ibs.Rejects(Sync, $$"""[{"series_number":"{{new string('x', 20_000)}}"}]""").ShouldBeInvalid(0, "series_number");

    [Fact]
    public void non_ascii_and_escaped_text_is_read_as_unicode() =>
        Ibs.Accepts<ApplyServiceRequest>(
            IbsMethods.ApplyService,
            """[{"city":"\u6DF1\u5733","palce":"科技园😀","order_num":"1234567890","name":"张三","receive_phone":"13800138000","code":"p1"}]""")
            .Items[0].Address.ShouldBe(new AddressFilter(null, "深圳", null, null, "科技园😀"));

    private static string Batch(int count) =>
        "[" + string.Join(',', Enumerable.Range(0, count).Select(i => $$"""{"series_number":"S{{i}}"}""")) + "]";

    private static byte[] PlainFrame(string json) => Ibs.PlainCodec.EncodeFrame(Sync, Encoding.UTF8.GetBytes(json), plaintext: true);
}
