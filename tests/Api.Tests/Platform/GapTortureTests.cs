using Cabinets.Domain.Lockers.Cabinets;
using JasperFx.Events.Projections;
using Marten;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Cabinets.Api.Tests.Platform;

public sealed class TortureApi : ApiFixture
{
    protected override void ConfigureServices(IServiceCollection services) => services.ConfigureMarten(o =>
    {
        o.Projections.Add(new EventRecorderProjection(), ProjectionLifecycle.Async, EventRecorderProjection.Name);
        o.Storage.ExtendedSchemaObjects.Add(EventRecorderProjection.Table());
    });
}

/// <summary>
/// Our Marten configuration under the writers that make sequence gaps (ADR-0015): concurrent
/// commands on shared streams, appends rolled back, and appends whose commit comes 5 s later —
/// longer than Marten's 3 s stale threshold. The async daemon must end with every committed
/// event applied exactly once.
/// </summary>
public sealed class GapTortureTests(TortureApi api, ITestOutputHelper output) : IClassFixture<TortureApi>
{
    private const int Banks = 20;
    private static readonly TimeSpan RunFor = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task every_committed_event_reaches_the_async_projection_exactly_once()
    {
        var now = DateTimeOffset.UtcNow;
        for (var b = 0; b < Banks; b++)
        {
            (await api.SendAsync(new RegisterCabinetBank(Serial(b), "快递柜", [], now, AllowUnprovisioned: true))).ShouldBeOfType<Commands.CommandOutcome.Accepted>();
            (await api.SendAsync(new RegisterDoors(Serial(b), Enumerable.Range(1, 8).Select(d => new DoorRegistration(0, d, new DoorAttributes(DoorSize.Small, false, false))).ToList(), now)))
                .ShouldBeOfType<Commands.CommandOutcome.Accepted>();
        }

        var until = DateTime.UtcNow + RunFor;
        var fast = Enumerable.Range(0, 6).Select(w => FastWriterAsync(w, until));
        var slow = Enumerable.Range(0, 2).Select(w => SlowWriterAsync(w, until));
        var counts = await Task.WhenAll(fast.Concat(slow));
        output.WriteLine($"commands and appends attempted: {counts.Sum()}");

        await api.CaughtUpAsync();
        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        await using var cmd = db.CreateCommand("""
            select (select count(*) from mt_events),
                   (select count(*) from mt_events e where not exists (select 1 from recorded_events r where r.seq_id = e.seq_id)),
                   (select count(*) from (select seq_id from recorded_events group by seq_id having count(*) > 1) d),
                   (select count(*) from recorded_events r where not exists (select 1 from mt_events e where e.seq_id = r.seq_id)),
                   (select max(seq_id) from mt_events) - (select count(*) from mt_events)
            """);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        var (committed, missing, doubled, phantom, gaps) = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4));
        output.WriteLine($"committed {committed}, sequence numbers never committed {gaps}");
        gaps.ShouldBeGreaterThan(0); // the run did make gaps
        (missing, doubled, phantom).ShouldBe((0L, 0L, 0L));
    }

    private static string Serial(int b) => $"GAP-{b:D3}";

    /// <summary>Door flips through the Api's handlers; every tenth append is made and rolled back instead.</summary>
    private async Task<int> FastWriterAsync(int writer, DateTime until)
    {
        var random = new Random(writer);
        var n = 0;
        while (DateTime.UtcNow < until)
        {
            n++;
            var serial = Serial(random.Next(Banks));
            if (random.Next(10) == 0)
            {
                await AppendInTransactionAsync(serial, commitAfter: null);
                continue;
            }
            await api.SendAsync(new ReportDoorStatus(serial, [new DoorStatusReport(random.Next(1, 9), random.Next(2) == 0)], DateTimeOffset.UtcNow));
        }
        return n;
    }

    /// <summary>Appends whose transaction stays open 5 s, then commits (70%) or rolls back.</summary>
    private async Task<int> SlowWriterAsync(int writer, DateTime until)
    {
        var random = new Random(100 + writer);
        var n = 0;
        while (DateTime.UtcNow < until)
        {
            n++;
            await AppendInTransactionAsync($"GAP-SLOW-{writer}-{n}", commitAfter: random.Next(10) < 7 ? TimeSpan.FromSeconds(5) : null,
                holdFor: TimeSpan.FromSeconds(5));
        }
        return n;
    }

    private async Task AppendInTransactionAsync(string stream, TimeSpan? commitAfter, TimeSpan? holdFor = null)
    {
        await using var conn = new NpgsqlConnection(api.ConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var store = api.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession(SessionOptions.ForTransaction(tx)))
        {
            session.Events.Append($"{stream}-{Guid.NewGuid():N}", new DoorOccupied(stream, 1, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }
        if (holdFor is { } hold) await Task.Delay(hold); // a slow writer, deliberately past the stale threshold
        if (commitAfter is not null) await tx.CommitAsync();
        else await tx.RollbackAsync();
    }
}
