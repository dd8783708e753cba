using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cabinets.Api.Commands;
using Cabinets.Domain.Stations.Orders;
using Cabinets.Domain.Stations.Reference;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;


namespace Cabinets.Api.Tests.Stations;

/// <summary>TAX.md §5 scenario 12: V1 order events, written as the old system did, read through the upcaster.</summary>
public sealed class StationHistoryTests(StationFixture api) : IClassFixture<StationFixture>, IAsyncLifetime
{
    private StationClient station = null!;

    public async Task InitializeAsync() => station = await api.ClientAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task scenario_12_v1_history_is_read_through_the_upcaster_without_rewriting_the_row()
    {
        const string orderId = "PL0000012";
        var v1 = JsonSerializer.Serialize(new
        {
            OrderId = orderId, StationId = StationFixture.Station, AddressId = 217824, Uid = 231367,
            ReceiveBeginTime = DateTimeOffset.Parse("2025-06-01T00:00:00Z"), ReceiveEndTime = DateTimeOffset.Parse("2025-06-01T04:00:00Z"),
            TimeConfigId = "OLD", Remark = (string?)null, Address = (string?)null, Client = 1, At = DateTimeOffset.Parse("2025-06-01T00:00:00Z"),
            Lines = new object[]
            {
                new { SkuId = "D13415925", SpuId = "C2723984", Quantity = 1m, UnitPrice = 100L, IsPriceTiming = false, SpuRemark = (string?)null, TaxRate = 0 },
                new { SkuId = "D11862266", SpuId = "C2473562", Quantity = 1m, UnitPrice = 1184L, IsPriceTiming = false, SpuRemark = (string?)null, TaxRate = 1300 },
            },
        });
        // Written as the old system would have: an event row of the V1 type, no flag, and a stream row.
        var store = api.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream(Domain.Stations.Orders.StationOrderEventNames.StreamId(orderId), new StationOrderEventsV1.StationOrderCreated(orderId,
                StationFixture.Station, 217824, 231367, DateTimeOffset.Parse("2025-06-01T00:00:00Z"), DateTimeOffset.Parse("2025-06-01T04:00:00Z"),
                "OLD", null, null, 1, [], DateTimeOffset.Parse("2025-06-01T00:00:00Z")));
            await session.SaveChangesAsync();
        }
        await using (var db = NpgsqlDataSource.Create(api.ConnectionString))
        {
            await using var cmd = db.CreateCommand("update mt_events set data = @data::jsonb, type = 'stations.order_created.v1' where stream_id = @id");
            cmd.Parameters.AddWithValue("data", v1);
            cmd.Parameters.AddWithValue("id", Domain.Stations.Orders.StationOrderEventNames.StreamId(orderId));
            (await cmd.ExecuteNonQueryAsync()).ShouldBe(1);
            await using var drop = db.CreateCommand("delete from mt_doc_stationordersnapshot where id = @id");
            drop.Parameters.AddWithValue("id", Domain.Stations.Orders.StationOrderEventNames.StreamId(orderId));
            await drop.ExecuteNonQueryAsync();
        }
        await using var read = store.QuerySession();
        var upcast = (await read.Events.FetchStreamAsync(Domain.Stations.Orders.StationOrderEventNames.StreamId(orderId))).Single().Data.ShouldBeOfType<StationOrderCreated>();
        upcast.Lines.Select(l => (l.TaxRate, l.IsSetTax)).ShouldBe([(0, false), (1300, true)]);
        upcast.Lines.ShouldAllBe(l => l.TaxRuleId == null && l.RateCapturedAt == null);

        // The order view, rebuilt by Marten's projection rebuild from every stored event (the V1 row
        // included), serves the detail endpoint; the stored row is the same before and after.
        var before = await StoredRowAsync(orderId);
        using (var daemon = await store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<Cabinets.Projections.Stations.StationOrderSnapshotProjection>(TimeSpan.FromMinutes(1), CancellationToken.None);
        var detail = await station.DetailAsync(orderId);
        StationClient.LineOf(detail, "D13415925").GetProperty("is_set_tax").GetInt32().ShouldBe(0);
        StationClient.LineOf(detail, "D11862266").GetProperty("is_set_tax").GetInt32().ShouldBe(1);
        StationClient.LineOf(detail, "D11862266").GetProperty("tax_rate").GetInt32().ShouldBe(1300);
        var after = await StoredRowAsync(orderId);
        after.ShouldBe(before);
        after.Type.ShouldBe("stations.order_created.v1"); // never rewritten
        after.Data.ShouldNotContain("IsSetTax");
    }

    private async Task<(string Type, string Data)> StoredRowAsync(string orderId)
    {
        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        await using var cmd = db.CreateCommand("select type, data::text from mt_events where stream_id = @id");
        cmd.Parameters.AddWithValue("id", Domain.Stations.Orders.StationOrderEventNames.StreamId(orderId));
        await using var reader = await cmd.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        return (reader.GetString(0), reader.GetString(1));
    }
}
