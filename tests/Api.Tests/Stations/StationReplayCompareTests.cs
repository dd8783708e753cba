using Cabinets.Api.Audit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cabinets.Api.Tests.Stations;

/// <summary>Replay-and-compare of the station order-line model: identical after real orders, a tampered line is reported.</summary>
public sealed class StationReplayCompareTests(StationFixture api) : IClassFixture<StationFixture>
{
    [Fact]
    public async Task the_order_line_model_replays_identical_and_a_tampered_quantity_is_reported()
    {
        var station = await api.ClientAsync();
        var order = await station.OrderAsync(217824, 231367, StationClient.Line("D11862266", "C2473562", 2, "11.84"), StationClient.Line("D13415925", "C2723984", 1, "3.50"));
        await api.CaughtUpAsync();
        var compare = api.Services.GetRequiredService<ReplayCompare>();

        (await compare.RunAsync("station_order_lines", null, CancellationToken.None)).Differences.ShouldBeEmpty();
        (await compare.RunAsync("station_order_snapshots", null, CancellationToken.None)).Differences.ShouldBeEmpty();

        await using (var db = NpgsqlDataSource.Create(api.ConnectionString))
        await using (var cmd = db.CreateCommand($"update stations.station_order_lines set quantity = quantity + 1 where order_id = '{order}' and sku_id = 'D13415925'"))
            (await cmd.ExecuteNonQueryAsync()).ShouldBe(1);
        var broken = await compare.RunAsync("station_order_lines", null, CancellationToken.None);
        broken.Differences.Single().ShouldSatisfyAllConditions(
            d => d.Table.ShouldBe("station_order_lines"), d => d.Key.ShouldBe($"{order}/D13415925"), d => d.Kind.ShouldBe("different"));
    }
}
