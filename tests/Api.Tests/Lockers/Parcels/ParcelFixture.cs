using Cabinets.Api.Commands;
using Cabinets.Api.Lockers.Parcels;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Domain.Lockers.Parcels;
using Cabinets.Projections.Lockers.Parcels;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests.Lockers.Parcels;

/// <summary>The Api with a clock the tests move, and helpers to install a bank and book at it.</summary>
public class ParcelFixture : ApiFixture
{
    public MutableClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    public IbsClient Firmware() => new(Http());

    public static Site SiteAt(string place) => new("广东省", "深圳市", "南山区", "粤海街道", place, "阳光小区", "3号楼东侧");

    /// <summary>A provisioned, registered bank with the given doors ("idx,door,attrs"), counted by the free-door model.</summary>
    public async Task InstallAsync(string serial, Site site, params string[] doors)
    {
        (await SendAsync(new ProvisionCabinet(serial, site, Clock.GetUtcNow()))).ShouldBeOfType<CommandOutcome.Accepted>();
        var firmware = Firmware();
        (await firmware.SendAsync("insert_locker_info", new[]
        {
            new { type = "快递柜", locker_info = new object[] { new { category = "M", create_date = "2026-01-05", series_number = serial } } },
        })).Code.ShouldBe(0);
        (await firmware.SendAsync("insert_single_info", doors.Select(d => new { series_number = serial, single_code = d }).ToArray())).Code.ShouldBe(0);
        await CaughtUpAsync();
    }

    public Task<BookingResult> BookAsync(string place, string order, string phone = "13800138000", DoorWish? wish = null, string partner = "partner-test") =>
        Services.GetRequiredService<ParcelBooking>().BookAsync(
            new BookingRequest(partner, "test", "广东省", "深圳市", "", "", place, order, "张三", phone, wish ?? new DoorWish(null, false, false)),
            new CommandContext(new Actor(partner, "partner", "test")), CancellationToken.None);

    public async Task<ParcelSnapshot?> ParcelAsync(string record)
    {
        await using var session = Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<ParcelSnapshot>(ParcelEventNames.StreamId(record));
    }
}
