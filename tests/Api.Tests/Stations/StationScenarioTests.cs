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

/// <summary>The station fixture of TAX.md §5: station T7936 (the admin's default), two merchants, three SKUs.</summary>
public sealed class StationFixture : ApiFixture
{
    public const string Station = "T7936";

    public async Task SeedAsync()
    {
        var commands = Services.GetRequiredService<CommandSender>();
        var admin = new CommandContext(new Actor("admin", "admin", "test"));
        var now = DateTimeOffset.UtcNow;
        foreach (var (id, uid, name) in new[] { (217824, 231367, "测试店铺0812分店"), (266603, 280749, "第二家店") })
            await commands.SendAsync(new UpsertStationMerchant(new StationMerchant(Station, id, uid, name, "北京市朝阳区", "张三", "13800000000",
                1, "一号线", "110105", "朝阳", "北京", "朝阳", "望京", null, null, null, 1), now), admin);
        foreach (var (sku, spu, name, unit) in new[] { ("D11862266", "C2473562", "测试牛奶1", "瓶"), ("D13415925", "C2723984", "兰花豆", "包"), ("D13523696", "C1969177", "苹果", "个") })
            await commands.SendAsync(new UpsertStationSku(new StationSku(Station, sku, spu, name, name, unit, unit, 1m, 100, false, true, "S1", "菜单",
                "c1", "一级", "c2", "二级", "p1", "品类", null, null, null, null), now), admin);
    }
}

public sealed class StationScenarioTests(StationFixture api) : IClassFixture<StationFixture>, IAsyncLifetime
{
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        await api.SeedAsync();
        http = await api.AdminAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        var response = await http.PostAsJsonAsync(path, body);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<JsonElement> GetAsync(string path) => JsonDocument.Parse(await http.GetStringAsync(path)).RootElement;

    private async Task<int> RuleAsync(int addressId, string spuId, string rate, int status = 1)
    {
        var answer = await PostAsync("/station/tax/tax_rule/create", new
        {
            tax_name = $"rule {spuId}", status,
            address = new[] { new { address_id = addressId, address_name = "店" } },
            spu = new[] { new { spu_id = spuId, spu_name = "品", tax_rate = rate } },
        });
        answer.GetProperty("code").GetInt32().ShouldBe(0, answer.ToString());
        return answer.GetProperty("data").GetInt32();
    }

    private static object Line(string sku, string spu, decimal amount, string price, int timing = 0) =>
        new { sku_id = sku, spu_id = spu, amount, unit_price = price, is_price_timing = timing };

    private static int window;

    private async Task<string> OrderAsync(int addressId, int uid, params object[] lines)
    {
        var day = 1 + Interlocked.Increment(ref window); // each order its own receive window, so no two merge unless a test wants it
        var answer = await PostAsync("/station/order/create", new
        {
            address_id = addressId, uid, receive_begin_time = $"2026-12-{day:D2} 08:00", receive_end_time = $"2026-12-{day:D2} 12:00",
            time_config_id = "ST1", details = lines,
        });
        answer.GetProperty("code").GetInt32().ShouldBe(0, answer.ToString());
        return answer.GetProperty("data").GetProperty("new_order_ids")[0].GetString()!;
    }

    private async Task<JsonElement> DetailAsync(string orderId)
    {
        var answer = await GetAsync($"/station/order/edit?id={orderId}");
        answer.GetProperty("code").GetInt32().ShouldBe(0, answer.ToString());
        return answer.GetProperty("data");
    }

    private static JsonElement LineOf(JsonElement detail, string sku) => detail.GetProperty("details").EnumerateArray().Single(l => l.GetProperty("id").GetString() == sku);

    [Fact]
    public async Task scenarios_1_2_rule_create_and_rate_bounds()
    {
        var id = await RuleAsync(900001, "SPU-BOUNDS", "99.99");
        id.ShouldBeGreaterThan(0);
        foreach (var bad in new[] { "100", "-1", "abc", "12.345", "1e1" })
        {
            var answer = await PostAsync("/station/tax/tax_rule/create", new
            {
                tax_name = "坏", address = new[] { new { address_id = 900002, address_name = "店" } },
                spu = new[] { new { spu_id = "SPU-BAD", spu_name = "品", tax_rate = bad } },
            });
            answer.GetProperty("code").GetInt32().ShouldBe(1001, bad);
            answer.GetProperty("data").GetProperty("field").GetString().ShouldBe("spu[0].tax_rate");
        }
        var edit = await PostAsync("/station/tax/tax_rule/edit", new
        {
            tax_id = id, address = new[] { new { address_id = 900001, address_name = "店" } },
            spu = new[] { new { spu_id = "SPU-BOUNDS", spu_name = "品", tax_rate = "100" } },
        });
        edit.GetProperty("code").GetInt32().ShouldBe(1001);
    }

    [Fact]
    public async Task scenarios_3_4_7_the_seeds_example_tax_on_the_line_and_the_captured_rate_stays()
    {
        var rule = await RuleAsync(217824, "C2473562", "45");
        var one = await OrderAsync(217824, 231367, Line("D11862266", "C2473562", 1, "11.84"));
        var detail = await DetailAsync(one);
        var line = LineOf(detail, "D11862266");
        line.GetProperty("tax_rate").GetInt32().ShouldBe(4500);
        line.GetProperty("is_set_tax").GetInt32().ShouldBe(1);
        line.GetProperty("sale_price").GetString().ShouldBe("11.84");
        line.GetProperty("sale_money").GetInt64().ShouldBe(1184);
        line.GetProperty("tax").GetString().ShouldBe("3.67");
        line.GetProperty("sale_price_without_tax").GetString().ShouldBe("8.17");
        line.GetProperty("real_item_price_without_tax").GetString().ShouldBe("8.17");
        detail.GetProperty("total_price").GetInt64().ShouldBe(1184);
        detail.GetProperty("total_tax").GetString().ShouldBe("3.67");

        var three = LineOf(await DetailAsync(await OrderAsync(217824, 231367, Line("D11862266", "C2473562", 3, "11.84"))), "D11862266");
        three.GetProperty("total_item_price").GetInt64().ShouldBe(3552);
        three.GetProperty("tax").GetString().ShouldBe("11.02");
        three.GetProperty("real_item_price_without_tax").GetString().ShouldBe("24.50");

        // 7: the rule changes; the order keeps 4500 until its line changes.
        (await PostAsync("/station/tax/tax_rule/edit", new
        {
            tax_id = rule, address = new[] { new { address_id = 217824, address_name = "店" } },
            spu = new[] { new { spu_id = "C2473562", spu_name = "奶", tax_rate = "13" } },
        })).GetProperty("code").GetInt32().ShouldBe(0);
        LineOf(await DetailAsync(one), "D11862266").GetProperty("tax_rate").GetInt32().ShouldBe(4500);
        object Edit(decimal amount) => new
        {
            order_id = one, details = new[] { Line("D11862266", "C2473562", amount, "11.84") },
            order_data = new { receive_begin_time = "2026-12-30 08:00", receive_end_time = "2026-12-30 12:00" },
        };
        (await PostAsync("/station/order/edit", Edit(1))).GetProperty("code").GetInt32().ShouldBe(0);
        LineOf(await DetailAsync(one), "D11862266").GetProperty("tax_rate").GetInt32().ShouldBe(4500);
        (await PostAsync("/station/order/edit", Edit(2))).GetProperty("code").GetInt32().ShouldBe(0);
        var changed = LineOf(await DetailAsync(one), "D11862266");
        changed.GetProperty("tax_rate").GetInt32().ShouldBe(1300);
        changed.GetProperty("tax").GetString().ShouldBe("2.72");
    }

    [Fact]
    public async Task scenario_6_zero_is_not_not_set()
    {
        await RuleAsync(266603, "C2723984", "0");
        var zero = LineOf(await DetailAsync(await OrderAsync(266603, 280749, Line("D13415925", "C2723984", 1, "1.00"))), "D13415925");
        zero.GetProperty("tax_rate").GetInt32().ShouldBe(0);
        zero.GetProperty("is_set_tax").GetInt32().ShouldBe(1);
        var unset = LineOf(await DetailAsync(await OrderAsync(217824, 231367, Line("D13415925", "C2723984", 1, "1.00"))), "D13415925");
        unset.GetProperty("tax_rate").GetInt32().ShouldBe(0);
        unset.GetProperty("is_set_tax").GetInt32().ShouldBe(0);
        zero.GetProperty("tax").GetString().ShouldBe("0.00");
        unset.GetProperty("tax").GetString().ShouldBe("0.00");
    }

    [Fact]
    public async Task scenario_10_overlap_is_refused_with_the_conflicting_pairs()
    {
        var first = await RuleAsync(217824, "SPU-OVERLAP", "10");
        var second = await PostAsync("/station/tax/tax_rule/create", new
        {
            tax_name = "second", address = new[] { new { address_id = 217824, address_name = "店" } },
            spu = new[] { new { spu_id = "SPU-OVERLAP", spu_name = "品", tax_rate = "20" } },
        });
        second.GetProperty("code").GetInt32().ShouldBe(1003);
        var conflict = second.GetProperty("data")[0];
        conflict.GetProperty("address_id").GetInt32().ShouldBe(217824);
        conflict.GetProperty("spu_id").GetString().ShouldBe("SPU-OVERLAP");
        conflict.GetProperty("tax_id").GetInt32().ShouldBe(first);
        var invalid = await RuleAsync(217824, "SPU-OVERLAP", "20", status: 0);
        var revalidate = await PostAsync("/station/tax/tax_rule/edit", new
        {
            tax_id = invalid, status = 1, address = new[] { new { address_id = 217824, address_name = "店" } },
            spu = new[] { new { spu_id = "SPU-OVERLAP", spu_name = "品", tax_rate = "20" } },
        });
        revalidate.GetProperty("code").GetInt32().ShouldBe(1003);
    }

    [Fact]
    public async Task scenario_8_append_while_sorting_and_replace_refused()
    {
        var order = await OrderAsync(266603, 280749, Line("D13523696", "C1969177", 1, "2.00"));
        var commands = api.Services.GetRequiredService<CommandSender>();
        (await commands.SendAsync(new SetStationOrderProgress(order, StationFixture.Station, StationOrderStatus.Sorting, null, DateTimeOffset.UtcNow),
            new CommandContext(new Actor("admin", "admin", "test")))).ShouldBeOfType<CommandOutcome.Accepted>();
        var data = new { receive_begin_time = "2026-12-29 08:00", receive_end_time = "2026-12-29 12:00" };
        (await PostAsync("/station/order/edit_old", new { order_id = order, details = new[] { Line("D13415925", "C2723984", 4.33m, "1.00") }, order_data = data }))
            .GetProperty("code").GetInt32().ShouldBe(0);
        var detail = await DetailAsync(order);
        LineOf(detail, "D13415925").GetProperty("total_item_price").GetInt64().ShouldBe(433);
        LineOf(detail, "D13523696").GetProperty("quantity").GetDecimal().ShouldBe(1);
        var replace = await PostAsync("/station/order/edit", new { order_id = order, details = new[] { Line("D13523696", "C1969177", 2, "2.00") }, order_data = data });
        replace.GetProperty("code").GetInt32().ShouldBe(1004);
    }

    [Fact]
    public async Task scenario_11_force_merge_adds_to_the_earliest_waiting_order()
    {
        object Create(int force, string price, decimal amount) => new
        {
            address_id = 266603, uid = 280749, receive_begin_time = "2026-11-30 08:00", receive_end_time = "2026-11-30 12:00",
            time_config_id = "MERGE", force, details = new[] { Line("D11862266", "C2473562", amount, price) },
        };
        var first = (await PostAsync("/station/order/create", Create(0, "11.84", 1))).GetProperty("data").GetProperty("new_order_ids")[0].GetString()!;
        (await PostAsync("/station/order/create", Create(0, "11.84", 1))).GetProperty("data").GetProperty("new_order_ids").GetArrayLength().ShouldBe(1);
        var merged = await PostAsync("/station/order/create", Create(1, "11.84", 2));
        merged.GetProperty("data").GetProperty("update_order_ids")[0].GetString().ShouldBe(first);
        LineOf(await DetailAsync(first), "D11862266").GetProperty("quantity").GetDecimal().ShouldBe(3);
        var differentPrice = await PostAsync("/station/order/create", Create(1, "12.00", 1));
        differentPrice.GetProperty("data").GetProperty("error_sku_ids")[0].GetString().ShouldBe("D11862266");
    }

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

        // The snapshot, rebuilt from the stored V1 row, serves the detail endpoint.
        await using (var rebuild = store.LightweightSession())
        {
            var state = await rebuild.Events.AggregateStreamAsync<Cabinets.Projections.Stations.StationOrderSnapshot>(Domain.Stations.Orders.StationOrderEventNames.StreamId(orderId));
            rebuild.Store(state!);
            await rebuild.SaveChangesAsync();
        }
        var detail = await DetailAsync(orderId);
        LineOf(detail, "D13415925").GetProperty("is_set_tax").GetInt32().ShouldBe(0);
        LineOf(detail, "D11862266").GetProperty("is_set_tax").GetInt32().ShouldBe(1);
        LineOf(detail, "D11862266").GetProperty("tax_rate").GetInt32().ShouldBe(1300);
        await using (var db = NpgsqlDataSource.Create(api.ConnectionString))
        {
            await using var cmd = db.CreateCommand("select type, data::text from mt_events where stream_id = @id");
            cmd.Parameters.AddWithValue("id", Domain.Stations.Orders.StationOrderEventNames.StreamId(orderId));
            await using var reader = await cmd.ExecuteReaderAsync();
            (await reader.ReadAsync()).ShouldBeTrue();
            reader.GetString(0).ShouldBe("stations.order_created.v1"); // never rewritten
            reader.GetString(1).ShouldNotContain("IsSetTax");
        }
    }

    [Fact]
    public async Task scenarios_14_15_delivery_sheet_print_with_totals_and_a_stable_tax_number()
    {
        await RuleAsync(266603, "C2473562", "45");
        var order = await OrderAsync(266603, 280749, Line("D11862266", "C2473562", 2, "11.84"));
        (await PostAsync("/delivery/update", new { order_id = order, details = new[] { new { sku_id = "D11862266", real_quantity = 1.5m } } }))
            .GetProperty("code").GetInt32().ShouldBe(0);
        var edited = (await PostAsync("/delivery/print", new { ids = new[] { order }, type = 2 })).GetProperty("data").GetProperty("delivery_details")[0];
        var line = edited.GetProperty("details")[0];
        line.GetProperty("real_item_price").GetDecimal().ShouldBe(17.76m);
        line.GetProperty("tax").GetString().ShouldBe("5.51");
        line.GetProperty("real_item_price_without_tax").GetString().ShouldBe("12.25");
        edited.GetProperty("total_tax").GetString().ShouldBe("5.51");
        edited.GetProperty("total_pay").GetDecimal().ShouldBe(17.76m);
        edited.GetProperty("real_price_without_tax").GetString().ShouldBe("12.25");
        var ordered = (await PostAsync("/delivery/print", new { ids = new[] { order }, type = 1 })).GetProperty("data").GetProperty("delivery_details")[0];
        ordered.GetProperty("details")[0].GetProperty("tax").GetString().ShouldBe("7.35");
        ordered.GetProperty("total_tax").GetString().ShouldBe("7.35");
        ordered.GetProperty("tax_number").GetInt32().ShouldBe(edited.GetProperty("tax_number").GetInt32()); // a reprint keeps its number
        var data = new { receive_begin_time = "2026-12-28 08:00", receive_end_time = "2026-12-28 12:00" };
        (await PostAsync("/station/order/edit", new { order_id = order, details = new[] { Line("D11862266", "C2473562", 1, "11.84") }, order_data = data }))
            .GetProperty("code").GetInt32().ShouldBe(1004);
        var missing = await PostAsync("/delivery/print", new { ids = new[] { order, "PL404" }, type = 1 });
        missing.GetProperty("code").GetInt32().ShouldBe(1002);
        missing.GetProperty("data").GetProperty("missing_ids")[0].GetString().ShouldBe("PL404");
    }

    [Fact]
    public async Task scenarios_16_17_seed_spellings_and_access()
    {
        var order = await OrderAsync(266603, 280749, Line("D13523696", "C1969177", 1, "2.00"));
        var data = new { receive_begin_time = "2026-12-27 08:00", receive_end_time = "2026-12-27 12:00" };
        (await PostAsync("/station/order/edit", new { order_id = order, detials = new[] { Line("D13523696", "C1969177", 2, "2.00") }, order_data = data }))
            .GetProperty("code").GetInt32().ShouldBe(0);
        (await PostAsync("/station/order/edit", new { order_id = order, details = Array.Empty<object>(), detials = Array.Empty<object>(), order_data = data }))
            .GetProperty("code").GetInt32().ShouldBe(1001);

        var anonymous = await api.Http().GetAsync($"/station/order/edit?id={order}");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var body = JsonDocument.Parse(await anonymous.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("code").GetInt32().ShouldBe(401);
        body.GetProperty("msg").GetString().ShouldBe("unauthorized");
        (await GetAsync("/station/order/edit?id=PL999999999")).GetProperty("code").GetInt32().ShouldBe(1002);
    }
}
