using System.Globalization;
using Cabinets.Api.Commands;
using Cabinets.Domain.Vending.Catalog;

namespace Cabinets.Api.Vending.Handlers.Catalog;

/// <summary>`Vending:ProductPullMinutes` (15), `Vending:SalesPushLocalTime` (02:00), and how often the schedule looks at the clock.</summary>
public sealed class CatalogScheduleSettings
{
    public int ProductPullMinutes { get; set; } = 15;
    public string SalesPushLocalTime { get; set; } = "02:00";
    public double SchedulePollSeconds { get; set; } = 15;
    /// <summary>`Vending:ScheduleEnabled`: false in tests that script the ERP and do not want the timers' requests.</summary>
    public bool ScheduleEnabled { get; set; } = true;

    public TimeOnly PushTime => TimeOnly.ParseExact(SalesPushLocalTime, "HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>
/// The product pull every 15 minutes and the 02:00 (Asia/Shanghai) sales push (VENDING.md §2.11).
/// A hosted service on every node that reads the clock and asks for what is due; each request is
/// claimed by starting a stream whose name is the slot (`SP-{slot}`) or the summary
/// (`SS-{day}-{store}`), so exactly one node's request goes out and the schedule needs no leader,
/// survives the loss of any node and is deterministic to test with a moved clock. (Wolverine's
/// scheduled messages would need one node to seed a self-rescheduling chain, which a crash between
/// handling and rescheduling breaks and two seeding nodes double.)
/// The pull never runs at start-up: the first is the next slot. The push of the last ended day is
/// asked for at start-up too (its claim makes that harmless), so a node down at 02:00 catches up.
/// </summary>
internal sealed partial class CatalogSchedule(CommandSender commands, TimeProvider clock, CatalogScheduleSettings settings, ILogger<CatalogSchedule> log)
    : BackgroundService
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly CommandContext System = new(Actor.System);
    private long lastPullSlot;
    private DateOnly? lastPushedDay;

    /// <summary>The business day (Asia/Shanghai) of an instant.</summary>
    public static DateOnly BusinessDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Shanghai).DateTime);

    /// <summary>The day whose summary is due at <paramref name="at"/>: yesterday once today's push time passed, else the day before.</summary>
    public static DateOnly DueSalesDay(DateTimeOffset at, TimeOnly pushTime)
    {
        var local = TimeZoneInfo.ConvertTime(at, Shanghai).DateTime;
        return DateOnly.FromDateTime(local).AddDays(TimeOnly.FromDateTime(local) >= pushTime ? -1 : -2);
    }

    public static long PullSlot(DateTimeOffset at, int minutes) => at.ToUnixTimeSeconds() / (Math.Max(1, minutes) * 60L);

    public static string ScheduledSyncId(long slot, int minutes) =>
        "SP-" + DateTimeOffset.FromUnixTimeSeconds(slot * Math.Max(1, minutes) * 60L).ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        lastPullSlot = PullSlot(clock.GetUtcNow(), settings.ProductPullMinutes); // never at start-up
        var poll = TimeSpan.FromSeconds(Math.Max(0.05, settings.SchedulePollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(poll, stoppingToken);
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(log, e); // the next tick asks again; claims keep that to one request
            }
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var slot = PullSlot(now, settings.ProductPullMinutes);
        if (slot > lastPullSlot)
        {
            await commands.SendAsync(new RequestProductSync(ScheduledSyncId(slot, settings.ProductPullMinutes), now), System, ct);
            lastPullSlot = slot;
        }
        var due = DueSalesDay(now, settings.PushTime);
        if (lastPushedDay is null || due > lastPushedDay)
        {
            await commands.SendAsync(new RequestDailySalesPush(due, now), System, ct);
            lastPushedDay = due;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "vending schedule: asking for the product pull or the sales push failed; the next tick asks again")]
    private static partial void Failed(ILogger logger, Exception e);
}
