using System.Net;
using System.Text;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Api.Commands;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests.Lockers;

public sealed class IbsEndpointTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly Site Site = new("广东省", "深圳市", "南山区", "粤海街道", "科技园", "阳光小区", "3号楼东侧");

    private IbsClient Firmware() => new(api.Http());

    private async Task ProvisionAsync(string serial, Site? site = null)
    {
        var result = await api.SendAsync(new ProvisionCabinet(serial, site ?? Site, DateTimeOffset.UtcNow));
        result.ShouldBeOfType<CommandOutcome.Accepted>();
    }

    private static object Bank(string serial) => new
    {
        type = "快递柜",
        locker_info = new object[]
        {
            new { category = "M", create_date = "2026-01-05", series_number = serial },
            new { category = "S", create_date = "2026-01-05", series_number = "" },
        },
    };

    private async Task<long> EventCountAsync(string serial) => (await api.StreamAsync(CabinetEventNames.StreamId(serial))).Count;

    private Task CaughtUpAsync() => api.CaughtUpAsync();

    [Fact]
    public async Task an_unprovisioned_serial_is_refused_with_2001_and_nothing_is_written()
    {
        var answer = await Firmware().SendAsync("insert_locker_info", new[] { Bank("IBS-UNKNOWN1") });

        answer.Code.ShouldBe(2001);
        answer.Result.GetBoolean().ShouldBeFalse();
        (await EventCountAsync("IBS-UNKNOWN1")).ShouldBe(0);
    }

    [Fact]
    public async Task a_provisioned_bank_registers_its_doors_reports_status_and_is_counted_by_address()
    {
        const string serial = "IBS20260001";
        await ProvisionAsync(serial);
        var firmware = Firmware();

        (await firmware.SendAsync("insert_locker_info", new[] { Bank(serial) })).Code.ShouldBe(0);
        (await firmware.SendAsync("insert_single_info", new[]
        {
            new { series_number = serial, single_code = "0,1,72" },  // large, insulated
            new { series_number = serial, single_code = "0,2,72" },
            new { series_number = serial, single_code = "1,3,144" }, // small, vertical
        })).Code.ShouldBe(0);
        (await firmware.SendAsync("insert_single_status", new[] { new { series_number = serial, single_code = "1,1" } })).Code.ShouldBe(0);
        await CaughtUpAsync();

        var large = await firmware.SendAsync("count_locker_num", new { province = "广东省", city = "深圳市", area = "", street = "", palce = "科技园", locker_size = "L", property_name = "" });
        large.Code.ShouldBe(0);
        large.Result.GetInt64().ShouldBe(1);
        (await firmware.SendAsync("count_locker_num", new { province = "广东省", locker_size = "", property_name = "竖" })).Result.GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task a_repeated_frame_gets_the_same_answer_and_changes_nothing_twice()
    {
        const string serial = "IBS20260002";
        await ProvisionAsync(serial);
        var firmware = Firmware();
        await firmware.SendAsync("insert_locker_info", new[] { Bank(serial) });
        await firmware.SendAsync("insert_single_info", new[] { new { series_number = serial, single_code = "0,24,72" } });
        var frame = firmware.Frame("insert_single_status", new[] { new { series_number = serial, single_code = "24,1" } });

        var first = await firmware.SendFrameAsync(frame);
        var events = await EventCountAsync(serial);
        var retry = await firmware.SendFrameAsync(frame);

        (retry.Code, retry.Msg, retry.Result.GetRawText()).ShouldBe((first.Code, first.Msg, first.Result.GetRawText()));
        first.Code.ShouldBe(0);
        (await EventCountAsync(serial)).ShouldBe(events);
    }

    [Fact]
    public async Task a_door_change_written_by_another_node_is_seen_by_the_next_frame_of_this_one()
    {
        const string serial = "IBS20260006";
        await ProvisionAsync(serial);
        var firmware = Firmware();
        await firmware.SendAsync("insert_locker_info", new[] { Bank(serial) });
        await firmware.SendAsync("insert_single_info", new[] { new { series_number = serial, single_code = "0,5,32" } });
        var occupied = firmware.Frame("insert_single_status", new[] { new { series_number = serial, single_code = "5,1" } });
        (await firmware.SendFrameAsync(occupied)).Code.ShouldBe(0);

        // another Api process on the same database records the door released
        var version = await EventCountAsync(serial);
        await using (var node2 = await api.StartNodeAsync())
        {
            var released = await node2.Services.GetRequiredService<CommandSender>().SendAsync(
                new ReportDoorStatus(serial, [new DoorStatusReport(5, false)], DateTimeOffset.UtcNow), new CommandContext(new Actor(serial, "firmware", "ibs")));
            released.ShouldBeOfType<CommandOutcome.Accepted>().Events.ShouldBe(1);
        }

        // whatever this node remembers says occupied: the same report must still become an event
        (await firmware.SendFrameAsync(occupied)).Code.ShouldBe(0);
        var stream = await api.StreamAsync(CabinetEventNames.StreamId(serial));
        stream.Count.ShouldBe((int)version + 2);
        stream[^1].Data.ShouldBeOfType<DoorOccupied>().DoorNumber.ShouldBe(5);
    }

    [Fact]
    public async Task a_full_snapshot_becomes_events_for_the_doors_that_differ_and_anomalies_for_occupied_doors_with_nothing_booked()
    {
        const string serial = "IBS20260003";
        await ProvisionAsync(serial);
        var firmware = Firmware();
        await firmware.SendAsync("insert_locker_info", new[] { Bank(serial) });
        await firmware.SendAsync("insert_single_info", Enumerable.Range(1, 10).Select(d => new { series_number = serial, single_code = $"0,{d},72" }).ToArray());
        await firmware.SendAsync("insert_single_status", new[] { new { series_number = serial, single_code = "4,1" } });
        var before = await EventCountAsync(serial);

        var snapshot = Enumerable.Range(1, 10).Select(d => new { series_number = serial, single_code = $"{d},{(d is 4 or 7 ? 1 : 0)}" }).ToArray();
        (await firmware.SendAsync("insert_single_status", snapshot)).Code.ShouldBe(0);

        var added = (await api.StreamAsync(CabinetEventNames.StreamId(serial))).Skip((int)before).Select(e => e.Data).ToList();
        added.OfType<DoorOccupied>().Select(e => e.DoorNumber).ShouldBe([7]); // door 4 already was
        added.OfType<DoorAnomalyRaised>().Select(e => e.DoorNumber).Order().ShouldBe([4, 7]); // occupied, nothing booked
        added.Count.ShouldBe(3);
    }

    [Fact]
    public async Task a_status_for_an_unknown_door_is_2002_and_changes_nothing()
    {
        const string serial = "IBS20260004";
        await ProvisionAsync(serial);
        var firmware = Firmware();
        await firmware.SendAsync("insert_locker_info", new[] { Bank(serial) });
        await firmware.SendAsync("insert_single_info", new[] { new { series_number = serial, single_code = "0,1,72" } });
        var before = await EventCountAsync(serial);

        var answer = await firmware.SendAsync("insert_single_status", new[]
        {
            new { series_number = serial, single_code = "1,1" },
            new { series_number = serial, single_code = "99,1" },
        });

        answer.Code.ShouldBe(2002);
        (await EventCountAsync(serial)).ShouldBe(before);
    }

    [Fact]
    public async Task protocol_errors_come_back_as_error_frames_with_http_200()
    {
        var firmware = Firmware();
        var frame = Encoding.UTF8.GetString(firmware.Frame("insert_single_status", new[] { new { series_number = "IBS1", single_code = "1,1" } }));
        var badCrc = frame[..^8] + (frame[^8..] == "00000000" ? "11111111" : "00000000");

        (await firmware.SendFrameAsync(Encoding.UTF8.GetBytes(badCrc))).Code.ShouldBe(1002);
        (await firmware.SendFrameAsync(Encoding.UTF8.GetBytes("hello"))).Code.ShouldBe(1001);
        (await firmware.SendAsync("insert_single_status", new[] { new { series_number = "IBS1", single_code = "1,7" } })).Code.ShouldBe(1006);
        (await firmware.SendAsync("open_all_doors", new[] { new { series_num = "IBS20260001" } })).Code.ShouldBe(1005);
    }

    [Fact]
    public async Task an_empty_or_oversized_body_is_400_and_a_json_body_is_415()
    {
        using var http = api.Http();
        (await http.PostAsync("/ibs", new StringContent("", Encoding.UTF8, "text/plain"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await http.PostAsync("/ibs", new StringContent(new string('A', 70_000), Encoding.UTF8, "text/plain"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await http.PostAsync("/ibs", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }
}
