using Cabinets.Domain.Deciding;
using Cabinets.Domain.Lockers.Cabinets;

namespace Cabinets.Domain.Tests.Lockers;

/// <summary>Given events / When command / Then events — no IO.</summary>
public sealed class CabinetDeciderTests
{
    private const string Serial = "IBS20260001";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);
    private static readonly Site Site = new("广东省", "深圳市", "南山区", "粤海街道", "科技园", "阳光小区", "3号楼东侧");
    private static readonly DoorAttributes LargeInsulated = new(DoorSize.Large, Insulated: true, Vertical: false);

    private static Decision<ICabinetEvent> When(CabinetCommand command, params ICabinetEvent[] given) =>
        CabinetDecider.Decide(command, given.Aggregate(CabinetState.Initial, CabinetState.Evolve));

    private static IReadOnlyList<ICabinetEvent> Then(Decision<ICabinetEvent> decision)
    {
        decision.Error.ShouldBeNull();
        return decision.Events;
    }

    private static string Rejection(Decision<ICabinetEvent> decision) => decision.Error.ShouldNotBeNull().Code;

    private static ICabinetEvent[] ARegisteredBankWithDoor24(bool occupied = false) =>
    [
        new CabinetProvisioned(Serial, Site, Now),
        new CabinetBankRegistered(Serial, "快递柜", [0, 1], Now),
        new DoorRegistered(Serial, 24, 1, LargeInsulated, Now),
        .. occupied ? new ICabinetEvent[] { new DoorOccupied(Serial, 24, Now) } : [],
    ];

    [Fact]
    public void provisioning_a_new_serial_sets_its_site_and_repeating_it_changes_nothing()
    {
        Then(When(new ProvisionCabinet(Serial, Site, Now))).ShouldBe([new CabinetProvisioned(Serial, Site, Now)]);
        Then(When(new ProvisionCabinet(Serial, Site, Now), new CabinetProvisioned(Serial, Site, Now))).ShouldBeEmpty();
        var moved = Site with { Place = "创业园" };
        Then(When(new ProvisionCabinet(Serial, moved, Now), new CabinetProvisioned(Serial, Site, Now)))
            .ShouldBe([new CabinetSiteChanged(Serial, moved, Now)]);
    }

    [Fact]
    public void an_unprovisioned_serial_cannot_register_a_bank_unless_auto_provisioning_is_on()
    {
        Rejection(When(new RegisterCabinetBank(Serial, "快递柜", [0], Now))).ShouldBe(CabinetDecider.Errors.NotProvisioned);
        Then(When(new RegisterCabinetBank(Serial, "快递柜", [0], Now, AllowUnprovisioned: true))).Count.ShouldBe(1);
    }

    [Fact]
    public void registering_the_same_bank_twice_is_a_no_op()
    {
        var given = new ICabinetEvent[] { new CabinetProvisioned(Serial, Site, Now), new CabinetBankRegistered(Serial, "快递柜", [0, 1], Now) };
        Then(When(new RegisterCabinetBank(Serial, "快递柜", [0, 1], Now), given)).ShouldBeEmpty();
        Then(When(new RegisterCabinetBank(Serial, "餐饮柜", [0, 1], Now), given)).Count.ShouldBe(1);
    }

    [Fact]
    public void doors_register_once_and_register_again_only_when_their_attributes_change()
    {
        var given = ARegisteredBankWithDoor24();
        Then(When(new RegisterDoors(Serial, [new DoorRegistration(1, 24, LargeInsulated)], Now), given)).ShouldBeEmpty();
        var small = new DoorAttributes(DoorSize.Small, false, true);
        Then(When(new RegisterDoors(Serial, [new DoorRegistration(1, 24, small), new DoorRegistration(1, 25, small)], Now), given))
            .ShouldBe([new DoorRegistered(Serial, 24, 1, small, Now), new DoorRegistered(Serial, 25, 1, small, Now)]);
    }

    [Fact]
    public void a_door_status_change_becomes_an_event_and_a_repeat_does_not()
    {
        Then(When(new ReportDoorStatus(Serial, [new DoorStatusReport(24, true)], Now), ARegisteredBankWithDoor24()))
            .ShouldBe([new DoorOccupied(Serial, 24, Now)]);
        Then(When(new ReportDoorStatus(Serial, [new DoorStatusReport(24, true)], Now), ARegisteredBankWithDoor24(occupied: true)))
            .ShouldBeEmpty();
        Then(When(new ReportDoorStatus(Serial, [new DoorStatusReport(24, false)], Now), ARegisteredBankWithDoor24(occupied: true)))
            .ShouldBe([new DoorReleased(Serial, 24, Now)]);
    }

    [Fact]
    public void a_full_snapshot_emits_the_differences_and_flags_an_occupied_door_with_nothing_booked()
    {
        var given = ARegisteredBankWithDoor24().Append(new DoorRegistered(Serial, 25, 1, LargeInsulated, Now)).ToArray();
        var snapshot = new ReportDoorStatus(Serial, [new DoorStatusReport(24, false), new DoorStatusReport(25, true)], Now);
        Then(When(snapshot, given)).ShouldBe([
            new DoorAnomalyRaised(Serial, 25, AnomalyKind.ReportedOccupiedWithoutParcel, null, Now),
            new DoorOccupied(Serial, 25, Now),
        ]);
        // flagged once: the same snapshot again decides nothing
        var flagged = given.Concat(Then(When(snapshot, given))).ToArray();
        Then(When(snapshot, flagged)).ShouldBeEmpty();
    }

    [Fact]
    public void a_single_door_report_is_a_change_not_a_snapshot_and_raises_no_anomaly()
    {
        var given = ARegisteredBankWithDoor24().Append(new DoorRegistered(Serial, 25, 1, LargeInsulated, Now)).ToArray();
        Then(When(new ReportDoorStatus(Serial, [new DoorStatusReport(25, true)], Now), given)).ShouldBe([new DoorOccupied(Serial, 25, Now)]);
    }

    [Fact]
    public void a_status_for_an_unknown_door_is_rejected_whole()
    {
        var report = new ReportDoorStatus(Serial, [new DoorStatusReport(24, true), new DoorStatusReport(99, true)], Now);
        Rejection(When(report, ARegisteredBankWithDoor24())).ShouldBe(CabinetDecider.Errors.UnknownDoor);
    }
}
