using System.Net.Http.Json;
using System.Text.Json;
using Cabinets.Api.Access;
using Cabinets.Api.Commands;
using Cabinets.Api.Lockers.Parcels;
using Cabinets.Api.Tests.GraphQL;
using Cabinets.Api.Tests.Lockers.Parcels;
using Cabinets.Api.Tests.Stations;
using Cabinets.Domain.Access.AdminUsers;
using Cabinets.Domain.Lockers.Parcels;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests.Audit;

/// <summary>The auditor's GraphQL over real HTTP: a stream's history, one request's events, aggregates as of a version or a time.</summary>
public sealed class AuditHistoryTests(ParcelFixture api) : IClassFixture<ParcelFixture>
{
    private async Task<HttpClient> AuditorAsync()
    {
        const string password = "an auditor's long password";
        var username = $"auditor-{Guid.NewGuid():N}"[..20];
        var hasher = api.Services.GetRequiredService<PasswordHasher>();
        (await api.SendAsync(new CreateAdminUser(username, hasher.Hash(password), ["auditor"], DateTimeOffset.UtcNow))).ShouldBeOfType<CommandOutcome.Accepted>();
        var http = api.Http();
        var login = await http.PostAsJsonAsync("/api/auth/login", new { username, password });
        login.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        return http;
    }

    private async Task<string> StoredParcelAsync(string serial, string place, string order, string phone)
    {
        await api.InstallAsync(serial, ParcelFixture.SiteAt(place), "0,1,32", "0,2,32");
        var booked = (await api.BookAsync(place, order, phone)).ShouldBeOfType<BookingResult.Booked>();
        (await api.Firmware().SendAsync("recieve_verify_num", new { verify_num = "135799", series_num = serial, order_num = order, single_code = "1" })).Code.ShouldBe(0);
        return booked.RecordNumber;
    }

    [Fact]
    public async Task a_parcels_history_shows_each_event_with_its_metadata_and_masks_personal_data_for_an_auditor()
    {
        var record = await StoredParcelAsync("IBSA0000001", "园区A1", "3330000001", "13512340001");
        var auditor = await AuditorAsync();

        var history = await StationGraphQL.DataAsync(auditor, """
            query($key: String!) { streamHistory(streamKey: $key) { totalCount nodes { sequence version type streamType timestamp correlationId actor { user role channel } data } } }
            """, new { key = ParcelEventNames.StreamId(record) });
        var nodes = history.GetProperty("streamHistory").GetProperty("nodes").EnumerateArray().ToList();
        nodes.Select(n => n.GetProperty("type").GetString()).ShouldBe(["lockers.parcel_booked.v1", "lockers.parcel_stored.v1"]);
        nodes.Select(n => n.GetProperty("version").GetInt64()).ShouldBe([1L, 2L]);
        nodes[0].GetProperty("streamType").GetString().ShouldNotBeNull();
        nodes[0].GetProperty("actor").GetProperty("user").GetString().ShouldBe("partner-test");
        nodes[0].GetProperty("actor").GetProperty("role").GetString().ShouldBe("partner");
        nodes[1].GetProperty("actor").GetProperty("channel").GetString().ShouldBe("ibs");
        var booked = nodes[0].GetProperty("data");
        booked.GetProperty("RecipientPhone").GetString().ShouldBe("135****0001"); // masked for an auditor
        booked.GetProperty("OrderNumber").GetString().ShouldBe("3330000001");
        nodes[1].GetProperty("data").GetProperty("CodeHash").GetString()!.Length.ShouldBe(64);

        // an admin (personaldata.read) sees it in clear; from version 2 on only the deposit
        var admin = await api.AdminAsync();
        var clear = await StationGraphQL.DataAsync(admin, """
            query($key: String!) { streamHistory(streamKey: $key, fromVersion: 2) { nodes { version } } all: streamHistory(streamKey: $key) { nodes { data } } }
            """, new { key = ParcelEventNames.StreamId(record) });
        clear.GetProperty("streamHistory").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("version").GetInt64()).ShouldBe([2L]);
        clear.GetProperty("all").GetProperty("nodes")[0].GetProperty("data").GetProperty("RecipientPhone").GetString().ShouldBe("13512340001");

        // by correlation id: the deposit wrote the parcel and its bank in one request
        var correlation = nodes[1].GetProperty("correlationId").GetString();
        var caused = await StationGraphQL.DataAsync(auditor, """
            query($c: String!) { eventsByCorrelation(correlationId: $c, order: [{sequence: ASC}]) { nodes { streamKey type } } }
            """, new { c = correlation });
        var streams = caused.GetProperty("eventsByCorrelation").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("streamKey").GetString()).Distinct().ToList();
        streams.ShouldBe([ParcelEventNames.StreamId(record), "cabinet-IBSA0000001"], ignoreOrder: true);

        // erased: the history stays, the person reads "erased" even for an admin
        await StationGraphQL.DataAsync(admin, """mutation { erasePersonalData(phone: "13512340001") }""");
        var erased = await StationGraphQL.DataAsync(admin, "query($key: String!) { streamHistory(streamKey: $key) { nodes { data } } }", new { key = ParcelEventNames.StreamId(record) });
        erased.GetProperty("streamHistory").GetProperty("nodes")[0].GetProperty("data").GetProperty("RecipientName").GetString().ShouldBe("erased");
    }

    [Fact]
    public async Task an_aggregate_reads_as_it_was_at_a_version_or_a_time()
    {
        var record = await StoredParcelAsync("IBSA0000002", "园区A2", "3330000002", "13512340002");
        var auditor = await AuditorAsync();
        var events = await api.StreamAsync(ParcelEventNames.StreamId(record));

        var atOne = await StationGraphQL.DataAsync(auditor, """
            query($key: String!) { aggregateAsOf(streamKey: $key, version: 1) { aggregateType version state } }
            """, new { key = ParcelEventNames.StreamId(record) });
        atOne.GetProperty("aggregateAsOf").GetProperty("aggregateType").GetString().ShouldBe("Parcel");
        atOne.GetProperty("aggregateAsOf").GetProperty("state").GetProperty("status").GetString().ShouldBe("BOOKED");
        var now = await StationGraphQL.DataAsync(auditor, """
            query($key: String!, $at: DateTime!) { aggregateAsOf(streamKey: $key, at: $at) { version state } }
            """, new { key = ParcelEventNames.StreamId(record), at = DateTimeOffset.UtcNow.AddMinutes(1) });
        now.GetProperty("aggregateAsOf").GetProperty("version").GetInt64().ShouldBe(2);
        now.GetProperty("aggregateAsOf").GetProperty("state").GetProperty("status").GetString().ShouldBe("STORED");
        var before = await StationGraphQL.DataAsync(auditor, """
            query($key: String!, $at: DateTime!) { aggregateAsOf(streamKey: $key, at: $at) { version state } }
            """, new { key = ParcelEventNames.StreamId(record), at = events[1].Timestamp.AddTicks(-10) });
        before.GetProperty("aggregateAsOf").GetProperty("state").GetProperty("status").GetString().ShouldBe("BOOKED");

        // the bank as of the booking: the door promised, no parcel placed yet
        var bank = await StationGraphQL.DataAsync(auditor, """
            query($at: DateTime!) { aggregateAsOf(streamKey: "cabinet-IBSA0000002", at: $at) { aggregateType state } }
            """, new { at = events[1].Timestamp.AddTicks(-10) });
        bank.GetProperty("aggregateAsOf").GetProperty("aggregateType").GetString().ShouldBe("Cabinet");
        bank.GetProperty("aggregateAsOf").GetProperty("state").GetProperty("promises").EnumerateObject().Select(p => p.Name).ShouldBe([record]);

        var both = await auditor.PostGraphQLAsync("""query { aggregateAsOf(streamKey: "parcel-1", version: 1, at: "2026-01-01T00:00:00Z") { version } }""");
        both.Errors.ShouldNotBeEmpty();
        var unknown = await auditor.PostGraphQLAsync("""query { aggregateAsOf(streamKey: "nothing-1", version: 1) { version } }""");
        unknown.Errors.ShouldNotBeEmpty();
        (await api.Http().PostGraphQLAsync("""query { streamHistory(streamKey: "cabinet-IBSA0000002") { totalCount } }""")).Errors.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task the_consoles_cabinet_and_parcel_read_as_they_were_before_the_deposit()
    {
        var record = await StoredParcelAsync("IBSA0000003", "园区A3", "3330000003", "13512340003");
        var auditor = await AuditorAsync();
        var deposit = (await api.StreamAsync(ParcelEventNames.StreamId(record)))[1].Timestamp;

        var before = await StationGraphQL.DataAsync(auditor, """
            query($r: String!, $at: DateTime!) {
              parcelAsOf(recordNumber: $r, at: $at) { status doorNumber recipientPhone }
              cabinetAsOf(serialNumber: "IBSA0000003", at: $at) { version doors { number status parcelRecordNumber } } }
            """, new { r = record, at = deposit.AddTicks(-10) });
        before.GetProperty("parcelAsOf").GetProperty("status").GetString().ShouldBe("BOOKED");
        before.GetProperty("parcelAsOf").GetProperty("recipientPhone").GetString().ShouldBe("135****0003");
        before.GetProperty("cabinetAsOf").GetProperty("doors")[0].GetProperty("status").GetString().ShouldBe("FREE");

        var after = await StationGraphQL.DataAsync(auditor, """
            query($at: DateTime!) { cabinetAsOf(serialNumber: "IBSA0000003", at: $at) { doors { number status parcelRecordNumber } } }
            """, new { at = deposit.AddSeconds(1) });
        var door = after.GetProperty("cabinetAsOf").GetProperty("doors")[0];
        door.GetProperty("status").GetString().ShouldBe("OCCUPIED");
        door.GetProperty("parcelRecordNumber").GetString().ShouldBe(record);
    }
}
