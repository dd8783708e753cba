using Cabinets.Protocol.Requests;

namespace Cabinets.Protocol.Tests;

/// <summary>locker_exception (status 4), single_exception (3/3), single_repair (4): IBS-PROTOCOL.md §6.</summary>
public sealed class FaultValidationTests
{
    private const string Cabinet = """{"category":"S","main_series_number":"IBS20260001","deputy_series_number":"","status":"4","description":"门锁无响应"}""";
    private const string DoorFault = """{"series_number":"IBS20260001","name":"24","single_status":"3","use_status":"3"}""";
    private const string Repair = """{"series_number":"IBS20260001","name":"24","single_status":"4"}""";

    [Theory]
    [InlineData("\"4\"")]
    [InlineData("4")]
    public void a_cabinet_fault_has_status_4_as_text_or_number(string status) =>
        Ibs.Accepts<LockerExceptionRequest>(IbsMethods.LockerException, Items.With(Cabinet, "status", status))
            .Items.ShouldBe([new CabinetFault(CabinetCategory.Sub, "IBS20260001", null, "门锁无响应")]);

    [Theory]
    [InlineData("status", "\"3\"")]
    [InlineData("status", "\"4(异常)\"")]
    [InlineData("status", "44")]
    [InlineData("status", "4.0")]
    [InlineData("status", Items.Missing)]
    [InlineData("category", "\"主\"")]
    [InlineData("category", Items.Missing)]
    [InlineData("main_series_number", Items.Missing)]
    [InlineData("deputy_series_number", "\"副 1\"")]
    [InlineData("description", "\"a\\u0001b\"")]
    [InlineData("description", "12")]
    public void a_bad_cabinet_fault_field_is_error_1006(string field, string literal) =>
        Ibs.Rejects(IbsMethods.LockerException, Items.SecondWith(Cabinet, field, literal)).ShouldBeInvalid(1, field);

    [Fact]
    public void a_cabinet_fault_description_is_limited_to_1024_characters()
    {
        Ibs.Accepts<LockerExceptionRequest>(IbsMethods.LockerException, Items.With(Cabinet, "description", $"\"{new string('故', 1024)}\""));
        Ibs.Rejects(IbsMethods.LockerException, Items.With(Cabinet, "description", $"\"{new string('故', 1025)}\"")).ShouldBeInvalid(0, "description");
    }

    [Fact]
    public void a_door_fault_names_bank_and_door() =>
        Ibs.Accepts<SingleExceptionRequest>(IbsMethods.SingleException, Items.With(DoorFault, "name", "24"))
            .Items.ShouldBe([new Requests.DoorFault("IBS20260001", 24)]);

    [Theory]
    [InlineData("single_status", "\"4\"")]
    [InlineData("single_status", Items.Missing)]
    [InlineData("use_status", "\"1\"")]
    [InlineData("use_status", Items.Missing)]
    [InlineData("name", "\"0\"")]
    [InlineData("name", "\"1000\"")]
    [InlineData("name", "\"门24\"")]
    [InlineData("name", "-1")]
    [InlineData("name", "true")]
    [InlineData("name", Items.Missing)]
    [InlineData("series_number", Items.Missing)]
    public void a_bad_door_fault_field_is_error_1006(string field, string literal) =>
        Ibs.Rejects(IbsMethods.SingleException, Items.SecondWith(DoorFault, field, literal)).ShouldBeInvalid(1, field);

    [Fact]
    public void a_door_repair_has_status_4() =>
        Ibs.Accepts<SingleRepairRequest>(IbsMethods.SingleRepair, Items.With(Repair, "single_status", "4"))
            .Items.ShouldBe([new DoorRepair("IBS20260001", 24)]);

    [Theory]
    [InlineData("single_status", "\"3\"")]
    [InlineData("single_status", "null")]
    [InlineData("name", "\"\"")]
    [InlineData("series_number", "\"\"")]
    public void a_bad_door_repair_field_is_error_1006(string field, string literal) =>
        Ibs.Rejects(IbsMethods.SingleRepair, Items.SecondWith(Repair, field, literal)).ShouldBeInvalid(1, field);
}
