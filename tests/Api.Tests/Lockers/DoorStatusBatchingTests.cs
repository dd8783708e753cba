using Cabinets.Api.Commands;
using Cabinets.Api.Lockers.Handlers;
using Cabinets.Api.Lockers.Ibs;
using Cabinets.Domain.Lockers.Cabinets;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests.Lockers;

/// <summary>
/// The firmware's door reports are gathered into one transaction per lane (ADR-0018); each frame
/// keeps its own answer and its own metadata, and a bank's reports stay in order.
/// </summary>
public sealed class DoorStatusBatchingTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly Site Site = new("浙江省", "杭州市", "西湖区", "文新街道", "紫荆花路", "翠苑一区", "南门");

    private async Task RegisterAsync(string serial, int doors)
    {
        var now = DateTimeOffset.UtcNow;
        (await api.SendAsync(new ProvisionCabinet(serial, Site, now))).ShouldBeOfType<CommandOutcome.Accepted>();
        (await api.SendAsync(new RegisterCabinetBank(serial, "快递柜", [], now))).ShouldBeOfType<CommandOutcome.Accepted>();
        var sizes = new DoorAttributes(DoorSize.Medium, Insulated: false, Vertical: false);
        (await api.SendAsync(new RegisterDoors(serial, Enumerable.Range(1, doors).Select(d => new DoorRegistration(0, d, sizes)).ToList(), now)))
            .ShouldBeOfType<CommandOutcome.Accepted>();
    }

    [Fact]
    public async Task concurrent_frames_of_many_banks_are_batched_and_every_event_carries_its_own_frames_metadata()
    {
        var serials = Enumerable.Range(1, 30).Select(i => $"BATCH{i:D4}").ToList();
        foreach (var serial in serials) await RegisterAsync(serial, doors: 4);
        var batcher = api.Services.GetRequiredService<DoorStatusBatcher>();
        var before = batcher.BatchedReports;

        // Four frames per bank, one door each, all in flight at once.
        var frames = serials.SelectMany(serial => Enumerable.Range(1, 4).Select(door => (serial, door))).ToList();
        var answers = await Task.WhenAll(frames.Select(f =>
            new IbsClient(api.Http()).SendAsync("insert_single_status", new[] { new { series_number = f.serial, single_code = $"{f.door},1" } })));

        answers.ShouldAllBe(a => a.Code == 0);
        (batcher.BatchedReports - before).ShouldBeGreaterThan(0);
        var correlations = new List<string?>();
        foreach (var serial in serials)
        {
            var events = (await api.StreamAsync(CabinetEventNames.StreamId(serial))).Where(e => e.Data is DoorOccupied).ToList();
            events.Select(e => ((DoorOccupied)e.Data).DoorNumber).Order().ShouldBe([1, 2, 3, 4]);
            events.Select(e => e.Version).ShouldBe(events.Select(e => e.Version).Order()); // appended in version order
            events.ShouldAllBe(e => e.UserName == serial && e.Headers!["role"].ToString() == "firmware" && e.Headers["channel"].ToString() == "ibs");
            events.ShouldAllBe(e => e.CausationId != null);
            correlations.AddRange(events.Select(e => e.CorrelationId));
        }
        correlations.ShouldAllBe(c => c != null);
        correlations.Distinct().Count().ShouldBe(frames.Count); // one request, one correlation id, even inside a shared transaction
    }

    [Fact]
    public async Task reports_of_one_bank_in_one_batch_fold_in_order_and_a_bad_report_is_refused_alone()
    {
        const string serial = "BATCH-ORDER";
        await RegisterAsync(serial, doors: 2);
        var firmware = new CommandContext(new Actor(serial, "firmware", "ibs"), CorrelationId: "c-1");
        var now = DateTimeOffset.UtcNow;
        ReportDoorStatus Report(string bank, int door, bool occupied) => new(bank, [new DoorStatusReport(door, occupied)], now);

        var result = await api.Services.GetRequiredService<CommandSender>().InvokeAsync<ReportDoorStatusBatchOutcome>(new ReportDoorStatusBatch(
        [
            new(Report(serial, 1, true), firmware, "a"),
            new(Report("BATCH-NOBODY", 1, true), firmware with { Actor = new Actor("BATCH-NOBODY", "firmware", "ibs") }, "b"),
            new(Report(serial, 1, false), firmware, "c"),
            new(Report(serial, 1, false), firmware, "d"), // already free: decided on the folded state, no event
            new(Report(serial, 9, true), firmware, "e"),  // no such door
        ]), new CommandContext(Actor.System));

        result.Outcomes[0].ShouldBe(new CommandOutcome.Accepted(null, 1));
        result.Outcomes[1].ShouldBeOfType<CommandOutcome.Rejected>().Error.Code.ShouldBe(CabinetDecider.Errors.NotRegistered);
        result.Outcomes[2].ShouldBe(new CommandOutcome.Accepted(null, 1));
        result.Outcomes[3].ShouldBe(new CommandOutcome.Accepted(null, 0));
        result.Outcomes[4].ShouldBeOfType<CommandOutcome.Rejected>().Error.Code.ShouldBe(CabinetDecider.Errors.UnknownDoor);
        var doorEvents = (await api.StreamAsync(CabinetEventNames.StreamId(serial))).Where(e => e.Data is DoorOccupied or DoorReleased).ToList();
        doorEvents.Select(e => e.Data.GetType()).ShouldBe([typeof(DoorOccupied), typeof(DoorReleased)]);
        doorEvents.Select(e => e.CausationId).ShouldBe(["a", "c"]);
        (await api.StreamAsync(CabinetEventNames.StreamId("BATCH-NOBODY"))).ShouldBeEmpty();
    }
}
