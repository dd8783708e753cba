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

/// <summary>The station fixture of TAX.md §5: station T7936 (the admin's default), two merchants, three SKUs, an admin client.</summary>
public sealed class StationFixture : ApiFixture
{
    public const string Station = "T7936";

    private Task<StationClient>? client;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task>> once = new();

    /// <summary>Runs a test class's own set-up once per fixture, however many of its tests start.</summary>
    public Task OnceAsync(string key, Func<Task> work) => once.GetOrAdd(key, _ => new Lazy<Task>(work)).Value;

    /// <summary>Seeds the reference data once per test class and signs the admin in.</summary>
    public Task<StationClient> ClientAsync() => client ??= SeedAsync();

    private async Task<StationClient> SeedAsync()
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
        return new StationClient(await AdminAsync());
    }
}

/// <summary>The station REST as a client speaks it: envelopes in, JSON out.</summary>
public sealed class StationClient(HttpClient http)
{
    public HttpClient Http => http;

    public async Task<JsonElement> PostAsync(string path, object body)
    {
        var response = await http.PostAsJsonAsync(path, body);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    public async Task<JsonElement> GetAsync(string path) => JsonDocument.Parse(await http.GetStringAsync(path)).RootElement;

    public async Task<int> RuleAsync(int addressId, string spuId, string rate, int status = 1)
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

    public static object Line(string sku, string spu, decimal amount, string price, int timing = 0) =>
        new { sku_id = sku, spu_id = spu, amount, unit_price = price, is_price_timing = timing };

    private static int window;

    public async Task<string> OrderAsync(int addressId, int uid, params object[] lines)
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

    public async Task<JsonElement> DetailAsync(string orderId)
    {
        var answer = await GetAsync($"/station/order/edit?id={orderId}");
        answer.GetProperty("code").GetInt32().ShouldBe(0, answer.ToString());
        return answer.GetProperty("data");
    }

    public static JsonElement LineOf(JsonElement detail, string sku) => detail.GetProperty("details").EnumerateArray().Single(l => l.GetProperty("id").GetString() == sku);
}
