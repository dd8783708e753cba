using Cabinets.Api.Lockers.Parcels;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Domain.Lockers.Parcels;

namespace Cabinets.Api.Tests.Lockers.Parcels;

/// <summary>The rules under the table of IBS-PROTOCOL.md §7, timers and reconciliation, through the real endpoint.</summary>
public sealed class ParcelRulesTests(ParcelFixture api) : IClassFixture<ParcelFixture>
{
    private async Task<string> StoredAsync(string serial, string place, string order, string code, string door)
    {
        var booked = (await api.BookAsync(place, order)).ShouldBeOfType<BookingResult.Booked>();
        (await api.Firmware().SendAsync("recieve_verify_num", new { verify_num = code, series_num = serial, order_num = order, single_code = door })).Code.ShouldBe(0);
        return booked.RecordNumber;
    }

    [Fact]
    public async Task an_order_booked_twice_at_a_bank_needs_the_last_four_digits_of_its_record_number()
    {
        const string serial = "IBSR0000001";
        await api.InstallAsync(serial, ParcelFixture.SiteAt("园区R1"), "0,1,32", "0,2,32");
        var first = (await api.BookAsync("园区R1", "5550000001", partner: "p-one")).ShouldBeOfType<BookingResult.Booked>();
        (await api.BookAsync("园区R1", "5550000001", partner: "p-two")).ShouldBeOfType<BookingResult.Booked>();
        var firmware = api.Firmware();

        (await firmware.SendAsync("verify_order_num", new { order_num = "5550000001", series_num = serial })).Code.ShouldBe(2004);
        (await firmware.SendAsync("verify_order_num", new { order_num = "5550000001", record_num = first.RecordNumber[^4..], series_num = serial })).Code.ShouldBe(0);
        (await firmware.SendAsync("verify_order_num", new { order_num = "5550000009", series_num = serial })).Code.ShouldBe(2003);
        (await firmware.SendAsync("verify_order_num", new { order_num = "5550000001", series_num = "IBSR0000999" })).Code.ShouldBe(2003);
    }

    [Fact]
    public async Task a_partner_cannot_book_one_order_twice_while_it_is_active()
    {
        await api.InstallAsync("IBSR0000002", ParcelFixture.SiteAt("园区R2"), "0,1,32", "0,2,32");
        var first = (await api.BookAsync("园区R2", "5550000002")).ShouldBeOfType<BookingResult.Booked>();
        (await api.BookAsync("园区R2", "5550000002")).ShouldBeOfType<BookingResult.AlreadyBooked>().RecordNumber.ShouldBe(first.RecordNumber);
    }

    [Fact]
    public async Task a_pickup_code_in_use_in_the_bank_is_refused_with_2009()
    {
        const string serial = "IBSR0000003";
        await api.InstallAsync(serial, ParcelFixture.SiteAt("园区R3"), "0,1,32", "0,2,32");
        await StoredAsync(serial, "园区R3", "5550000003", "111111", "1");
        (await api.BookAsync("园区R3", "5550000004")).ShouldBeOfType<BookingResult.Booked>();

        var clash = await api.Firmware().SendAsync("recieve_verify_num", new { verify_num = "111111", series_num = serial, order_num = "5550000004", single_code = "2" });
        clash.Code.ShouldBe(2009);
        (await api.Firmware().SendAsync("recieve_verify_num", new { verify_num = "222222", series_num = serial, order_num = "5550000004", single_code = "2" })).Code.ShouldBe(0);
    }

    [Fact]
    public async Task five_wrong_codes_lock_the_banks_code_entry_for_ten_minutes_and_append_nothing()
    {
        const string serial = "IBSR0000004";
        await api.InstallAsync(serial, ParcelFixture.SiteAt("园区R4"), "0,1,32");
        var record = await StoredAsync(serial, "园区R4", "5550000005", "654321", "1");
        var firmware = api.Firmware();
        var before = (await api.StreamAsync(CabinetEventNames.StreamId(serial))).Count;

        for (var i = 0; i < 5; i++)
            (await firmware.SendAsync("take_by_verify_num", new { verify_num = $"00000{i}", series_num = serial })).Code.ShouldBe(2006);
        (await firmware.SendAsync("take_by_verify_num", new { verify_num = "654321", series_num = serial })).Code.ShouldBe(2008);
        (await api.StreamAsync(CabinetEventNames.StreamId(serial))).Count.ShouldBe(before);
        (await api.ParcelAsync(record))!.Status.ShouldBe("STORED");

        api.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        (await firmware.SendAsync("take_by_verify_num", new { verify_num = "654321", series_num = serial })).Code.ShouldBe(0);
    }

    [Fact]
    public async Task an_undeposited_booking_expires_when_its_timer_fires_and_its_capacity_returns()
    {
        const string serial = "IBSR0000005";
        await api.InstallAsync(serial, ParcelFixture.SiteAt("园区R5"), "0,1,32");
        var booked = (await api.BookAsync("园区R5", "5550000006")).ShouldBeOfType<BookingResult.Booked>();
        await api.CaughtUpAsync();
        (await api.BookAsync("园区R5", "5550000007")).ShouldBeOfType<BookingResult.NoFreeDoor>();
        var timer = new ParcelTimer(booked.RecordNumber, ParcelTimerKind.BookingExpiry, api.Clock.GetUtcNow() + TimeSpan.FromHours(48));

        await api.SendAsync(timer); // early: nothing happens
        (await api.ParcelAsync(booked.RecordNumber))!.Status.ShouldBe("BOOKED");
        api.Clock.Advance(TimeSpan.FromHours(48));
        await api.SendAsync(timer);
        await api.SendAsync(timer); // delivered twice: decided once
        (await api.ParcelAsync(booked.RecordNumber))!.Status.ShouldBe("EXPIRED");
        (await api.StreamAsync(ParcelEventNames.StreamId(booked.RecordNumber))).Count.ShouldBe(2);
        await api.CaughtUpAsync();
        (await api.BookAsync("园区R5", "5550000007")).ShouldBeOfType<BookingResult.Booked>();
    }

    [Fact]
    public async Task a_booking_schedules_its_expiry_in_wolverines_durable_store()
    {
        await api.InstallAsync("IBSR0000006", ParcelFixture.SiteAt("园区R6"), "0,1,32");
        var booked = (await api.BookAsync("园区R6", "5550000008")).ShouldBeOfType<BookingResult.Booked>();

        await using var conn = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(
            "select execution_time from wolverine_incoming_envelopes where status = 'Scheduled' and message_type like '%parcel_timer%' or message_type like '%ParcelTimer%'", conn);
        var times = new List<DateTimeOffset>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) times.Add(r.GetFieldValue<DateTimeOffset>(0));
        var parcel = (await api.ParcelAsync(booked.RecordNumber))!;
        times.ShouldContain(t => Math.Abs((t - parcel.ExpiresAt).TotalSeconds) < 1);
    }

    [Fact]
    public async Task a_stored_parcel_gets_one_reminder_then_becomes_overdue()
    {
        const string serial = "IBSR0000007";
        await api.InstallAsync(serial, ParcelFixture.SiteAt("园区R7"), "0,1,32");
        var record = await StoredAsync(serial, "园区R7", "5550000009", "777777", "1");
        var remind = new ParcelTimer(record, ParcelTimerKind.PickupReminder, api.Clock.GetUtcNow() + TimeSpan.FromHours(72));

        api.Clock.Advance(TimeSpan.FromHours(72));
        await api.SendAsync(remind);
        await api.SendAsync(remind);
        (await api.StreamAsync(ParcelEventNames.StreamId(record))).Count(e => e.Data is PickupReminderSent).ShouldBe(1);
        await api.SendAsync(new ParcelTimer(record, ParcelTimerKind.Overdue, api.Clock.GetUtcNow()));
        (await api.ParcelAsync(record))!.Status.ShouldBe("STORED"); // 72 h is not 7 days
        api.Clock.Advance(TimeSpan.FromDays(4));
        await api.SendAsync(new ParcelTimer(record, ParcelTimerKind.Overdue, api.Clock.GetUtcNow()));
        (await api.ParcelAsync(record))!.Status.ShouldBe("OVERDUE");
        // an overdue parcel is still behind its door: its code still opens it
        (await api.Firmware().SendAsync("take_by_verify_num", new { verify_num = "777777", series_num = serial })).Code.ShouldBe(0);
    }

    [Fact]
    public async Task a_status_report_freeing_a_door_with_a_parcel_raises_an_anomaly_and_keeps_the_door()
    {
        const string serial = "IBSR0000008";
        await api.InstallAsync(serial, ParcelFixture.SiteAt("园区R8"), "0,1,32", "0,2,32");
        var record = await StoredAsync(serial, "园区R8", "5550000010", "888888", "1");
        var firmware = api.Firmware();

        // the 02:00 snapshot: door 1 free (it holds the parcel), door 2 occupied with nothing booked
        (await firmware.SendAsync("insert_single_status", new[]
        {
            new { series_number = serial, single_code = "1,0" },
            new { series_number = serial, single_code = "2,1" },
        })).Code.ShouldBe(0);
        var anomalies = (await api.StreamAsync(CabinetEventNames.StreamId(serial))).Select(e => e.Data).OfType<DoorAnomalyRaised>().ToList();
        anomalies.ShouldContain(a => a.DoorNumber == 1 && a.Kind == AnomalyKind.ReportedFreeWithParcel && a.RecordNumber == record);
        anomalies.ShouldContain(a => a.DoorNumber == 2 && a.Kind == AnomalyKind.ReportedOccupiedWithoutParcel);
        (await api.StreamAsync(CabinetEventNames.StreamId(serial))).Select(e => e.Data).OfType<DoorReleased>().ShouldBeEmpty();

        // the same snapshot again raises nothing new
        var count = (await api.StreamAsync(CabinetEventNames.StreamId(serial))).Count;
        await firmware.SendAsync("insert_single_status", new[] { new { series_number = serial, single_code = "1,0" }, new { series_number = serial, single_code = "2,1" } });
        (await api.StreamAsync(CabinetEventNames.StreamId(serial))).Count.ShouldBe(count);
        (await firmware.SendAsync("take_by_verify_num", new { verify_num = "888888", series_num = serial })).Code.ShouldBe(0);
    }

    [Fact]
    public async Task fifty_concurrent_bookings_for_the_last_ten_doors_give_exactly_ten()
    {
        var doors = Enumerable.Range(1, 10).Select(d => $"0,{d},32").ToArray();
        await api.InstallAsync("IBSR0000009", ParcelFixture.SiteAt("园区R9"), doors[..5]);
        await api.InstallAsync("IBSR0000010", ParcelFixture.SiteAt("园区R9"), doors[5..]);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => api.BookAsync("园区R9", $"66600{i:D5}"))));

        results.OfType<BookingResult.Booked>().Count().ShouldBe(10);
        results.OfType<BookingResult.NoFreeDoor>().Count().ShouldBe(40);
        results.OfType<BookingResult.Booked>().GroupBy(b => b.SerialNumber).Select(g => g.Count()).ShouldAllBe(n => n == 5);
    }
}
