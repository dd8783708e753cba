using System.Text.Json;
using Cabinets.Api.Tests.Access;
using Cabinets.Api.Tests.GraphQL;
using Cabinets.Api.Tests.Vending.Fakes;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using static Cabinets.Api.Tests.Vending.OutsideVendingFixture;
using static Cabinets.Api.Tests.Vending.VendingScenarioTests;

namespace Cabinets.Api.Tests.Vending;

/// <summary>
/// VENDING.md §5 scenarios over the fake vendor and ERP: the retry schedule and the manual queue (10, 11), device
/// reports (15) and the product pull (19). One class per fixture, so that the fakes' scripts never cross.
/// </summary>
public sealed class VendorAndErpScenarioTests(OutsideVendingFixture fixture) : OutsideScenarios(fixture), IClassFixture<OutsideVendingFixture>
{
    [Fact]
    public async Task scenario_10_a_failing_erp_push_is_retried_on_the_schedule_then_waits_in_the_manual_queue_until_an_admin_retries_it()
    {
        var date = new DateOnly(2026, 11, 21);
        var summaryId = Cabinets.Api.Vending.Statistics.SalesSummaries.SummaryId(date, "S001");
        Outside.Answer("/api/v1/sales-summaries", 503);
        try
        {
            // What the 02:00 schedule sends to the outbox for the store's day.
            await Api.Bus().PublishAsync(new ErpPushSalesSummary(summaryId, "S001", date));
            var admin = await AdminAsync();
            const string tasks = """
                query($subject: String!) { manualTasks(where: { subject: { eq: $subject } }) { nodes { id kind status attempts lastError retryable outcome } } }
                """;
            var task = (await EventuallyAsync(async () => (await admin.PostGraphQLAsync(tasks, new { subject = summaryId })).Ok().GetProperty("manualTasks").GetProperty("nodes"),
                n => n.GetArrayLength() == 1 && n[0].GetProperty("attempts").GetInt32() == 4, "the manual task")).EnumerateArray().Single();
            (task.GetProperty("kind").GetString(), task.GetProperty("status").GetString(), task.GetProperty("attempts").GetInt32(), task.GetProperty("lastError").GetString())
                .ShouldBe(("ERP_SALES_PUSH", "OPEN", 4, "HTTP 503"));

            var sent = Outside.RequestsTo("/api/v1/sales-summaries").Where(r => r.Body?.GetProperty("summaryId").GetString() == summaryId).ToList();
            sent.Count.ShouldBe(4);
            sent.ShouldAllBe(r => r.IdempotencyKey == summaryId && r.SignatureValid && r.PartnerId == FakeVendorAndErp.ErpClientId);
            sent.Select(r => r.Body!.Value.GetRawText()).Distinct().Count().ShouldBe(1); // every retry sends the same body
            for (var i = 1; i < sent.Count; i++) // each retry waits at least its cooldown (t, +c1, +c1+c2, +c1+c2+c3)
                (sent[i].At - sent[i - 1].At).ShouldBeGreaterThanOrEqualTo(RetryCooldowns[i - 1] - TimeSpan.FromMilliseconds(50));

            Outside.Recover("/api/v1/sales-summaries");
            var retried = (await admin.PostGraphQLAsync("mutation($id: ID!) { retryManualTask(id: $id) { status outcome attempts } }", new { id = task.GetProperty("id").GetString() }))
                .Ok().GetProperty("retryManualTask");
            (retried.GetProperty("status").GetString(), retried.GetProperty("outcome").GetString()).ShouldBe(("RESOLVED", "SENT"));
            Outside.RequestsTo("/api/v1/sales-summaries").Count(r => r.IdempotencyKey == summaryId).ShouldBe(5);
        }
        finally
        {
            Outside.Recover("/api/v1/sales-summaries");
        }
    }

    [Fact]
    public async Task scenario_11_a_door_that_does_not_open_fails_the_session_cancels_its_service_order_and_is_never_resent()
    {
        var device = await Api.DeviceAsync();
        var qr = $"vending:device:{device}";
        Outside.Answer("/api/v1/doors/open", 503);
        try
        {
            var u3 = await Api.PayScoreUserAsync(0);
            var (status, started) = await u3.PostAsync("/api/app/sessions", new { qrCode = qr, paymentType = "WECHAT" });
            status.ShouldBe(202, started.ToString());
            var sessionNo = started.GetProperty("sessionNo").GetString()!;
            var session = await EventuallyAsync(async () => await u3.GetAsync($"/api/app/sessions/{sessionNo}"), s => s.GetProperty("status").GetString() == "FAILED", "the session");
            session.GetProperty("failureReason").GetString().ShouldBe("OPEN_FAILED");
            var attempts = Outside.RequestsTo("/api/v1/doors/open").Where(r => r.Body?.GetProperty("sessionNo").GetString() == sessionNo).ToList();
            attempts.Count.ShouldBe(4);
            attempts.Select(a => a.IdempotencyKey).Distinct().Count().ShouldBe(1);
            var outOrderNo = OutOrderNo(CreateFor(u3));
            await EventuallyAsync(() => Task.FromResult(WeChat.RequestsTo($"/v3/payscore/serviceorder/{outOrderNo}/cancel")), r => r.Count == 1, "the cancel");

            var admin = await AdminAsync();
            var task = (await EventuallyAsync(async () => (await admin.PostGraphQLAsync(
                    "query($d: String!) { manualTasks(where: { deviceCode: { eq: $d } }) { nodes { id kind retryable attempts } } }", new { d = device }))
                .Ok().GetProperty("manualTasks").GetProperty("nodes"), n => n.GetArrayLength() == 1, "the manual task")).EnumerateArray().Single();
            (task.GetProperty("kind").GetString(), task.GetProperty("retryable").GetBoolean(), task.GetProperty("attempts").GetInt32()).ShouldBe(("VENDOR_OPEN_DOOR", false, 4));
            var retry = await admin.PostGraphQLAsync("mutation($id: ID!) { retryManualTask(id: $id) { status } }", new { id = task.GetProperty("id").GetString() });
            retry.Errors.ShouldHaveSingleItem().Code().ShouldBe("COMMAND_EXPIRED");
            Outside.RequestsTo("/api/v1/doors/open").Count(r => r.Body?.GetProperty("sessionNo").GetString() == sessionNo).ShouldBe(4);

            // A refusal is not retried: one request, the session OPEN_REJECTED.
            Outside.Answer("/api/v1/doors/open", 409, new { code = "DEVICE_BUSY", message = "设备忙" });
            var (_, next) = await u3.PostAsync("/api/app/sessions", new { qrCode = qr, paymentType = "WECHAT" });
            var rejectedNo = next.GetProperty("sessionNo").GetString()!;
            var rejected = await EventuallyAsync(async () => await u3.GetAsync($"/api/app/sessions/{rejectedNo}"), s => s.GetProperty("status").GetString() == "FAILED", "the session");
            rejected.GetProperty("failureReason").GetString().ShouldBe("OPEN_REJECTED");
            Outside.RequestsTo("/api/v1/doors/open").Count(r => r.Body?.GetProperty("sessionNo").GetString() == rejectedNo).ShouldBe(1);
        }
        finally
        {
            Outside.Recover("/api/v1/doors/open");
        }
    }

    [Fact]
    public async Task scenario_15_device_reports_apply_in_the_order_they_happened_and_an_offline_device_opens_nothing()
    {
        var device = await Api.DeviceAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        async Task<JsonElement> ReportAsync(string status, DateTimeOffset reportedAt)
        {
            var response = await Api.VendorPostAsync("/api/vendors/wheat/device-status",
                new { reports = new[] { new { deviceCode = device, status, reportedAt = reportedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") } } });
            var text = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).ShouldBe(200, text);
            return JsonDocument.Parse(text).RootElement;
        }
        static (int, int) Counts(JsonElement a) => (a.GetProperty("applied").GetInt32(), a.GetProperty("ignored").GetInt32());

        Counts(await ReportAsync("ONLINE", at)).ShouldBe((1, 0));
        Counts(await ReportAsync("OFFLINE", at.AddMinutes(5))).ShouldBe((1, 0));
        Counts(await ReportAsync("ONLINE", at.AddMinutes(3))).ShouldBe((0, 1));

        var admin = await AdminAsync();
        (await admin.PostGraphQLAsync("query($d: String!) { device(deviceCode: $d) { onlineStatus } }", new { d = device }))
            .Ok().GetProperty("device").GetProperty("onlineStatus").GetString().ShouldBe("OFFLINE");
        var user = await Api.UserAsync(20_000);
        (await user.GetAsync($"/api/app/scan?qrCode=vending:device:{device}")).GetProperty("blockedReason").GetString().ShouldBe("DEVICE_OFFLINE");
        var (status, problem) = await user.PostAsync("/api/app/sessions", new { qrCode = $"vending:device:{device}", paymentType = "TICKETS" });
        status.ShouldBe(409);
        problem.GetProperty("type").GetString().ShouldBe("urn:cabinet-ops:problem:device-offline");
        Outside.RequestsTo("/api/v1/doors/open").ShouldNotContain(r => r.Body!.Value.GetProperty("deviceCode").GetString() == device);
    }

    [Fact]
    public async Task scenario_19_products_are_pulled_page_by_page_then_only_what_changed_and_a_push_keeps_its_own_prices()
    {
        Outside.Page(null, "c2", ("P100", "牛奶", 1250), ("P200", "薯片", 600));
        Outside.Page("c2", null, ("P300", "果汁", 350));
        var admin = await AdminAsync();
        var store = Api.Services.GetRequiredService<IDocumentStore>();
        async Task<ProductSyncCompleted> SyncAsync()
        {
            var syncId = (await admin.PostGraphQLAsync("mutation { syncProducts { syncId } }")).Ok().GetProperty("syncProducts").GetProperty("syncId").GetString()!;
            return await EventuallyAsync(async () =>
            {
                await using var session = store.QuerySession();
                return (await session.Events.FetchStreamAsync(VendingEventNames.ProductSync(syncId))).Select(e => e.Data).OfType<ProductSyncCompleted>().SingleOrDefault();
            }, c => c is not null, "the pull " + syncId) ?? throw new InvalidOperationException();
        }
        async Task<int> P100EventsAsync()
        {
            await using var session = store.QuerySession();
            return (await session.Events.FetchStreamAsync(VendingEventNames.Product("P100"))).Count;
        }

        var before = Outside.RequestsTo("/api/v1/products").Count;
        var first = await SyncAsync();
        first.Received.ShouldBe(3);
        var pages = Outside.RequestsTo("/api/v1/products").Skip(before).ToList();
        pages.Select(p => p.Query("cursor")).ShouldBe([null, "c2"]);
        pages.Select(p => p.IdempotencyKey).Distinct().Count().ShouldBe(1);
        pages.ShouldAllBe(p => p.SignatureValid && p.PartnerId == FakeVendorAndErp.ErpClientId);
        (await admin.PostGraphQLAsync("{ products { totalCount } }")).Ok().GetProperty("products").GetProperty("totalCount").GetInt32().ShouldBe(3);

        var p100Events = await P100EventsAsync();
        Outside.Page(null, null, ("P100", "牛奶", 1300));
        var second = await SyncAsync();
        (second.Received, second.Changed).ShouldBe((1, 1));
        var since = Outside.RequestsTo("/api/v1/products").Skip(before + 2).ShouldHaveSingleItem().Query("updatedSince");
        DateTimeOffset.Parse(since!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(first.StartedAt.AddMinutes(-5), TimeSpan.FromSeconds(1)); // the last completed pull's start, with the 5-minute overlap
        (await admin.PostGraphQLAsync("{ product(productCode: \"P100\") { price } }")).Ok().GetProperty("product").GetProperty("price").GetInt64().ShouldBe(1300);
        (await P100EventsAsync()).ShouldBe(p100Events + 1);

        var user = await Api.UserAsync(20_000);
        var sessionNo = await user.OpenDoorAsync("vending:device:D001", "TICKETS");
        var charged = await Api.PushOrderAsync(Push(Wheat(), sessionNo, "D001", 1250, ("P100", "牛奶", 1, 1250)), "RECORDED");
        (await ConsoleOrderAsync(charged)).GetProperty("ticketPaymentAmount").GetInt64().ShouldBe(1250);
        var unknownSession = await user.OpenDoorAsync("vending:device:D001", "TICKETS");
        var unknown = await Api.PushOrderAsync(Push(Wheat(), unknownSession, "D001", 500, ("P999", "神秘礼包", 1, 500)), "RECORDED");
        var order = await ConsoleOrderAsync(unknown);
        order.GetProperty("paymentStatus").GetString().ShouldBe("PAID");
        order.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("knownProduct").GetBoolean().ShouldBeFalse();
    }
}
