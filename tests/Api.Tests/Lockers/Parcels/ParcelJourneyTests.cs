using Cabinets.Api.Lockers.Parcels;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Domain.Lockers.Parcels;

namespace Cabinets.Api.Tests.Lockers.Parcels;

/// <summary>Booking, deposit and pickup through the real IBS endpoint (seed 000 items 6–13).</summary>
public sealed class ParcelJourneyTests(ParcelFixture api) : IClassFixture<ParcelFixture>
{
    [Fact]
    public async Task a_booked_parcel_is_deposited_then_picked_up_and_its_door_follows()
    {
        const string serial = "IBSP0000001";
        await api.InstallAsync(serial, ParcelFixture.SiteAt("园区A"), "0,1,64", "0,2,32");
        var firmware = api.Firmware();

        var booked = (await api.BookAsync("园区A", "1234567890")).ShouldBeOfType<BookingResult.Booked>();
        booked.SerialNumber.ShouldBe(serial);
        booked.RecordNumber.Length.ShouldBe(10);
        await api.CaughtUpAsync();
        // the promise leaves the free count before the deposit
        (await firmware.SendAsync("count_locker_num", new { palce = "园区A" })).Result.GetInt64().ShouldBe(1);

        var sync = await firmware.SendAsync("synchronize_order_info", new { series_number = serial });
        sync.Code.ShouldBe(0);
        sync.Result.EnumerateArray().Single().GetProperty("record_num").GetString().ShouldBe(booked.RecordNumber);
        sync.Result.EnumerateArray().Single().GetProperty("receive_phone").GetString().ShouldBe("13800138000");

        (await firmware.SendAsync("verify_order_num", new { order_num = "1234567890", series_num = serial })).Code.ShouldBe(0);
        var deposit = new { verify_num = "402913", series_num = serial, order_num = "1234567890", single_code = "2" };
        (await firmware.SendAsync("recieve_verify_num", deposit)).Code.ShouldBe(0);
        (await api.ParcelAsync(booked.RecordNumber))!.Status.ShouldBe("STORED");
        var events = (await api.StreamAsync(ParcelEventNames.StreamId(booked.RecordNumber))).Count;
        (await firmware.SendAsync("recieve_verify_num", deposit)).Code.ShouldBe(0); // the firmware's retry
        (await api.StreamAsync(ParcelEventNames.StreamId(booked.RecordNumber))).Count.ShouldBe(events);

        var take = await firmware.SendAsync("take_by_verify_num", new { verify_num = "402913", series_num = serial });
        take.Code.ShouldBe(0);
        take.Result.GetBoolean().ShouldBeTrue();
        (await api.ParcelAsync(booked.RecordNumber))!.Status.ShouldBe("PICKED_UP");
        (await firmware.SendAsync("take_by_verify_num", new { verify_num = "402913", series_num = serial })).Code.ShouldBe(0); // lost answer
        api.Clock.Advance(TimeSpan.FromMinutes(11));
        (await firmware.SendAsync("take_by_verify_num", new { verify_num = "402913", series_num = serial })).Code.ShouldBe(2006);

        var bank = await api.StreamAsync(CabinetEventNames.StreamId(serial));
        bank.Select(e => e.Data.GetType().Name).ShouldContain(nameof(ParcelPlaced));
        bank.Select(e => e.Data.GetType().Name).ShouldContain(nameof(ParcelRemoved));
        await api.CaughtUpAsync();
        (await firmware.SendAsync("count_locker_num", new { palce = "园区A" })).Result.GetInt64().ShouldBe(2);
    }
}
