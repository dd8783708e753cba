using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;

namespace Cabinets.Domain.Tests.Vending.Catalog;

public sealed class DeviceDeciderTests : CatalogSpecs
{
    [Fact]
    public void a_device_is_registered_with_the_default_qr_code_and_bound_through_the_outbox()
    {
        var decision = DeviceDecider.Decide(new RegisterDevice("D001", "S001", null, "VB1", S001State, null, Now), null);
        decision.Events.ShouldBe([new DeviceRegistered("D001", "S001", "vending:device:D001", Now), new DeviceBindRequested("D001", "S001", "VB1", Now)]);
        decision.Messages.ShouldHaveSingleItem().Body.ShouldBe(new VendorBindDevice("VB1", "D001", "S001", "欢乐儿童店", "上海市徐汇区"));
        Given(DeviceDecider.Instance, [.. decision.Events])!.BindStatus.ShouldBe(DeviceBindStatus.Binding);
    }

    [Fact]
    public void a_taken_qr_code_a_known_device_and_an_unknown_store_are_refused()
    {
        DeviceDecider.Decide(new RegisterDevice("D002", "S001", "vending:device:D001", "VB2", S001State, "D001", Now), null).Error
            .ShouldBe(new Cabinets.Domain.Deciding.DomainError(CatalogErrors.DuplicateCode, "device D001 already has this QR code", "qrCode"));
        DeviceDecider.Decide(new RegisterDevice("D001", "S001", null, "VB2", S001State, null, Now), BoundDevice()).Error!.Code.ShouldBe(CatalogErrors.DuplicateCode);
        DeviceDecider.Decide(new RegisterDevice("D003", "S404", null, "VB3", null, null, Now), null).Error!.Field.ShouldBe("storeCode");
    }

    [Fact]
    public void the_vendors_answer_counts_only_for_the_request_the_device_waits_for()
    {
        var binding = Given(DeviceDecider.Instance, new DeviceRegistered("D001", "S001", "q", Now), new DeviceBindRequested("D001", "S001", "VB1", Now));
        DeviceDecider.Decide(new ConfirmDeviceBound("D001", "VB0", Now), binding).Events.ShouldBeEmpty();
        DeviceDecider.Decide(new ConfirmDeviceBound("D001", "VB1", Now), binding).Events.ShouldBe([new DeviceBound("D001", "S001", Now)]);
        var bound = DeviceDecider.Instance.Evolve(binding, new DeviceBound("D001", "S001", Now));
        DeviceDecider.Decide(new ConfirmDeviceBound("D001", "VB1", Now), bound).Events.ShouldBeEmpty(); // a redelivery
    }

    [Fact]
    public void a_failed_bind_stays_resendable_and_a_late_success_binds()
    {
        var binding = Given(DeviceDecider.Instance, new DeviceRegistered("D001", "S001", "q", Now), new DeviceBindRequested("D001", "S001", "VB1", Now));
        var failed = DeviceDecider.Decide(new RecordDeviceBindFailure("D001", "VB1", "UNREACHABLE", "HTTP 503", Now), binding).Events.ShouldHaveSingleItem();
        var state = DeviceDecider.Instance.Evolve(binding, failed)!;
        state.BindStatus.ShouldBe(DeviceBindStatus.BindFailed);
        DeviceDecider.AwaitsBind(state, "VB1").ShouldBeTrue();
        DeviceDecider.Decide(new RecordDeviceBindFailure("D001", "VB1", "UNREACHABLE", "HTTP 503", Now), state).Events.ShouldBeEmpty();
        DeviceDecider.Decide(new ConfirmDeviceBound("D001", "VB1", Now), state).Events.ShouldBe([new DeviceBound("D001", "S001", Now)]);
    }

    [Fact]
    public void a_move_of_a_bound_device_unbinds_first_and_the_unbind_rebinds_to_the_new_store()
    {
        var decision = DeviceDecider.Decide(new MoveDevice("D001", "S002", "VB7", S002State, Now), BoundDevice());
        decision.Events.ShouldBe([new DeviceUnbindRequested("D001", "VB7", Now), new DeviceMoved("D001", "S001", "S002", Now)]);
        decision.Messages.ShouldHaveSingleItem().Body.ShouldBe(new VendorUnbindDevice("VB7", "D001"));
        var moving = Given(DeviceDecider.Instance, Replay(decision.Events));
        moving!.RebindPending.ShouldBeTrue();
        moving.StoreCode.ShouldBe("S002");

        var unbound = DeviceDecider.Decide(new ConfirmDeviceUnbound("D001", "VB7", Rebound: true, Now), moving).Events;
        unbound.ShouldBe([new DeviceUnbound("D001", Now), new DeviceBindRequested("D001", "S002", "VB7-B", Now), new DeviceBound("D001", "S002", Now)]);
        var after = unbound.Aggregate((DeviceState?)moving, DeviceDecider.Instance.Evolve)!;
        (after.BindStatus, after.StoreCode, after.RebindPending).ShouldBe((DeviceBindStatus.Bound, "S002", false));
    }

    [Fact]
    public void a_move_to_the_same_store_or_of_a_decommissioned_device_is_refused()
    {
        DeviceDecider.Decide(new MoveDevice("D001", "S001", "VB7", S001State, Now), BoundDevice()).Error!.Code.ShouldBe(CatalogErrors.Validation);
        DeviceDecider.Decide(new MoveDevice("D001", "S404", "VB7", null, Now), BoundDevice()).Error!.Code.ShouldBe(CatalogErrors.NotFound);
        var retired = DeviceDecider.Instance.Evolve(BoundDevice(), new DeviceDecommissioned("D001", Now));
        DeviceDecider.Decide(new MoveDevice("D001", "S002", "VB7", S002State, Now), retired).Error!.Code.ShouldBe(CatalogErrors.Validation);
    }

    [Fact]
    public void decommissioning_unbinds_once()
    {
        var decision = DeviceDecider.Decide(new DecommissionDevice("D001", "VB9", Now), BoundDevice());
        decision.Events.ShouldBe([new DeviceDecommissioned("D001", Now), new DeviceUnbindRequested("D001", "VB9", Now)]);
        decision.Messages.ShouldHaveSingleItem().Body.ShouldBe(new VendorUnbindDevice("VB9", "D001"));
        var retired = decision.Events.Aggregate(BoundDevice(), DeviceDecider.Instance.Evolve);
        DeviceDecider.Decide(new DecommissionDevice("D001", "VB10", Now), retired).Events.ShouldBeEmpty();
        DeviceDecider.Decide(new ConfirmDeviceUnbound("D001", "VB9", Rebound: false, Now), retired).Events.ShouldBe([new DeviceUnbound("D001", Now)]);
    }

    [Fact]
    public void only_a_later_report_changes_the_status()
    {
        // Scenario 15: ONLINE 10:00, OFFLINE 10:05, then ONLINE reported at 10:03.
        var at = new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);
        var state = BoundDevice("D002");
        var outcomes = new List<StatusReportOutcome>();
        foreach (var (status, minutes) in new[] { (DeviceOnlineStatus.Online, 0), (DeviceOnlineStatus.Offline, 5), (DeviceOnlineStatus.Online, 3) })
        {
            var decision = DeviceDecider.Decide(new ReportDeviceStatus("D002", status, at.AddMinutes(minutes), Now), state);
            outcomes.Add((StatusReportOutcome)decision.Answer!);
            state = decision.Events.Aggregate(state, DeviceDecider.Instance.Evolve);
        }
        outcomes.ShouldBe([StatusReportOutcome.Applied, StatusReportOutcome.Applied, StatusReportOutcome.Ignored]);
        (state!.OnlineStatus, state.StatusReportedAt).ShouldBe((DeviceOnlineStatus.Offline, at.AddMinutes(5)));
    }

    [Fact]
    public void a_repeated_report_is_ignored_and_an_unknown_device_refused()
    {
        var at = Now;
        var state = DeviceDecider.Instance.Evolve(BoundDevice(), new DeviceStatusChanged("D001", DeviceOnlineStatus.Offline, DeviceOnlineStatus.Online, at, Now));
        DeviceDecider.Decide(new ReportDeviceStatus("D001", DeviceOnlineStatus.Offline, at, Now), state).Events.ShouldBeEmpty();
        DeviceDecider.Decide(new ReportDeviceStatus("D404", DeviceOnlineStatus.Offline, at, Now), null).Error!.Code.ShouldBe(CatalogErrors.NotFound);
    }

    private static object[] Replay(IReadOnlyList<object> moveEvents) =>
        [new DeviceRegistered("D001", "S001", "vending:device:D001", Now), new DeviceBindRequested("D001", "S001", "VB1", Now), new DeviceBound("D001", "S001", Now), .. moveEvents];
}
