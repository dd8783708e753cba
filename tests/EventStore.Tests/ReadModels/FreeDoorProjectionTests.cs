using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.EventStore.Appending;
using Cabinets.EventStore.Events;
using Cabinets.EventStore.Projections;
using Cabinets.EventStore.Schema;
using Cabinets.Projections.Lockers.FreeDoors;
using Cabinets.Testing;
using Npgsql;

namespace Cabinets.EventStore.Tests.ReadModels;

/// <summary>The free-door model, run inline so each append is immediately visible.</summary>
public sealed class FreeDoorProjectionTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);
    private static readonly EventMetadata Meta = new(new Actor("IBS1", "firmware", "ibs"));
    private static readonly Site Shenzhen = new("广东省", "深圳市", "南山区", "粤海街道", "科技园", "阳光小区", null);
    private static readonly Site Beijing = new("北京市", "北京市", "海淀区", "中关村街道", "软件园", "软件园", "B2");
    private NpgsqlDataSource _dataSource = null!;
    private PostgresEventStore _store = null!;

    public async Task InitializeAsync()
    {
        _dataSource = EventStoreDataSource.Create(db.ConnectionString);
        await SchemaMigrator.MigrateAsync(_dataSource, []);
        var projection = new FreeDoorProjection(ProjectionLifecycle.Inline);
        await using (var cmd = _dataSource.CreateCommand(projection.CreateTablesSql(ProjectionContext.LiveSchema)))
            await cmd.ExecuteNonQueryAsync();
        _store = new PostgresEventStore(_dataSource, new EventTypeRegistry().RegisterAll(CabinetEventNames.All), [projection]);
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    private Task<AppendResult> Append(string serial, params ICabinetEvent[] events) =>
        _store.AppendAsync(CabinetEventNames.StreamId(serial), CabinetEventNames.StreamType, ExpectedVersion.Any, Meta, events);

    private async Task Bank(string serial, Site site, params (int Door, DoorAttributes Attributes)[] doors)
    {
        await Append(serial,
        [
            new CabinetProvisioned(serial, site, Now),
            new CabinetBankRegistered(serial, "快递柜", [0], Now),
            .. doors.Select(d => new DoorRegistered(serial, d.Door, 0, d.Attributes, Now)),
        ]);
    }

    private Task<int> Count(FreeDoorFilter filter) => FreeDoorQueries.CountAsync(_dataSource, filter);

    [Fact]
    public async Task free_doors_are_counted_by_any_part_of_the_site_by_size_and_by_attribute()
    {
        var large = new DoorAttributes(DoorSize.Large, Insulated: true, Vertical: false);
        var small = new DoorAttributes(DoorSize.Small, Insulated: false, Vertical: true);
        // this class's tests share a database: a street of its own keeps this test's banks apart
        const string street = "一号街道";
        await Bank("SZ1", Shenzhen with { Street = street }, (1, large), (2, large), (3, small));
        await Bank("BJ1", Beijing with { Street = street }, (1, small));

        (await Count(new FreeDoorFilter(Street: street))).ShouldBe(4);
        (await Count(new FreeDoorFilter(Province: "广东省", Street: street))).ShouldBe(3);
        (await Count(new FreeDoorFilter(City: "深圳市", Street: street, Place: "科技园", Size: DoorSize.Large))).ShouldBe(2);
        (await Count(new FreeDoorFilter(Street: street, Attribute: DoorAttributeFilter.Vertical))).ShouldBe(2);
        (await Count(new FreeDoorFilter(Province: "广东省", Street: street, Attribute: DoorAttributeFilter.Insulated))).ShouldBe(2);
        (await Count(new FreeDoorFilter(Province: "上海市"))).ShouldBe(0);
    }

    [Fact]
    public async Task occupying_and_releasing_a_door_moves_the_count_and_a_site_change_moves_the_doors()
    {
        var medium = new DoorAttributes(DoorSize.Medium, false, false);
        await Bank("SZ2", Shenzhen with { Place = "南山园" }, (1, medium), (2, medium));

        await Append("SZ2", new DoorOccupied("SZ2", 1, Now), new DoorOccupied("SZ2", 2, Now), new DoorReleased("SZ2", 2, Now));
        (await Count(new FreeDoorFilter(Place: "南山园"))).ShouldBe(1);

        await Append("SZ2", new CabinetSiteChanged("SZ2", Shenzhen with { Place = "后海园" }, Now));
        (await Count(new FreeDoorFilter(Place: "南山园"))).ShouldBe(0);
        (await Count(new FreeDoorFilter(Place: "后海园"))).ShouldBe(1);
    }

    [Fact]
    public async Task a_cabinet_reads_back_with_its_site_and_doors()
    {
        await Bank("SZ3", Shenzhen, (7, new DoorAttributes(DoorSize.Small, true, true)));

        var cabinet = await FreeDoorQueries.CabinetAsync(_dataSource, "SZ3");
        cabinet.ShouldNotBeNull().Site.ShouldBe(Shenzhen);
        cabinet.Type.ShouldBe("快递柜");
        var doors = await FreeDoorQueries.DoorsAsync(_dataSource, ["SZ3", "nope"]);
        doors["SZ3"].Single().ShouldBe(new DoorView(7, 0, DoorSize.Small, true, true, false, true));
        doors["nope"].ShouldBeEmpty();
    }
    private async Task<List<string>> CountRowsAsync(string serial)
    {
        await using var cmd = _dataSource.CreateCommand(
            "select size || insulated::text || vertical::text || ':' || free || '@' || xmin::text from rm.free_door_counts where serial_number = $1 order by 1");
        cmd.Parameters.Add(new() { Value = serial });
        var rows = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) rows.Add(r.GetString(0));
        return rows;
    }

    [Fact]
    public async Task a_door_registered_again_with_another_size_leaves_no_row_for_the_kind_the_bank_no_longer_has()
    {
        await Bank("SZ4", Shenzhen with { Place = "前海园" }, (1, new DoorAttributes(DoorSize.Large, false, false)));

        await Append("SZ4", new DoorRegistered("SZ4", 1, 0, new DoorAttributes(DoorSize.Small, false, false), Now));

        (await CountRowsAsync("SZ4")).ShouldHaveSingleItem().ShouldStartWith("Sfalsefalse:1@");
        (await Count(new FreeDoorFilter(Place: "前海园", Size: DoorSize.Large))).ShouldBe(0);
        (await Count(new FreeDoorFilter(Place: "前海园", Size: DoorSize.Small))).ShouldBe(1);
    }

    [Fact]
    public async Task a_batch_that_leaves_a_count_as_it_was_does_not_rewrite_its_row()
    {
        await Bank("SZ5", Shenzhen, (1, new DoorAttributes(DoorSize.Medium, false, false)), (2, new DoorAttributes(DoorSize.Medium, false, false)));
        var before = await CountRowsAsync("SZ5");

        await Append("SZ5", new DoorOccupied("SZ5", 1, Now), new DoorReleased("SZ5", 1, Now));
        (await CountRowsAsync("SZ5")).ShouldBe(before); // same count, same row version (xmin)

        await Append("SZ5", new DoorOccupied("SZ5", 2, Now));
        (await CountRowsAsync("SZ5")).ShouldHaveSingleItem().ShouldStartWith("Mfalsefalse:1@");
    }
    [Fact]
    public async Task counts_moved_by_delta_always_equal_a_recount_of_the_doors()
    {
        var random = new Random(42);
        var sizes = new[] { DoorSize.Large, DoorSize.Medium, DoorSize.Small };
        DoorAttributes AnyKind() => new(sizes[random.Next(3)], random.Next(2) == 0, random.Next(4) == 0);
        var banks = Enumerable.Range(1, 6).Select(b => $"PR{b}").ToArray();
        foreach (var bank in banks)
            await Bank(bank, Shenzhen with { Place = bank }, Enumerable.Range(1, 8).Select(d => (d, AnyKind())).ToArray());

        for (var step = 0; step < 300; step++)
        {
            // one session over one to three banks: a batch mixing door changes with the odd re-registration or move
            var session = _store.OpenSession(Meta);
            foreach (var bank in banks.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
            {
                var events = new List<ICabinetEvent>();
                for (var n = random.Next(1, 6); n > 0; n--)
                {
                    var door = random.Next(1, 10); // door 9 was never registered
                    events.Add(random.Next(20) switch
                    {
                        0 => new DoorRegistered(bank, door, 0, AnyKind(), Now),
                        1 => new CabinetSiteChanged(bank, Shenzhen with { Place = $"{bank}-{random.Next(3)}" }, Now),
                        < 11 => new DoorOccupied(bank, door, Now),
                        _ => new DoorReleased(bank, door, Now),
                    });
                }
                session.Append(CabinetEventNames.StreamId(bank), CabinetEventNames.StreamType, ExpectedVersion.Any, events);
            }
            (await session.SaveChangesAsync()).ShouldBeOfType<AppendResult.Committed>();
        }

        await using var compare = _dataSource.CreateCommand("""
            with recount as (
                select d.serial_number, d.size, d.insulated, d.vertical, c.place, (count(*) filter (where not d.occupied and d.usable))::int as free
                  from rm.doors d join rm.cabinets c using (serial_number)
                 where d.serial_number like 'PR%' group by 1, 2, 3, 4, 5),
            counted as (select serial_number, size, insulated, vertical, place, free from rm.free_door_counts where serial_number like 'PR%')
            select (select count(*) from recount), (select count(*) from ((table recount except table counted) union all (table counted except table recount)) x)
            """);
        await using var r = await compare.ExecuteReaderAsync();
        await r.ReadAsync();
        r.GetInt64(0).ShouldBeGreaterThan(6);
        r.GetInt64(1).ShouldBe(0, "rows of free_door_counts that differ from a recount of rm.doors");
    }
}
