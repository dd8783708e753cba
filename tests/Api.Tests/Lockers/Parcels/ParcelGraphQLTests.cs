using Cabinets.Api.Lockers.Parcels;
using Cabinets.Api.Tests.GraphQL;
using Cabinets.Api.Tests.Stations;
using Cabinets.Domain.Lockers.Parcels;
using Cabinets.Projections.Lockers.Parcels;

namespace Cabinets.Api.Tests.Lockers.Parcels;

/// <summary>The locker console over real HTTP: parcels, the door's parcel, faults and their repair, anomalies, erasure.</summary>
public sealed class ParcelGraphQLTests(ParcelFixture api) : IClassFixture<ParcelFixture>
{
    private async Task<string> StoredAsync(string serial, string place, string order, string phone, string code, string door)
    {
        var booked = (await api.BookAsync(place, order, phone)).ShouldBeOfType<BookingResult.Booked>();
        (await api.Firmware().SendAsync("recieve_verify_num", new { verify_num = code, series_num = serial, order_num = order, single_code = door })).Code.ShouldBe(0);
        return booked.RecordNumber;
    }

    [Fact]
    public async Task parcels_are_found_by_phone_hash_and_status_and_shown_masked_on_their_door()
    {
        const string serial = "IBSG0000001";
        await api.InstallAsync(serial, ParcelFixture.SiteAt("园区G1"), "0,1,32", "0,2,32");
        var record = await StoredAsync(serial, "园区G1", "7770000001", "13912345678", "135790", "2");
        var admin = await api.AdminAsync();
        await api.CaughtUpAsync();

        var found = await StationGraphQL.DataAsync(admin, """
            query($phone: String!) { parcels(where: {recipientPhone: {eq: $phone}, status: {eq: STORED}}) { totalCount nodes { recordNumber status cabinetSerial doorNumber recipientPhone recipientName } } }
            """, new { phone = "13912345678" });
        var node = found.GetProperty("parcels").GetProperty("nodes")[0];
        node.GetProperty("recordNumber").GetString().ShouldBe(record);
        node.GetProperty("recipientPhone").GetString().ShouldBe("139****5678");
        node.GetProperty("recipientName").GetString().ShouldBe("张*");
        (await StationGraphQL.DataAsync(admin, """query { parcels(where: {recipientPhone: {eq: "13900000000"}}) { totalCount } }"""))
            .GetProperty("parcels").GetProperty("totalCount").GetInt32().ShouldBe(0);
        var refused = await admin.PostGraphQLAsync("""query { parcels(where: {recipientPhone: {startsWith: "139"}}) { totalCount } }""");
        refused.Errors.ShouldNotBeEmpty();

        var bank = await StationGraphQL.DataAsync(admin, $$"""query { cabinet(serialNumber: "{{serial}}") { doors { number status parcel { recordNumber } } } }""");
        var doors = bank.GetProperty("cabinet").GetProperty("doors").EnumerateArray().ToList();
        doors.Single(d => d.GetProperty("number").GetInt32() == 2).GetProperty("parcel").GetProperty("recordNumber").GetString().ShouldBe(record);
        doors.Single(d => d.GetProperty("number").GetInt32() == 1).GetProperty("parcel").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task erasing_a_phone_makes_the_recipient_read_erased_and_the_search_find_nothing()
    {
        const string serial = "IBSG0000002";
        await api.InstallAsync(serial, ParcelFixture.SiteAt("园区G2"), "0,1,32");
        var record = await StoredAsync(serial, "园区G2", "7770000002", "13722223333", "246810", "1");
        var admin = await api.AdminAsync();

        (await StationGraphQL.DataAsync(admin, """mutation { erasePersonalData(phone: "13722223333") }""")).GetProperty("erasePersonalData").GetBoolean().ShouldBeTrue();

        var parcel = await StationGraphQL.DataAsync(admin, $$"""query { parcel(recordNumber: "{{record}}") { recipientPhone recipientName status } }""");
        parcel.GetProperty("parcel").GetProperty("recipientPhone").GetString().ShouldBe("erased");
        parcel.GetProperty("parcel").GetProperty("recipientName").GetString().ShouldBe("erased");
        (await StationGraphQL.DataAsync(admin, """query { parcels(where: {recipientPhone: {eq: "13722223333"}}) { totalCount } }"""))
            .GetProperty("parcels").GetProperty("totalCount").GetInt32().ShouldBe(0);
        // the history is intact and the parcel can still be picked up
        (await api.Firmware().SendAsync("take_by_verify_num", new { verify_num = "246810", series_num = serial })).Code.ShouldBe(0);

        // the same number books again: a new key; the old parcel stays erased and out of the search
        var again = (await api.BookAsync("园区G2", "7770000012", "13722223333")).ShouldBeOfType<BookingResult.Booked>();
        var both = await StationGraphQL.DataAsync(admin, """
            query($r: String!) { old: parcel(recordNumber: $r) { recipientPhone } parcels(where: {recipientPhone: {eq: "13722223333"}}) { nodes { recordNumber recipientPhone } } }
            """, new { r = record });
        both.GetProperty("old").GetProperty("recipientPhone").GetString().ShouldBe("erased");
        var found = both.GetProperty("parcels").GetProperty("nodes").EnumerateArray().ToList();
        found.Select(n => n.GetProperty("recordNumber").GetString()).ShouldBe([again.RecordNumber]);
        found[0].GetProperty("recipientPhone").GetString().ShouldBe("137****3333");
        (await api.StreamAsync("operations-" + api.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd"))).Select(e => e.Data.GetType().Name)
            .ShouldContain("PersonalDataErasureRequested");
    }

    [Fact]
    public async Task a_faulted_door_leaves_the_count_keeps_its_parcel_and_returns_after_an_admin_confirms_the_repair()
    {
        const string serial = "IBSG0000003";
        await api.InstallAsync(serial, ParcelFixture.SiteAt("园区G3"), "0,1,32", "0,2,32", "0,3,32");
        await StoredAsync(serial, "园区G3", "7770000003", "13811112222", "112233", "3");
        var firmware = api.Firmware();
        var admin = await api.AdminAsync();

        (await firmware.SendAsync("single_exception", new { series_number = serial, name = "1", single_status = 3, use_status = 3 })).Code.ShouldBe(0);
        (await firmware.SendAsync("single_exception", new { series_number = serial, name = "3", single_status = 3, use_status = 3 })).Code.ShouldBe(0);
        (await firmware.SendAsync("locker_exception", new { category = "M", main_series_number = serial, deputy_series_number = "", status = 4, description = "锁控板无响应" })).Code.ShouldBe(0);
        await api.CaughtUpAsync();
        (await firmware.SendAsync("count_locker_num", new { palce = "园区G3" })).Result.GetInt64().ShouldBe(1);
        // a faulted door holding a parcel still opens for its code
        (await firmware.SendAsync("take_by_verify_num", new { verify_num = "112233", series_num = serial })).Code.ShouldBe(0);

        var early = await admin.PostGraphQLAsync($$"""mutation { confirmDoorRepair(serialNumber: "{{serial}}", doorNumber: 1) { status } }""");
        early.Errors.ShouldNotBeEmpty(); // not reported repaired yet
        (await firmware.SendAsync("single_repair", new { series_number = serial, name = "1", single_status = 4 })).Code.ShouldBe(0);
        await api.CaughtUpAsync();
        var awaiting = await StationGraphQL.DataAsync(admin, $$"""query { cabinet(serialNumber: "{{serial}}") { doors { number status usable } } }""");
        awaiting.GetProperty("cabinet").GetProperty("doors")[0].GetProperty("status").GetString().ShouldBe("AWAITING_REPAIR_CONFIRMATION");
        (await firmware.SendAsync("count_locker_num", new { palce = "园区G3" })).Result.GetInt64().ShouldBe(1);

        var confirmed = await StationGraphQL.DataAsync(admin, $$"""mutation { confirmDoorRepair(serialNumber: "{{serial}}", doorNumber: 1) { number status usable } }""");
        confirmed.GetProperty("confirmDoorRepair").GetProperty("usable").GetBoolean().ShouldBeTrue();
        await api.CaughtUpAsync();
        (await firmware.SendAsync("count_locker_num", new { palce = "园区G3" })).Result.GetInt64().ShouldBe(2);

        var history = await StationGraphQL.DataAsync(admin, $$$"""
            query { doorFaults(where: {cabinetSerial: {eq: "{{{serial}}}"}}, order: [{sequence: ASC}]) { nodes { kind doorNumber description actor } } }
            """);
        history.GetProperty("doorFaults").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("kind").GetString())
            .ShouldBe(["DOOR_FAULTED", "DOOR_FAULTED", "CABINET_FAULT", "DOOR_REPAIR_REPORTED", "DOOR_REPAIR_CONFIRMED"]);
    }

    [Fact]
    public async Task anomalies_and_cancelled_bookings_show_in_the_console()
    {
        const string serial = "IBSG0000004";
        await api.InstallAsync(serial, ParcelFixture.SiteAt("园区G4"), "0,1,32", "0,2,32");
        var stored = await StoredAsync(serial, "园区G4", "7770000004", "13611112222", "445566", "1");
        var booked = (await api.BookAsync("园区G4", "7770000005")).ShouldBeOfType<BookingResult.Booked>();
        var admin = await api.AdminAsync();

        await api.Firmware().SendAsync("insert_single_status", new { series_number = serial, single_code = "1,0" });
        var anomalies = await StationGraphQL.DataAsync(admin, $$$"""query { anomalies(where: {cabinetSerial: {eq: "{{{serial}}}"}}) { nodes { doorNumber kind recordNumber } } }""");
        var anomaly = anomalies.GetProperty("anomalies").GetProperty("nodes")[0];
        anomaly.GetProperty("kind").GetString().ShouldBe("REPORTED_FREE_WITH_PARCEL");
        anomaly.GetProperty("recordNumber").GetString().ShouldBe(stored);

        // an admin looks at it: resolved, by whom, with what was found; a second resolve has nothing open
        (await StationGraphQL.DataAsync(admin, $$"""mutation { resolveDoorAnomaly(serialNumber: "{{serial}}", doorNumber: 1, note: "包裹仍在柜内，门磁误报") }"""))
            .GetProperty("resolveDoorAnomaly").GetBoolean().ShouldBeTrue();
        var resolved = await StationGraphQL.DataAsync(admin, $$$"""
            query { all: anomalies(where: {cabinetSerial: {eq: "{{{serial}}}"}}) { nodes { resolved resolvedBy resolution } }
                    open: anomalies(where: {cabinetSerial: {eq: "{{{serial}}}"}, resolved: {eq: false}}) { totalCount } }
            """);
        var done = resolved.GetProperty("all").GetProperty("nodes")[0];
        done.GetProperty("resolved").GetBoolean().ShouldBeTrue();
        done.GetProperty("resolvedBy").GetString().ShouldBe("admin");
        done.GetProperty("resolution").GetString().ShouldBe("包裹仍在柜内，门磁误报");
        resolved.GetProperty("open").GetProperty("totalCount").GetInt32().ShouldBe(0);
        (await admin.PostGraphQLAsync($$"""mutation { resolveDoorAnomaly(serialNumber: "{{serial}}", doorNumber: 1, note: "again") }""")).Errors.ShouldNotBeEmpty();
        // the same report again is a new anomaly, open
        await api.Firmware().SendAsync("insert_single_status", new { series_number = serial, single_code = "1,0" });
        (await StationGraphQL.DataAsync(admin, $$$"""query { anomalies(where: {cabinetSerial: {eq: "{{{serial}}}"}, resolved: {eq: false}}) { totalCount } }"""))
            .GetProperty("anomalies").GetProperty("totalCount").GetInt32().ShouldBe(1);

        var cancelled = await StationGraphQL.DataAsync(admin, $$"""mutation { cancelBooking(recordNumber: "{{booked.RecordNumber}}") { status } }""");
        cancelled.GetProperty("cancelBooking").GetProperty("status").GetString().ShouldBe("CANCELLED");
        var again = await admin.PostGraphQLAsync($$"""mutation { cancelBooking(recordNumber: "{{stored}}") { status } }""");
        again.Errors.ShouldNotBeEmpty();
        (await api.ParcelAsync(stored))!.Status.ShouldBe(ParcelSnapshot.StatusName(ParcelStatus.Stored));
    }
}
