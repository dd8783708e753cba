using Cabinets.Api.Audit;
using Cabinets.Api.Lockers.Parcels;
using Cabinets.Api.Tests.Lockers.Parcels;
using Cabinets.Api.Tests.Stations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cabinets.Api.Tests.Audit;

/// <summary>Replay-and-compare finds nothing when all is well, and a live row corrupted by hand when it is not.</summary>
public sealed class ReplayCompareTests(ParcelFixture api) : IClassFixture<ParcelFixture>
{
    private async Task SeedAsync(string serial, string place, string order)
    {
        await api.InstallAsync(serial, ParcelFixture.SiteAt(place), "0,1,32", "0,2,64", "1,3,72");
        (await api.BookAsync(place, order)).ShouldBeOfType<BookingResult.Booked>();
        (await api.Firmware().SendAsync("recieve_verify_num", new { verify_num = "202020", series_num = serial, order_num = order, single_code = "1" })).Code.ShouldBe(0);
        (await api.Firmware().SendAsync("single_exception", new { series_number = serial, name = "3", single_status = 3, use_status = 3 })).Code.ShouldBe(0);
        await api.CaughtUpAsync();
        // a fault and a later occupancy of one door, projected live in two batches and replayed in one:
        // the row's updated_at must be the later change either way
        (await api.Firmware().SendAsync("single_repair", new { series_number = serial, name = "3", single_status = 4 })).Code.ShouldBe(0);
        await api.CaughtUpAsync();
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        (await api.Firmware().SendAsync("insert_single_status", new { series_number = serial, single_code = "3,1" })).Code.ShouldBe(0);
        await api.CaughtUpAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        await using var cmd = db.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task the_free_door_model_replays_identical_and_a_corrupted_count_is_reported()
    {
        await SeedAsync("IBSC0000001", "园区C1", "4440000001");
        var compare = api.Services.GetRequiredService<ReplayCompare>();
        var progress = new List<ReplayProgress>();

        var clean = await compare.RunAsync("free_doors", new Progress<ReplayProgress>(progress.Add), CancellationToken.None);
        clean.Differences.ShouldBeEmpty();
        clean.LivePosition.ShouldBeGreaterThan(0);

        await ExecuteAsync("update rm.free_door_counts set free = free + 5 where serial_number = 'IBSC0000001' and size = 'M'");
        await ExecuteAsync("delete from rm.doors where serial_number = 'IBSC0000001' and door_number = 2");
        var broken = await compare.RunAsync("free_doors", null, CancellationToken.None);
        broken.Differences.ShouldContain(d => d.Table == "free_door_counts" && d.Kind == "different" && d.Key.StartsWith("IBSC0000001/M"));
        broken.Differences.ShouldContain(d => d.Table == "doors" && d.Kind == "missing_in_live" && d.Key == "IBSC0000001/2");
        broken.Differences.Count.ShouldBe(2);
    }

    [Fact]
    public async Task inline_snapshots_replay_identical_and_a_hand_edited_document_is_reported_over_graphql()
    {
        await SeedAsync("IBSC0000002", "园区C2", "4440000002");
        var admin = await api.AdminAsync();
        var clean = await StationGraphQL.DataAsync(admin, """
            { parcels: replayCompare(projection: "parcel_snapshots") { identical differences { key } }
              cabinets: replayCompare(projection: "cabinet_snapshots") { identical } }
            """);
        clean.GetProperty("parcels").GetProperty("identical").GetBoolean().ShouldBeTrue();
        clean.GetProperty("cabinets").GetProperty("identical").GetBoolean().ShouldBeTrue();

        await ExecuteAsync("""update mt_doc_parcelsnapshot set data = jsonb_set(data, '{Status}', '"PICKED_UP"') where data ->> 'OrderNumber' = '4440000002' and data ->> 'SerialNumber' = 'IBSC0000002'""");
        var broken = await StationGraphQL.DataAsync(admin, """{ replayCompare(projection: "parcel_snapshots") { identical differences { table key kind live replayed } } }""");
        var difference = broken.GetProperty("replayCompare").GetProperty("differences").EnumerateArray().Single();
        difference.GetProperty("kind").GetString().ShouldBe("different");
        difference.GetProperty("live").GetString()!.ShouldContain("PICKED_UP");
        difference.GetProperty("replayed").GetString()!.ShouldContain("STORED");
    }
}
