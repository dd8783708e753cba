using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cabinets.Api.Tests.Access;
using Cabinets.Api.Tests.GraphQL;

namespace Cabinets.Api.Tests.Fulfillment;

/// <summary>
/// Intake (FULFILLMENT.md §2.1, §4a) over the signed channel endpoint against PostgreSQL: an order is
/// created once by (shop, tid) and freezes its shop's stock; later arrivals are ordered by `modified`;
/// a closed trade releases the freeze; a line whose `bn` is unknown makes a failed order that freezes
/// nothing; bad signatures, replays and bad fields change nothing.
/// </summary>
public sealed class ChannelIntakeTests(ApiFixture fixture) : ChannelOrderScenarios(fixture), IClassFixture<ApiFixture>
{
    [Fact]
    public async Task an_order_is_created_once_freezes_its_shop_stock_and_later_arrivals_follow_modified()
    {
        var admin = await Api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        var tid = Code("T");
        var first = Order(tid, "2026-12-04 09:01:00", lines: [(shop.Sku, 2), (shop.Bundle, 1)]);
        var (status, created) = await SendAsync(shop, first);
        status.ShouldBe(201, created.ToString());
        (created.GetProperty("result").GetString(), created.GetProperty("tid").GetString()).ShouldBe(("created", tid));
        var orderBn = created.GetProperty("orderBn").GetString()!;
        orderBn.Length.ShouldBe(17); // yyyyMMddHHmm + 5 digits
        var order = await OrderAsync(admin, shop, tid);
        order.GetProperty("shopFreezes").EnumerateArray().Select(f => $"{f.GetProperty("basicMaterialCode").GetString()}:{f.GetProperty("quantity").GetInt32()}")
            .ShouldBe([$"{shop.M1}:4", $"{shop.M2}:1"], ignoreOrder: true); // 2 × M1, plus the bundle's 2 × M1 and 1 × M2
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(16);

        var (again, unchanged) = await SendAsync(shop, first);
        (again, unchanged.GetProperty("result").GetString(), unchanged.GetProperty("orderBn").GetString()).ShouldBe((200, "unchanged", orderBn));
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(16);

        var (_, updated) = await SendAsync(shop, Order(tid, "2026-12-04 09:05:00", lines: [(shop.Sku, 3)]));
        updated.GetProperty("result").GetString().ShouldBe("updated");
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(17); // M1 frozen: 4 → 3
        var (_, stale) = await SendAsync(shop, Order(tid, "2026-12-04 09:03:00", lines: [(shop.Sku, 9)]));
        (stale.GetProperty("result").GetString(), stale.GetProperty("reason").GetString()).ShouldBe(("ignored", "stale"));
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(17);

        var (_, closed) = await SendAsync(shop, Order(tid, "2026-12-04 09:10:00", status: "TRADE_CLOSED", lines: [(shop.Sku, 3)]));
        closed.GetProperty("result").GetString().ShouldBe("updated");
        var cancelled = await OrderAsync(admin, shop, tid);
        (cancelled.GetProperty("processStatus").GetString(), cancelled.GetProperty("state").GetString()).ShouldBe(("CANCELLED", "VOID"));
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(20);
        var (_, final) = await SendAsync(shop, Order(tid, "2026-12-04 09:20:00", lines: [(shop.Sku, 5)]));
        (final.GetProperty("result").GetString(), final.GetProperty("reason").GetString()).ShouldBe(("ignored", "final"));
    }

    [Fact]
    public async Task an_unknown_bn_makes_a_failed_order_and_a_closed_or_shipped_first_arrival_freezes_nothing()
    {
        var admin = await Api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        var failedTid = Code("T");
        (await SendAsync(shop, Order(failedTid, "2026-12-04 09:01:00", lines: [(shop.Sku, 1), ("NO-SUCH-BN", 2)]))).Status.ShouldBe(201);
        var failed = await OrderAsync(admin, shop, failedTid);
        (failed.GetProperty("isFail").GetBoolean(), failed.GetProperty("shopFreezes").GetArrayLength()).ShouldBe((true, 0));
        failed.GetProperty("unmatchedBns").EnumerateArray().Select(b => b.GetString()).ShouldBe(["NO-SUCH-BN"]);

        var closedTid = Code("T");
        (await SendAsync(shop, Order(closedTid, "2026-12-04 09:01:00", status: "TRADE_CLOSED", lines: [(shop.Sku, 1)]))).Status.ShouldBe(201);
        (await OrderAsync(admin, shop, closedTid)).GetProperty("processStatus").GetString().ShouldBe("CANCELLED");
        var shippedTid = Code("T");
        (await SendAsync(shop, Order(shippedTid, "2026-12-04 09:01:00", ship: "SHIP_FINISH", lines: [(shop.Sku, 1)]))).Status.ShouldBe(201);
        (await OrderAsync(admin, shop, shippedTid)).GetProperty("state").GetString().ShouldBe("FINISHED");
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(20);
    }

    [Fact]
    public async Task bad_signatures_replays_and_bad_fields_are_refused_and_change_nothing()
    {
        var admin = await Api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        var other = await ShopAsync(admin);
        var tid = Code("T");
        var body = Order(tid, "2026-12-04 09:01:00", lines: [(shop.Sku, 1)]);
        async Task<(HttpStatusCode, string?)> Problem(HttpResponseMessage r) =>
            (r.StatusCode, JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString());

        (await Problem(await PostAsync(shop, body, token: "not-the-token"))).ShouldBe((HttpStatusCode.Unauthorized, "https://cabinets.example/problems/fulfillment/invalid-signature"));
        (await Problem(await PostAsync(shop, body, node: other.Node))).ShouldBe((HttpStatusCode.Unauthorized, "https://cabinets.example/problems/fulfillment/invalid-signature"));
        var nonce = Guid.NewGuid().ToString("N");
        (await PostAsync(shop, body, nonce: nonce)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Problem(await PostAsync(shop, Order(tid, "2026-12-04 09:02:00", lines: [(shop.Sku, 5)]), nonce: nonce)))
            .ShouldBe((HttpStatusCode.Unauthorized, "https://cabinets.example/problems/fulfillment/replayed-nonce"));

        var invalid = await PostAsync(shop, new { tid = "", status = "TRADE_OPEN", pay_status = "PAY_FINISH", is_cod = false, created = "yesterday", modified = "2026-12-04 09:01:00",
            total_trade_fee = -1, receiver_name = "x", receiver_state = "x", receiver_city = "x", receiver_address = "x", orders = new[] { new { oid = "1", bn = shop.Sku, items_num = 0 } } });
        invalid.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var fields = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()).RootElement.GetProperty("fields").EnumerateArray().Select(f => f.GetString()).ToList();
        fields.ShouldBe(["tid", "status", "created", "total_trade_fee", "receiver_mobile", "orders[0].items_num"], ignoreOrder: true);
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(19); // only the one accepted order froze stock
    }

    [Fact]
    public async Task the_same_new_order_arriving_four_times_at_once_is_one_order_frozen_once_and_its_consignee_is_sealed()
    {
        var admin = await Api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        var tid = Code("T");
        var body = Order(tid, "2026-12-04 09:01:00", lines: [(shop.Sku, 2)]);
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(shop, body)));
        var texts = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1, string.Join("\n", texts));
        texts.Select(t => JsonDocument.Parse(t).RootElement.TryGetProperty("orderBn", out var bn) ? bn.GetString() : t).Distinct().Count().ShouldBe(1, string.Join("\n", texts));
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(18);

        await using var db = Npgsql.NpgsqlDataSource.Create(Api.ConnectionString);
        var events = (string)(await db.CreateCommand($"select string_agg(data::text, ' ') from public.mt_events where stream_id = 'fulfillment-order-{shop.Code}:{tid}'").ExecuteScalarAsync())!;
        events.ShouldNotContain("13800138000");
        events.ShouldNotContain("文三路");
    }

    [Fact]
    public async Task a_request_sent_again_under_its_idempotency_key_gets_the_first_answer_and_another_body_is_a_conflict()
    {
        var admin = await Api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        var tid = Code("T");
        var key = Guid.NewGuid().ToString();
        var first = await PostAsync(shop, Order(tid, "2026-12-04 09:01:00", lines: [(shop.Sku, 1)]), idempotencyKey: key);
        var again = await PostAsync(shop, Order(tid, "2026-12-04 09:01:00", lines: [(shop.Sku, 1)]), idempotencyKey: key); // without the key: 200 "unchanged"
        (again.StatusCode, await again.Content.ReadAsStringAsync()).ShouldBe((first.StatusCode, await first.Content.ReadAsStringAsync()));
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var other = await PostAsync(shop, Order(tid, "2026-12-04 09:02:00", lines: [(shop.Sku, 4)]), idempotencyKey: key);
        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        JsonDocument.Parse(await other.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString().ShouldBe("https://cabinets.example/problems/fulfillment/idempotency-conflict");
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(19);
    }

    [Fact]
    public async Task channel_payments_are_recorded_once_by_their_id_and_a_failed_one_stops_counting()
    {
        var admin = await Api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        var tid = Code("T");
        var unpaid = new Dictionary<string, object?>(JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(Order(tid, "2026-12-04 09:01:00", lines: [(shop.Sku, 1)])))!)
            { ["pay_status"] = "PAY_NO", ["payed_fee"] = 0 };
        (await PostAsync(shop, unpaid)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var payments = $"/api/channels/{shop.Code}/payments";
        async Task<(HttpStatusCode, string)> Pay(string id, long fee) =>
            await Read(await PostAsync(shop, new { tid, payment_id = id, pay_fee = fee, payment_name = "支付宝", pay_time = "2026-12-04 09:05:00" }, path: payments));
        static async Task<(HttpStatusCode, string)> Read(HttpResponseMessage r) => (r.StatusCode, await r.Content.ReadAsStringAsync());
        async Task<(string?, long)> Status()
        {
            var o = (await admin.PostGraphQLAsync("query($s: String!, $t: String!) { channelOrderByTid(shopCode: $s, tid: $t) { payStatus payedFen } }", new { s = shop.Code, t = tid }))
                .Ok().GetProperty("channelOrderByTid");
            return (o.GetProperty("payStatus").GetString(), o.GetProperty("payedFen").GetInt64());
        }

        (await Pay("P1", 5000)).Item1.ShouldBe(HttpStatusCode.Created);
        (await Status()).ShouldBe(("PARTIALLY_PAID", 5000L));
        (await Pay("P1", 5000)).Item1.ShouldBe(HttpStatusCode.Created); // the same payment again changes nothing
        (await Status()).ShouldBe(("PARTIALLY_PAID", 5000L));
        (await Pay("P1", 6000)).Item1.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Pay("P2", 4900)).Item1.ShouldBe(HttpStatusCode.Created);
        (await Status()).ShouldBe(("PAID", 9900L));
        (await Read(await PostAsync(shop, new { status = "failed" }, path: $"{payments}/P1/status"))).Item1.ShouldBe(HttpStatusCode.OK);
        (await Status()).ShouldBe(("PARTIALLY_PAID", 4900L));
        (await Read(await PostAsync(shop, new { status = "failed" }, path: $"{payments}/P9/status"))).Item1.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Read(await PostAsync(shop, new { tid, payment_id = "P3" }, path: payments))).Item2.ShouldContain("pay_fee");
    }

    [Fact]
    public async Task a_channel_refund_pauses_the_order_and_its_delivery_once()
    {
        var admin = await Api.SharedAdminAsync();
        var shop = await ShopAsync(admin);
        var tid = Code("T");
        var orderId = (await SendAsync(shop, Order(tid, "2026-12-04 09:01:00", lines: [(shop.Sku, 2)]))).Body.GetProperty("orderId").GetString()!;
        (await admin.PostGraphQLAsync(Review, new { i = new { orderId, branchCode = shop.Branch } })).Ok();
        var refunds = $"/api/channels/{shop.Code}/refunds";
        var body = new { tid, refund_id = "R1", refund_fee = 3300, is_full = false, reason = "少发一件" };
        (await PostAsync(shop, body, path: refunds)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await PostAsync(shop, body, path: refunds)).StatusCode.ShouldBe(HttpStatusCode.Created); // once by refund_id
        var order = (await admin.PostGraphQLAsync("query($id: ID!) { channelOrder(id: $id) { paused deliveries { status } } }", new { id = orderId })).Ok().GetProperty("channelOrder");
        (order.GetProperty("paused").GetBoolean(), order.GetProperty("deliveries")[0].GetProperty("status").GetString()).ShouldBe((true, "PAUSED"));
        (await SellableAsync(admin, shop, shop.Sku)).ShouldBe(18); // nothing moved
        (await PostAsync(shop, new { tid, refund_id = "R2" }, path: refunds)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }
}
