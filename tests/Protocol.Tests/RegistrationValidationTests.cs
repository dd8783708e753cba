using Cabinets.Protocol.Requests;

namespace Cabinets.Protocol.Tests;

/// <summary>insert_locker_info, insert_single_info, insert_single_status (IBS-PROTOCOL.md §6, §7).</summary>
public sealed class RegistrationValidationTests
{
    private const string Door = """{"series_number":"IBS20260001","single_code":"7,24,72"}""";
    private const string Status = """{"series_number":"IBS20260001","single_code":"24,1"}""";
    private const string Main = """{"category":"M","create_date":"2026-01-02","series_number":"IBS20260001"}""";
    private const string Sub = """{"category":"S","create_date":"2026/01/02","series_number":""}""";

    [Fact]
    public void a_bank_is_its_main_cabinet_and_up_to_eight_sub_cabinets_indexed_in_order()
    {
        var cabinets = string.Join(',', [Sub, Sub, Main, .. Enumerable.Repeat(Sub, 6)]);
        var bank = Ibs.Accepts<InsertLockerInfoRequest>(IbsMethods.InsertLockerInfo, $$"""[{"type":"餐饮柜","locker_info":[{{cabinets}}]}]""").Items.ShouldHaveSingleItem();
        bank.Type.ShouldBe("餐饮柜");
        bank.SeriesNumber.ShouldBe("IBS20260001");
        bank.Cabinets.Where(c => c.Category == CabinetCategory.Sub).Select(c => c.SubIndex).ShouldBe([0, 1, 2, 3, 4, 5, 6, 7]);
        bank.Cabinets[2].ShouldBe(new CabinetInfo(CabinetCategory.Main, null, new DateOnly(2026, 1, 2), "IBS20260001"));
    }

    [Theory]
    [InlineData("type", Items.Missing)]
    [InlineData("type", "\"\"")]
    [InlineData("type", "\"   \"")]
    [InlineData("type", "7")]
    [InlineData("locker_info", Items.Missing)]
    [InlineData("locker_info", "{}")]
    [InlineData("locker_info", "[]")]
    [InlineData("locker_info", "\"M\"")]
    public void a_bank_without_a_type_or_cabinet_list_is_error_1006(string field, string literal) =>
        Ibs.Rejects(IbsMethods.InsertLockerInfo, Items.With(Bank(Main)[1..^1], field, literal)).ShouldBeInvalid(0, field);

    [Theory]
    [InlineData("category", "\"X\"")]
    [InlineData("category", Items.Missing)]
    [InlineData("create_date", "\"yesterday\"")]
    [InlineData("create_date", "\"2026-13-01\"")]
    [InlineData("create_date", Items.Missing)]
    [InlineData("series_number", "\"\"")]
    [InlineData("series_number", "\"IBS 1\"")]
    [InlineData("series_number", "\"IBS20260001IBS20260001IBS20260001\"")]
    public void a_bad_main_cabinet_entry_is_error_1006_naming_the_entry(string field, string literal) =>
        Ibs.Rejects(IbsMethods.InsertLockerInfo, Bank(Sub, Items.With(Main, field, literal)[1..^1]))
            .ShouldBeInvalid(0, $"locker_info[1].{field}");

    [Fact]
    public void a_sub_cabinet_with_a_serial_is_error_1006() =>
        Ibs.Rejects(IbsMethods.InsertLockerInfo, Bank(Main, Items.With(Sub, "series_number", "\"IBS2\"")[1..^1]))
            .ShouldBeInvalid(0, "locker_info[1].series_number");

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 1)]
    [InlineData(1, 9)]
    public void a_bank_needs_exactly_one_main_cabinet_and_at_most_eight_subs(int mains, int subs) =>
        Ibs.Rejects(IbsMethods.InsertLockerInfo, Bank([.. Enumerable.Repeat(Main, mains), .. Enumerable.Repeat(Sub, subs)]))
            .ShouldBeInvalid(0, "locker_info");

    [Fact]
    public void a_cabinet_entry_that_is_not_an_object_is_error_1006() =>
        Ibs.Rejects(IbsMethods.InsertLockerInfo, Bank(Main, "\"S\"")).ShouldBeInvalid(0, "locker_info[1]");

    [Fact]
    public void a_door_registration_reads_cabinet_door_and_attributes() =>
        Ibs.Accepts<InsertSingleInfoRequest>(IbsMethods.InsertSingleInfo, Items.With(Door, "single_code", "\"0,999,152\""))
            .Items.ShouldBe([new DoorRegistration("IBS20260001", 0, 999, new DoorAttributes(DoorSize.Small, true, true))]);

    [Theory]
    [InlineData("\"8,24,72\"")]
    [InlineData("\"7,0,72\"")]
    [InlineData("\"7,1000,72\"")]
    [InlineData("\"7,24,0\"")]
    [InlineData("\"7,24,96\"")]
    [InlineData("\"7,24,73\"")]
    [InlineData("\"7,24,256\"")]
    [InlineData("\"7,24\"")]
    [InlineData("\"7,24,72,\"")]
    [InlineData("\"7,24,72,1\"")]
    [InlineData("\" 7,24,72\"")]
    [InlineData("\"7,24,-72\"")]
    [InlineData("\"a,b,c\"")]
    [InlineData("\"\"")]
    [InlineData("72")]
    [InlineData(Items.Missing)]
    public void a_bad_door_registration_code_is_error_1006(string literal) =>
        Ibs.Rejects(IbsMethods.InsertSingleInfo, Items.SecondWith(Door, "single_code", literal)).ShouldBeInvalid(1, "single_code");

    [Theory]
    [InlineData(Items.Missing)]
    [InlineData("\"\"")]
    [InlineData("\"IBS/1\"")]
    [InlineData("\"序列号\"")]
    [InlineData("20260001")]
    [InlineData("null")]
    public void a_bad_serial_is_error_1006(string literal) =>
        Ibs.Rejects(IbsMethods.InsertSingleInfo, Items.With(Door, "series_number", literal)).ShouldBeInvalid(0, "series_number");

    [Theory]
    [InlineData("24,1", 24, true)]
    [InlineData("24,0", 24, false)]
    [InlineData("1,1", 1, true)]
    [InlineData("999,0", 999, false)]
    public void a_door_status_reads_door_and_occupancy(string code, int door, bool occupied) =>
        Ibs.Accepts<InsertSingleStatusRequest>(IbsMethods.InsertSingleStatus, Items.With(Status, "single_code", $"\"{code}\""))
            .Items.ShouldBe([new DoorStatusReport("IBS20260001", door, occupied)]);

    [Theory]
    [InlineData("\"24\"")]
    [InlineData("\"24,2\"")]
    [InlineData("\"0,1\"")]
    [InlineData("\"1000,1\"")]
    [InlineData("\"24,1,\"")]
    [InlineData("\"7,24,1\"")]
    [InlineData("\"24, 1\"")]
    [InlineData("\"a,1\"")]
    [InlineData("241")]
    [InlineData("true")]
    public void a_bad_door_status_code_is_error_1006(string literal) =>
        Ibs.Rejects(IbsMethods.InsertSingleStatus, Items.SecondWith(Status, "single_code", literal)).ShouldBeInvalid(1, "single_code");

    [Fact]
    public void one_invalid_item_rejects_the_whole_batch_naming_its_index()
    {
        var items = string.Join(',', Enumerable.Range(0, 5).Select(i => i == 3 ? Items.With(Status, "single_code", "\"24,9\"")[1..^1] : Status));
        Ibs.Rejects(IbsMethods.InsertSingleStatus, $"[{items}]").ShouldBeInvalid(3, "single_code");
    }

    private static string Bank(params string[] cabinets) => $$"""[{"type":"快递柜","locker_info":[{{string.Join(',', cabinets)}}]}]""";
}
