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

/// <summary>TAX.md §5 scenarios 14 and 15: delivery sheets, prints with totals and a stable tax number.</summary>
public sealed class DeliverySheetScenarioTests(StationFixture api) : IClassFixture<StationFixture>, IAsyncLifetime
{
    private StationClient station = null!;

    public async Task InitializeAsync() => station = await api.ClientAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task scenarios_14_15_delivery_sheet_print_with_totals_and_a_stable_tax_number()
    {
        await station.RuleAsync(266603, "C2473562", "45");
        var order = await station.OrderAsync(266603, 280749, StationClient.Line("D11862266", "C2473562", 2, "11.84"));
        (await station.PostAsync("/delivery/update", new { order_id = order, details = new[] { new { sku_id = "D11862266", real_quantity = 1.5m } } }))
            .GetProperty("code").GetInt32().ShouldBe(0);
        var edited = (await station.PostAsync("/delivery/print", new { ids = new[] { order }, type = 2 })).GetProperty("data").GetProperty("delivery_details")[0];
        var line = edited.GetProperty("details")[0];
        line.GetProperty("real_item_price").GetDecimal().ShouldBe(17.76m);
        line.GetProperty("tax").GetString().ShouldBe("5.51");
        line.GetProperty("real_item_price_without_tax").GetString().ShouldBe("12.25");
        edited.GetProperty("total_tax").GetString().ShouldBe("5.51");
        edited.GetProperty("total_pay").GetDecimal().ShouldBe(17.76m);
        edited.GetProperty("real_price_without_tax").GetString().ShouldBe("12.25");
        var ordered = (await station.PostAsync("/delivery/print", new { ids = new[] { order }, type = 1 })).GetProperty("data").GetProperty("delivery_details")[0];
        ordered.GetProperty("details")[0].GetProperty("tax").GetString().ShouldBe("7.35");
        ordered.GetProperty("total_tax").GetString().ShouldBe("7.35");
        ordered.GetProperty("tax_number").GetInt32().ShouldBe(edited.GetProperty("tax_number").GetInt32()); // a reprint keeps its number
        var data = new { receive_begin_time = "2026-12-28 08:00", receive_end_time = "2026-12-28 12:00" };
        (await station.PostAsync("/station/order/edit", new { order_id = order, details = new[] { StationClient.Line("D11862266", "C2473562", 1, "11.84") }, order_data = data }))
            .GetProperty("code").GetInt32().ShouldBe(1004);
        var missing = await station.PostAsync("/delivery/print", new { ids = new[] { order, "PL404" }, type = 1 });
        missing.GetProperty("code").GetInt32().ShouldBe(1002);
        missing.GetProperty("data").GetProperty("missing_ids")[0].GetString().ShouldBe("PL404");
    }

    [Fact]
    public async Task the_sorting_view_shows_type_1_sheets_in_its_own_formats_and_names_missing_ids()
    {
        var order = await station.OrderAsync(217824, 231367, StationClient.Line("D11862266", "C2473562", 1, "11.84"), StationClient.Line("D13415925", "C2723984", 4.44m, "1.00"));
        var answer = await station.GetAsync($"/distribute/get_order_by_id?ids=[\"{order}\"]");
        answer.GetProperty("code").GetInt32().ShouldBe(0, answer.ToString());
        var sheet = answer.GetProperty("data")[0];
        sheet.GetProperty("total_pay").GetString().ShouldBe("16.28");
        sheet.GetProperty("date_time").GetString()!.Length.ShouldBe("2026-12-02 10:00:00".Length);
        var beans = sheet.GetProperty("details").EnumerateArray().Single(l => l.GetProperty("id").GetString() == "D13415925");
        beans.GetProperty("real_item_price").GetDecimal().ShouldBe(4.44m);
        beans.GetProperty("tax").GetString().ShouldBe("0.00");
        (await station.GetAsync($"/station/distribute/get_order_by_id?ids={order}&ids=PL404")).GetProperty("data").GetProperty("missing_ids")[0].GetString().ShouldBe("PL404");
        (await station.GetAsync("/station/distribute/get_order_by_id?start_time=2026-12-01")).GetProperty("code").GetInt32().ShouldBe(1001);
    }
}
