using System.Text.Json;
using Cabinets.Api.Tests.Stations;
using Cabinets.Api.Vending.Statistics;
using Cabinets.Domain.Vending;
using Cabinets.Projections.Vending.Statistics;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Cabinets.Api.Tests.Vending.Statistics.ScenarioSeventeenEvents;

namespace Cabinets.Api.Tests.Vending.Statistics;

/// <summary>VENDING.md §5 scenarios 17 and 18 over GraphQL and the ERP summary, and the read model's replay rules (§2.12).</summary>
public sealed class VendingStatisticsTests(VendingStatisticsFixture api) : IClassFixture<VendingStatisticsFixture>
{
    private const string Window = "from: \"2026-11-21\", to: \"2026-11-21\"";
    private const string SalesFields = "date storeCode deviceCode productCode productName paymentType orderCount soldQuantity refundedQuantity " +
        "grossAmount refundAmount netAmount ticketsCollected ticketsRefunded";

    private Task<JsonElement> QueryAsync(string query) => StationGraphQL.DataAsync(api.Admin, query);

    private static JsonElement Row(JsonElement rows, string field, string value) =>
        rows.EnumerateArray().Single(r => r.GetProperty(field).GetString() == value);

    [Fact]
    public async Task scenario_17_sales_by_payment_type_count_each_paid_order_once_with_its_refund_on_its_day()
    {
        var rows = (await QueryAsync($"{{ vendingSales({Window}, groupBy: [PAYMENT_TYPE]) {{ {SalesFields} }} }}")).GetProperty("vendingSales");
        rows.GetArrayLength().ShouldBe(2);
        var wechat = Row(rows, "paymentType", "WECHAT");
        (wechat.GetProperty("grossAmount").GetInt64(), wechat.GetProperty("refundAmount").GetInt64(), wechat.GetProperty("netAmount").GetInt64(),
            wechat.GetProperty("orderCount").GetInt32()).ShouldBe((950L, 600L, 350L, 1));
        var tickets = Row(rows, "paymentType", "TICKETS");
        (tickets.GetProperty("grossAmount").GetInt64(), tickets.GetProperty("refundAmount").GetInt64(), tickets.GetProperty("netAmount").GetInt64(),
            tickets.GetProperty("ticketsCollected").GetInt64(), tickets.GetProperty("orderCount").GetInt32()).ShouldBe((2500L, 0L, 2500L, 12_500L, 1));
        tickets.GetProperty("productCode").ValueKind.ShouldBe(JsonValueKind.Null); // not grouped
    }

    [Fact]
    public async Task scenario_17_sales_by_product_show_sold_refunded_and_net_per_product()
    {
        var rows = (await QueryAsync($"{{ vendingSales({Window}, groupBy: [PRODUCT]) {{ {SalesFields} }} }}")).GetProperty("vendingSales");
        rows.EnumerateArray().Select(r => r.GetProperty("productCode").GetString()).ShouldBe(["P100", "P200", "P300"]);
        var figures = rows.EnumerateArray().Select(r => (r.GetProperty("productName").GetString(), r.GetProperty("soldQuantity").GetInt32(),
            r.GetProperty("refundedQuantity").GetInt32(), r.GetProperty("netAmount").GetInt64())).ToList();
        figures.ShouldBe([("牛奶", 2, 0, 2500L), ("薯片", 1, 1, 0L), ("果汁", 1, 0, 350L)]);
    }

    [Fact]
    public async Task scenario_17_sales_by_every_dimension_add_up_to_the_day()
    {
        var rows = (await QueryAsync($"{{ vendingSales({Window}, groupBy: [DATE, STORE, DEVICE, PRODUCT, PAYMENT_TYPE], storeCode: \"S001\") {{ {SalesFields} }} }}"))
            .GetProperty("vendingSales");
        rows.GetArrayLength().ShouldBe(3);
        rows.EnumerateArray().ShouldAllBe(r => r.GetProperty("date").GetString() == "2026-11-21" && r.GetProperty("storeCode").GetString() == "S001");
        rows.EnumerateArray().Sum(r => r.GetProperty("netAmount").GetInt64()).ShouldBe(2850);
        Row(rows, "productCode", "P100").GetProperty("deviceCode").GetString().ShouldBe("D001");
        var total = (await QueryAsync($"{{ vendingSales({Window}, groupBy: []) {{ {SalesFields} }} }}")).GetProperty("vendingSales").EnumerateArray().Single();
        (total.GetProperty("grossAmount").GetInt64(), total.GetProperty("netAmount").GetInt64(), total.GetProperty("orderCount").GetInt32()).ShouldBe((3450L, 2850L, 2));
    }

    [Fact]
    public async Task scenario_17_payment_success_rate_counts_charges_by_their_first_attempt()
    {
        var stats = (await QueryAsync($"{{ paymentSuccessRate({Window}) {{ started succeededFirstTime failed pending rate }} }}")).GetProperty("paymentSuccessRate");
        (stats.GetProperty("started").GetInt32(), stats.GetProperty("succeededFirstTime").GetInt32(), stats.GetProperty("failed").GetInt32(),
            stats.GetProperty("pending").GetInt32(), stats.GetProperty("rate").GetDouble()).ShouldBe((3, 2, 1, 0, 0.6667));
        var tickets = (await QueryAsync($"{{ paymentSuccessRate({Window}, paymentType: TICKETS) {{ started rate }} }}")).GetProperty("paymentSuccessRate");
        (tickets.GetProperty("started").GetInt32(), tickets.GetProperty("rate").GetDouble()).ShouldBe((2, 0.5));
        var none = (await QueryAsync("{ paymentSuccessRate(from: \"2020-01-01\", to: \"2020-01-02\") { started rate } }")).GetProperty("paymentSuccessRate");
        none.GetProperty("rate").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task scenario_17_device_online_rate_is_time_weighted()
    {
        var report = (await QueryAsync($"{{ deviceOnlineRate({Window}) {{ onlineSeconds observedSeconds rate rows {{ deviceCode storeCode onlineSeconds observedSeconds rate }} }} }}"))
            .GetProperty("deviceOnlineRate");
        var rows = report.GetProperty("rows");
        rows.EnumerateArray().Select(r => (r.GetProperty("deviceCode").GetString(), r.GetProperty("storeCode").GetString(), r.GetProperty("rate").GetDouble()))
            .ShouldBe([("D001", "S001", 0.75), ("D002", "S001", 1.0)]);
        Row(rows, "deviceCode", "D001").GetProperty("onlineSeconds").GetInt64().ShouldBe(18 * 3600);
        (report.GetProperty("onlineSeconds").GetInt64(), report.GetProperty("observedSeconds").GetInt64(), report.GetProperty("rate").GetDouble())
            .ShouldBe((42L * 3600, 48L * 3600, 0.875));
    }

    [Fact]
    public async Task scenario_17_daily_operations_report_totals_the_day()
    {
        var report = (await QueryAsync("""
            { dailyOperationsReport(date: "2026-11-21") { date final
                total { storeCode ordersRecorded ordersPaid grossAmount refundAmount netAmount wechatNetAmount ticketNetAmount ticketsNet
                        paymentSuccessRate deviceOnlineRate exceptionOrdersRaised exceptionOrdersPending manualTasksOpened manualTasksOpen
                        complaintsFiled complaintsResolved }
                stores { storeCode ordersRecorded netAmount } } }
            """)).GetProperty("dailyOperationsReport");
        report.GetProperty("final").GetBoolean().ShouldBeTrue(); // 2026-11-22 02:00 has passed
        var total = report.GetProperty("total");
        (total.GetProperty("ordersRecorded").GetInt32(), total.GetProperty("ordersPaid").GetInt32(), total.GetProperty("grossAmount").GetInt64(),
            total.GetProperty("refundAmount").GetInt64(), total.GetProperty("netAmount").GetInt64()).ShouldBe((3, 2, 3450L, 600L, 2850L));
        (total.GetProperty("wechatNetAmount").GetInt64(), total.GetProperty("ticketNetAmount").GetInt64(), total.GetProperty("ticketsNet").GetInt64())
            .ShouldBe((350L, 2500L, 12_500L));
        (total.GetProperty("paymentSuccessRate").GetDouble(), total.GetProperty("deviceOnlineRate").GetDouble()).ShouldBe((0.6667, 0.875));
        var store = report.GetProperty("stores").EnumerateArray().Single();
        (store.GetProperty("storeCode").GetString(), store.GetProperty("ordersRecorded").GetInt32(), store.GetProperty("netAmount").GetInt64()).ShouldBe(("S001", 3, 2850L));
    }

    [Fact]
    public async Task a_day_that_has_not_reached_two_oclock_of_the_next_is_not_final()
    {
        var today = VendingBusinessDay.Of(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await QueryAsync($"{{ dailyOperationsReport(date: \"{today}\") {{ final }} }}")).GetProperty("dailyOperationsReport").GetProperty("final").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task scenario_18_the_erp_summary_holds_the_day_by_product_net_of_refunds()
    {
        var summaries = new SalesSummaries(api.Services.GetRequiredService<NpgsqlDataSource>());
        (await summaries.StoresWithMovementsAsync(Day)).ShouldContain(Store);
        var summary = await summaries.BuildAsync(Store, Day);
        (summary.SummaryId, summary.BusinessDate, summary.StoreCode, summary.Currency).ShouldBe(("SS-20261121-S001", Day, Store, "CNY"));
        summary.Lines.ShouldBe([
            new Cabinets.Api.Vending.Ports.SalesSummaryLine("P100", 2, 0, 2500, 0, 2500, 0, 2500, 12_500),
            new Cabinets.Api.Vending.Ports.SalesSummaryLine("P200", 1, 1, 600, 600, 0, 0, 0, 0),
            new Cabinets.Api.Vending.Ports.SalesSummaryLine("P300", 1, 0, 350, 0, 350, 350, 0, 0),
        ]);
        summary.Totals.ShouldBe(new Cabinets.Api.Vending.Ports.SalesSummaryTotals(3450, 600, 2850, 350, 2500, 12_500));
    }

    [Fact]
    public async Task a_refund_on_a_later_day_counts_on_that_day_and_leaves_the_past_day_as_it_was()
    {
        // Its own store and days, apart from scenario 17.
        var paidDay = new DateOnly(2026, 11, 25);
        var order = Order("VO26112500000001", "D901", VendingPaymentType.Tickets, Local(paidDay, 9), [("P100", "牛奶", 2, 1250)], store: "S901");
        await using (var session = api.Store.LightweightSession())
        {
            session.Events.StartStream(VendingEventNames.Order(order.OrderNo), order,
                new ChargeStarted(order.OrderNo, "VP91", VendingPaymentType.Tickets, 2500, 12_500, Local(paidDay, 9)),
                new PaymentSucceeded(order.OrderNo, "VP91", VendingPaymentType.Tickets, 2500, 12_500, null, Local(paidDay, 9),
                    [new MoneyLine("P100", 2, 2500)], "S901", "D901", Local(paidDay, 9)));
            await session.SaveChangesAsync();
        }
        await api.CaughtUpAsync();
        const string Sales = "{ vendingSales(from: \"2026-11-25\", to: \"2026-11-26\", groupBy: [DATE], storeCode: \"S901\") { date grossAmount refundAmount netAmount soldQuantity refundedQuantity ticketsRefunded orderCount } }";
        var before = (await QueryAsync(Sales)).GetProperty("vendingSales").ToString();

        await using (var session = api.Store.LightweightSession())
        {
            var refundAt = Local(paidDay.AddDays(1), 15);
            session.Events.Append(VendingEventNames.Order(order.OrderNo),
                new RefundSucceeded(order.OrderNo, "VR91", RefundMethod.Tickets, 1250, 6_250, null, refundAt, [new MoneyLine("P100", 1, 1250)], "S901", "D901", refundAt));
            await session.SaveChangesAsync();
        }
        await api.CaughtUpAsync();
        var rows = (await QueryAsync(Sales)).GetProperty("vendingSales");
        rows.GetArrayLength().ShouldBe(2);
        rows[0].ToString().ShouldBe(JsonDocument.Parse(before).RootElement[0].ToString());
        (rows[0].GetProperty("grossAmount").GetInt64(), rows[0].GetProperty("refundAmount").GetInt64(), rows[0].GetProperty("orderCount").GetInt32()).ShouldBe((2500L, 0L, 1));
        (rows[1].GetProperty("date").GetString(), rows[1].GetProperty("grossAmount").GetInt64(), rows[1].GetProperty("refundAmount").GetInt64(),
            rows[1].GetProperty("netAmount").GetInt64(), rows[1].GetProperty("refundedQuantity").GetInt32(), rows[1].GetProperty("ticketsRefunded").GetInt64(),
            rows[1].GetProperty("orderCount").GetInt32()).ShouldBe(("2026-11-26", 0L, 1250L, -1250L, 1, 6_250L, 0));
    }

    [Fact]
    public async Task applying_every_event_again_over_the_rows_changes_nothing()
    {
        var before = await api.AllRowsAsync();
        await using var read = api.Store.QuerySession();
        var events = await read.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync();
        await using (var session = api.Store.LightweightSession())
        {
            foreach (var statement in VendingStatisticsProjection.Statements(events)) session.QueueSqlCommand(statement.Sql, [.. statement.Arguments]);
            await session.SaveChangesAsync();
        }
        (await api.AllRowsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task a_rebuild_of_the_projection_empties_its_tables_and_gives_the_same_rows()
    {
        await api.CaughtUpAsync();
        var before = await api.AllRowsAsync();
        before.ShouldNotBeEmpty();
        // A row no event explains: only a rebuild that empties the tables and replays every event removes it.
        await using (var db = NpgsqlDataSource.Create(api.ConnectionString))
            await db.CreateCommand("insert into vending.stats_sales (business_day, store_code, device_code, product_code, payment_type, gross_amount) " +
                "values ('2026-11-21', 'S001', 'D001', 'P999', 'WECHAT', 1)").ExecuteNonQueryAsync();
        (await api.AllRowsAsync()).Count.ShouldBe(before.Count + 1);
        using (var daemon = await api.Store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync(VendingStatisticsProjection.ProjectionName, TimeSpan.FromMinutes(1), CancellationToken.None);
        (await api.AllRowsAsync()).ShouldBe(before);
    }
}
