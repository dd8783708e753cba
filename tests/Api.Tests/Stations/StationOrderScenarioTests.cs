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

/// <summary>TAX.md §5 scenarios 3, 4, 6, 7, 8, 11, 16 and 17: orders capture rates per line, keep them, and obey their state.</summary>
public sealed class StationOrderScenarioTests(StationFixture api) : IClassFixture<StationFixture>, IAsyncLifetime
{
    private StationClient station = null!;

    public async Task InitializeAsync() => station = await api.ClientAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task scenarios_3_4_7_the_seeds_example_tax_on_the_line_and_the_captured_rate_stays()
    {
        var rule = await station.RuleAsync(217824, "C2473562", "45");
        var one = await station.OrderAsync(217824, 231367, StationClient.Line("D11862266", "C2473562", 1, "11.84"));
        var detail = await station.DetailAsync(one);
        var line = StationClient.LineOf(detail, "D11862266");
        line.GetProperty("tax_rate").GetInt32().ShouldBe(4500);
        line.GetProperty("is_set_tax").GetInt32().ShouldBe(1);
        line.GetProperty("sale_price").GetString().ShouldBe("11.84");
        line.GetProperty("sale_money").GetInt64().ShouldBe(1184);
        line.GetProperty("tax").GetString().ShouldBe("3.67");
        line.GetProperty("sale_price_without_tax").GetString().ShouldBe("8.17");
        line.GetProperty("real_item_price_without_tax").GetString().ShouldBe("8.17");
        detail.GetProperty("total_price").GetInt64().ShouldBe(1184);
        detail.GetProperty("total_tax").GetString().ShouldBe("3.67");

        var three = StationClient.LineOf(await station.DetailAsync(await station.OrderAsync(217824, 231367, StationClient.Line("D11862266", "C2473562", 3, "11.84"))), "D11862266");
        three.GetProperty("total_item_price").GetInt64().ShouldBe(3552);
        three.GetProperty("tax").GetString().ShouldBe("11.02");
        three.GetProperty("real_item_price_without_tax").GetString().ShouldBe("24.50");

        // 7: the rule changes; the order keeps 4500 until its line changes.
        (await station.PostAsync("/station/tax/tax_rule/edit", new
        {
            tax_id = rule, address = new[] { new { address_id = 217824, address_name = "店" } },
            spu = new[] { new { spu_id = "C2473562", spu_name = "奶", tax_rate = "13" } },
        })).GetProperty("code").GetInt32().ShouldBe(0);
        StationClient.LineOf(await station.DetailAsync(one), "D11862266").GetProperty("tax_rate").GetInt32().ShouldBe(4500);
        object Edit(decimal amount) => new
        {
            order_id = one, details = new[] { StationClient.Line("D11862266", "C2473562", amount, "11.84") },
            order_data = new { receive_begin_time = "2026-12-30 08:00", receive_end_time = "2026-12-30 12:00" },
        };
        (await station.PostAsync("/station/order/edit", Edit(1))).GetProperty("code").GetInt32().ShouldBe(0);
        StationClient.LineOf(await station.DetailAsync(one), "D11862266").GetProperty("tax_rate").GetInt32().ShouldBe(4500);
        (await station.PostAsync("/station/order/edit", Edit(2))).GetProperty("code").GetInt32().ShouldBe(0);
        var changed = StationClient.LineOf(await station.DetailAsync(one), "D11862266");
        changed.GetProperty("tax_rate").GetInt32().ShouldBe(1300);
        changed.GetProperty("tax").GetString().ShouldBe("2.72");
    }

    [Fact]
    public async Task scenario_6_zero_is_not_not_set()
    {
        await station.RuleAsync(266603, "C2723984", "0");
        var zero = StationClient.LineOf(await station.DetailAsync(await station.OrderAsync(266603, 280749, StationClient.Line("D13415925", "C2723984", 1, "1.00"))), "D13415925");
        zero.GetProperty("tax_rate").GetInt32().ShouldBe(0);
        zero.GetProperty("is_set_tax").GetInt32().ShouldBe(1);
        var unset = StationClient.LineOf(await station.DetailAsync(await station.OrderAsync(217824, 231367, StationClient.Line("D13415925", "C2723984", 1, "1.00"))), "D13415925");
        unset.GetProperty("tax_rate").GetInt32().ShouldBe(0);
        unset.GetProperty("is_set_tax").GetInt32().ShouldBe(0);
        zero.GetProperty("tax").GetString().ShouldBe("0.00");
        unset.GetProperty("tax").GetString().ShouldBe("0.00");
    }

    [Fact]
    public async Task scenario_8_append_while_sorting_and_replace_refused()
    {
        var order = await station.OrderAsync(266603, 280749, StationClient.Line("D13523696", "C1969177", 1, "2.00"));
        var commands = api.Services.GetRequiredService<CommandSender>();
        (await commands.SendAsync(new SetStationOrderProgress(order, StationFixture.Station, StationOrderStatus.Sorting, null, DateTimeOffset.UtcNow),
            new CommandContext(new Actor("admin", "admin", "test")))).ShouldBeOfType<CommandOutcome.Accepted>();
        var data = new { receive_begin_time = "2026-12-29 08:00", receive_end_time = "2026-12-29 12:00" };
        (await station.PostAsync("/station/order/edit_old", new { order_id = order, details = new[] { StationClient.Line("D13415925", "C2723984", 4.33m, "1.00") }, order_data = data }))
            .GetProperty("code").GetInt32().ShouldBe(0);
        var detail = await station.DetailAsync(order);
        StationClient.LineOf(detail, "D13415925").GetProperty("total_item_price").GetInt64().ShouldBe(433);
        StationClient.LineOf(detail, "D13523696").GetProperty("quantity").GetDecimal().ShouldBe(1);
        var replace = await station.PostAsync("/station/order/edit", new { order_id = order, details = new[] { StationClient.Line("D13523696", "C1969177", 2, "2.00") }, order_data = data });
        replace.GetProperty("code").GetInt32().ShouldBe(1004);
    }

    [Fact]
    public async Task scenario_11_force_merge_adds_to_the_earliest_waiting_order()
    {
        object Create(int force, string price, decimal amount) => new
        {
            address_id = 266603, uid = 280749, receive_begin_time = "2026-11-30 08:00", receive_end_time = "2026-11-30 12:00",
            time_config_id = "MERGE", force, details = new[] { StationClient.Line("D11862266", "C2473562", amount, price) },
        };
        var first = (await station.PostAsync("/station/order/create", Create(0, "11.84", 1))).GetProperty("data").GetProperty("new_order_ids")[0].GetString()!;
        (await station.PostAsync("/station/order/create", Create(0, "11.84", 1))).GetProperty("data").GetProperty("new_order_ids").GetArrayLength().ShouldBe(1);
        var merged = await station.PostAsync("/station/order/create", Create(1, "11.84", 2));
        merged.GetProperty("data").GetProperty("update_order_ids")[0].GetString().ShouldBe(first);
        StationClient.LineOf(await station.DetailAsync(first), "D11862266").GetProperty("quantity").GetDecimal().ShouldBe(3);
        var differentPrice = await station.PostAsync("/station/order/create", Create(1, "12.00", 1));
        differentPrice.GetProperty("data").GetProperty("error_sku_ids")[0].GetString().ShouldBe("D11862266");
    }

    [Fact]
    public async Task scenarios_16_17_seed_spellings_and_access()
    {
        var order = await station.OrderAsync(266603, 280749, StationClient.Line("D13523696", "C1969177", 1, "2.00"));
        var data = new { receive_begin_time = "2026-12-27 08:00", receive_end_time = "2026-12-27 12:00" };
        (await station.PostAsync("/station/order/edit", new { order_id = order, detials = new[] { StationClient.Line("D13523696", "C1969177", 2, "2.00") }, order_data = data }))
            .GetProperty("code").GetInt32().ShouldBe(0);
        (await station.PostAsync("/station/order/edit", new { order_id = order, details = Array.Empty<object>(), detials = Array.Empty<object>(), order_data = data }))
            .GetProperty("code").GetInt32().ShouldBe(1001);

        var anonymous = await api.Http().GetAsync($"/station/order/edit?id={order}");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var body = JsonDocument.Parse(await anonymous.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("code").GetInt32().ShouldBe(401);
        body.GetProperty("msg").GetString().ShouldBe("unauthorized");
        (await station.GetAsync("/station/order/edit?id=PL999999999")).GetProperty("code").GetInt32().ShouldBe(1002);
    }

    [Fact]
    public async Task an_idempotency_key_answers_a_repeat_byte_for_byte_and_refuses_another_body_with_1005()
    {
        object Order(decimal amount) => new
        {
            address_id = 266603, uid = 280749, receive_begin_time = "2026-12-26 08:00", receive_end_time = "2026-12-26 12:00", time_config_id = "IDEM",
            details = new[] { StationClient.Line("D13523696", "C1969177", amount, "2.00") },
        };
        async Task<string> Send(object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/station/order/create") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "create-once");
            var response = await station.Http.SendAsync(request);
            return await response.Content.ReadAsStringAsync();
        }

        var first = await Send(Order(1));
        var repeat = await Send(Order(1));
        repeat.ShouldBe(first);
        var orderId = JsonDocument.Parse(first).RootElement.GetProperty("data").GetProperty("new_order_ids")[0].GetString()!;
        (await station.DetailAsync(orderId)).GetProperty("details").GetArrayLength().ShouldBe(1);
        var other = JsonDocument.Parse(await Send(Order(2))).RootElement;
        other.GetProperty("code").GetInt32().ShouldBe(1005);
    }

    [Fact]
    public async Task scenario_5_a_half_fen_tie_rounds_up()
    {
        await station.RuleAsync(266603, "C1969177", "20");
        var line = StationClient.LineOf(await station.DetailAsync(await station.OrderAsync(266603, 280749, StationClient.Line("D13523696", "C1969177", 1, "15.03"))), "D13523696");
        line.GetProperty("tax").GetString().ShouldBe("2.51");
        line.GetProperty("sale_price_without_tax").GetString().ShouldBe("12.52");
    }
}
