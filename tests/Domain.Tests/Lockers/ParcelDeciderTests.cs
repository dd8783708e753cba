using Cabinets.Domain.Deciding;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Domain.Lockers.Notifications;
using Cabinets.Domain.Lockers.Parcels;

namespace Cabinets.Domain.Tests.Lockers;

/// <summary>Booking on the bank, and the parcel's life decided with its bank — Given events / When command / Then events.</summary>
public sealed class ParcelDeciderTests
{
    private const string Serial = "IBS20260001";
    private const string Record = "1000000001";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly Site Site = new("广东省", "深圳市", "南山区", "粤海街道", "科技园", "阳光小区", "3号楼东侧");
    private static readonly DoorAttributes Medium = new(DoorSize.Medium, false, false);
    private static readonly DoorAttributes MediumInsulated = new(DoorSize.Medium, true, false);
    private static readonly LockerTimings Timings = LockerTimings.Default;

    private static ICabinetEvent[] Bank(params (int Door, DoorAttributes Kind)[] doors) =>
    [
        new CabinetProvisioned(Serial, Site, Now),
        new CabinetBankRegistered(Serial, "快递柜", [], Now),
        .. doors.Select(d => (ICabinetEvent)new DoorRegistered(Serial, d.Door, 0, d.Kind, Now)),
    ];

    private static CabinetState Fold(IEnumerable<ICabinetEvent> events) => events.Aggregate(CabinetState.Initial, CabinetState.Evolve);

    private static BookParcel Book(string record = Record, DoorWish? wish = null) =>
        new(Serial, record, "1234567890", "partner-1", wish ?? new DoorWish(null, false, false), "subject", "pd1:name", "pd1:phone", "test", Now, Timings);

    private static ParcelBooked Booked(DoorAttributes kind) =>
        new(Record, "1234567890", "partner-1", Serial, kind, "subject", "pd1:name", "pd1:phone", "test", Now, Now + Timings.BookingHold);

    private static StoreParcel Store(int? door = 1, string hash = "hash-1", string? takenBy = null) =>
        new(Record, Serial, door, hash, takenBy, "sms-1", "pd1:text", Now.AddHours(1), Timings);

    private static ParcelState Parcel(params IParcelEvent[] events) => events.Aggregate(ParcelState.Initial, ParcelState.Evolve);

    private static (IReadOnlyList<IParcelEvent> Parcel, IReadOnlyList<object> Bank) Then(Decision<IParcelEvent> d)
    {
        d.Error.ShouldBeNull();
        return (d.Events, d.OtherStreams.SelectMany(s => s.Events).ToList());
    }

    [Fact]
    public void a_booking_promises_a_plain_door_before_an_insulated_one_and_starts_the_parcel()
    {
        var decision = Booking.Decide(Book(), Fold(Bank((1, MediumInsulated), (2, Medium))));

        decision.Events.ShouldBe([new DoorPromised(Serial, Record, Medium, Now)]);
        decision.OtherStreams.Single().StreamId.ShouldBe("parcel-1000000001");
        decision.OtherStreams.Single().Events.Single().ShouldBe(Booked(Medium));
        decision.Messages.Single().DeliverAt.ShouldBe(Now + Timings.BookingHold);
        decision.Answer.ShouldBe(new BookingMade(Record, Serial));
    }

    [Fact]
    public void promised_occupied_and_faulted_doors_are_not_free_for_another_booking()
    {
        var bank = Bank((1, Medium), (2, Medium), (3, Medium)).Concat<ICabinetEvent>(
        [
            new DoorPromised(Serial, "1000000009", Medium, Now),
            new DoorOccupied(Serial, 2, Now),
            new DoorFaulted(Serial, 3, Now),
        ]);
        Booking.Decide(Book(), Fold(bank)).Error!.Code.ShouldBe(ParcelDecider.Errors.NoFreeDoor);
        Booking.Decide(Book(wish: new DoorWish(DoorSize.Large, false, false)), Fold(Bank((1, Medium)))).Error!.Code.ShouldBe(ParcelDecider.Errors.NoFreeDoor);
        Booking.Decide(Book(wish: new DoorWish(null, true, false)), Fold(Bank((1, Medium), (2, MediumInsulated)))).Events
            .ShouldBe([new DoorPromised(Serial, Record, MediumInsulated, Now)]);
    }

    [Fact]
    public void a_deposit_stores_the_parcel_occupies_its_door_releases_the_promise_texts_once_and_sets_its_timers()
    {
        var bank = Fold(Bank((1, Medium)).Append(new DoorPromised(Serial, Record, Medium, Now)));
        var (parcel, bankEvents) = Then(ParcelDecider.Decide(Store(), Parcel(Booked(Medium)), bank));
        var at = Now.AddHours(1);

        parcel.ShouldBe([new ParcelStored(Record, Serial, 1, "hash-1", "sms-1", at, at + Timings.ReminderAfter, at + Timings.OverdueAfter)]);
        bankEvents.ShouldBe([new PromiseReleased(Serial, Record, Medium, at), new DoorOccupied(Serial, 1, at), new ParcelPlaced(Serial, Record, 1, at)]);
        var decision = ParcelDecider.Decide(Store(), Parcel(Booked(Medium)), bank);
        decision.Messages.Select(m => m.Body).OfType<SendSms>().Single().Template.ShouldBe(SmsTemplates.PickupCode);
        decision.Messages.Select(m => m.Body).OfType<ParcelTimer>().Select(t => t.Kind).ShouldBe([ParcelTimerKind.PickupReminder, ParcelTimerKind.Overdue]);

        // the firmware's retry: same code → nothing, no second SMS; another code → refused
        var stored = Parcel(Booked(Medium), (ParcelStored)parcel[0]);
        var repeat = ParcelDecider.Decide(Store(), stored, bank);
        repeat.Events.ShouldBeEmpty();
        repeat.Messages.ShouldBeEmpty();
        ParcelDecider.Decide(Store(hash: "hash-2"), stored, bank).Error!.Code.ShouldBe(ParcelDecider.Errors.AlreadyStored);
    }

    [Fact]
    public void a_deposit_is_refused_for_another_bank_a_taken_code_an_unknown_door_or_a_door_holding_another_parcel()
    {
        var bank = Fold(Bank((1, Medium), (2, Medium)).Concat<ICabinetEvent>([new DoorPromised(Serial, Record, Medium, Now), new ParcelPlaced(Serial, "1000000007", 2, Now)]));
        var booked = Parcel(Booked(Medium));

        ParcelDecider.Decide(Store() with { SerialNumber = "IBS20269999" }, booked, bank).Error!.Code.ShouldBe(ParcelDecider.Errors.NotFound);
        ParcelDecider.Decide(Store(takenBy: "1000000007"), booked, bank).Error!.Code.ShouldBe(ParcelDecider.Errors.CodeTaken);
        ParcelDecider.Decide(Store(door: 99), booked, bank).Error!.Code.ShouldBe(CabinetDecider.Errors.UnknownDoor);
        ParcelDecider.Decide(Store(door: 2), booked, bank).Error!.Code.ShouldBe(ParcelDecider.Errors.DoorHoldsParcel);
        ParcelDecider.Decide(Store(door: null), booked, bank).Events.OfType<ParcelStored>().Single().DoorNumber.ShouldBe(1);
        ParcelDecider.Decide(Store(), ParcelState.Initial, bank).Error!.Code.ShouldBe(ParcelDecider.Errors.NotFound);
    }

    [Fact]
    public void a_pickup_frees_the_door_and_a_repeat_within_the_window_is_true_without_events()
    {
        var at = Now.AddHours(1);
        var stored = new ParcelStored(Record, Serial, 1, "hash-1", "sms-1", at, at, at);
        var bank = Fold(Bank((1, Medium)).Concat<ICabinetEvent>([new DoorOccupied(Serial, 1, at), new ParcelPlaced(Serial, Record, 1, at)]));
        var take = new PickUpParcel(Record, Serial, at.AddHours(2), Timings);

        var (parcel, bankEvents) = Then(ParcelDecider.Decide(take, Parcel(Booked(Medium), stored), bank));
        parcel.ShouldBe([new ParcelPickedUp(Record, Serial, 1, take.Now)]);
        bankEvents.ShouldBe([new ParcelRemoved(Serial, Record, 1, take.Now), new DoorReleased(Serial, 1, take.Now)]);

        var picked = Parcel(Booked(Medium), stored, (ParcelPickedUp)parcel[0]);
        Then(ParcelDecider.Decide(take with { Now = take.Now.AddMinutes(9) }, picked, bank)).Parcel.ShouldBeEmpty();
        ParcelDecider.Decide(take with { Now = take.Now.AddMinutes(11) }, picked, bank).Error!.Code.ShouldBe(ParcelDecider.Errors.WrongCode);
        ParcelDecider.Decide(take with { SerialNumber = "IBS20269999", Now = take.Now.AddMinutes(1) }, picked, bank).Error!.Code
            .ShouldBe(ParcelDecider.Errors.WrongCode);
    }

    [Fact]
    public void timers_decide_only_when_due_and_only_once()
    {
        var booked = Parcel(Booked(Medium));
        var bank = Fold(Bank((1, Medium)).Append(new DoorPromised(Serial, Record, Medium, Now)));
        Then(ParcelDecider.Decide(new ExpireBooking(Record, Now.AddHours(47)), booked, bank)).Parcel.ShouldBeEmpty();
        var (expired, released) = Then(ParcelDecider.Decide(new ExpireBooking(Record, Now.AddHours(48)), booked, bank));
        expired.ShouldBe([new BookingExpired(Record, Now.AddHours(48))]);
        released.ShouldBe([new PromiseReleased(Serial, Record, Medium, Now.AddHours(48))]);
        Then(ParcelDecider.Decide(new ExpireBooking(Record, Now.AddHours(49)), Parcel(Booked(Medium), (BookingExpired)expired[0]), bank)).Parcel.ShouldBeEmpty();

        var at = Now.AddHours(1);
        var stored = Parcel(Booked(Medium), new ParcelStored(Record, Serial, 1, "h", "s", at, at + Timings.ReminderAfter, at + Timings.OverdueAfter));
        Then(ParcelDecider.Decide(new RemindPickup(Record, "sms-r", "pd1:x", at.AddHours(71)), stored, bank)).Parcel.ShouldBeEmpty();
        var remind = ParcelDecider.Decide(new RemindPickup(Record, "sms-r", "pd1:x", at.AddHours(72)), stored, bank);
        remind.Events.ShouldBe([new PickupReminderSent(Record, "sms-r", at.AddHours(72))]);
        remind.Messages.Single().Body.ShouldBeOfType<SendSms>().Template.ShouldBe(SmsTemplates.PickupReminder);
        var reminded = Parcel(Booked(Medium), new ParcelStored(Record, Serial, 1, "h", "s", at, at + Timings.ReminderAfter, at + Timings.OverdueAfter),
            (PickupReminderSent)remind.Events[0]);
        Then(ParcelDecider.Decide(new RemindPickup(Record, "sms-r", "pd1:x", at.AddHours(73)), reminded, bank)).Parcel.ShouldBeEmpty();
        Then(ParcelDecider.Decide(new MarkOverdue(Record, at.AddDays(7)), reminded, bank)).Parcel.ShouldBe([new ParcelOverdue(Record, at.AddDays(7))]);
    }

    [Fact]
    public void only_an_undeposited_booking_can_be_cancelled()
    {
        var bank = Fold(Bank((1, Medium)).Append(new DoorPromised(Serial, Record, Medium, Now)));
        var (cancelled, released) = Then(ParcelDecider.Decide(new CancelBooking(Record, Now), Parcel(Booked(Medium)), bank));
        cancelled.ShouldBe([new BookingCancelled(Record, Now)]);
        released.ShouldBe([new PromiseReleased(Serial, Record, Medium, Now)]);
        var at = Now.AddHours(1);
        ParcelDecider.Decide(new CancelBooking(Record, Now), Parcel(Booked(Medium), new ParcelStored(Record, Serial, 1, "h", "s", at, at, at)), bank)
            .Error!.Code.ShouldBe(ParcelDecider.Errors.NotCancellable);
    }

    [Fact]
    public void a_door_fault_is_repaired_then_confirmed_and_each_step_is_idempotent()
    {
        var bank = Bank((1, Medium));
        CabinetDecider.Decide(new ConfirmDoorRepair(Serial, 1, Now), Fold(bank.Append(new DoorFaulted(Serial, 1, Now)))).Error!.Code
            .ShouldBe(CabinetDecider.Errors.NotAwaitingRepair);
        CabinetDecider.Decide(new ReportDoorFault(Serial, 1, Now), Fold(bank.Append(new DoorFaulted(Serial, 1, Now)))).Events.ShouldBeEmpty();
        var awaiting = bank.Concat<ICabinetEvent>([new DoorFaulted(Serial, 1, Now), new DoorRepairReported(Serial, 1, Now)]).ToArray();
        Fold(awaiting).Doors[1].Usable.ShouldBeFalse();
        CabinetDecider.Decide(new ConfirmDoorRepair(Serial, 1, Now), Fold(awaiting)).Events.ShouldBe([new DoorRepairConfirmed(Serial, 1, Now)]);
        CabinetDecider.Decide(new ReportDoorRepaired(Serial, 1, Now), Fold(bank)).Events.ShouldBeEmpty(); // a late retry
        CabinetDecider.Decide(new ReportDoorFault(Serial, 9, Now), Fold(bank)).Error!.Code.ShouldBe(CabinetDecider.Errors.UnknownDoor);
    }

    [Fact]
    public void only_a_door_with_an_open_anomaly_can_be_resolved_and_then_it_can_be_flagged_again()
    {
        var flagged = Bank((1, Medium), (2, Medium)).Append(new DoorAnomalyRaised(Serial, 1, AnomalyKind.ReportedOccupiedWithoutParcel, null, Now)).ToArray();
        CabinetDecider.Decide(new ResolveDoorAnomaly(Serial, 2, "nothing", Now), Fold(flagged)).Error!.Code.ShouldBe(CabinetDecider.Errors.NoOpenAnomaly);
        CabinetDecider.Decide(new ResolveDoorAnomaly(Serial, 9, "nothing", Now), Fold(flagged)).Error!.Code.ShouldBe(CabinetDecider.Errors.UnknownDoor);
        var resolved = CabinetDecider.Decide(new ResolveDoorAnomaly(Serial, 1, " 柜内有遗留物，已清理 ", Now), Fold(flagged));
        resolved.Events.ShouldBe([new DoorAnomalyResolved(Serial, 1, "柜内有遗留物，已清理", Now)]);
        var after = Fold(flagged.Concat(resolved.Events));
        after.FlaggedDoors.ShouldBeEmpty();
        // the next full snapshot that still says occupied with nothing booked raises a new one
        CabinetDecider.Decide(new ReportDoorStatus(Serial, [new DoorStatusReport(1, true), new DoorStatusReport(2, false)], Now), after).Events
            .OfType<DoorAnomalyRaised>().Single().DoorNumber.ShouldBe(1);
    }
}
