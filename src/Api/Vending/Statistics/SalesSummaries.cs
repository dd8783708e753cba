using System.Globalization;
using Cabinets.Api.Vending.Ports;
using Npgsql;
using static Cabinets.Api.Vending.Statistics.StatisticsSql;

namespace Cabinets.Api.Vending.Statistics;

/// <summary>
/// The content of the daily ERP sales summary (VENDING.md §2.11, §4.3): one store's business day by
/// product, from the same sums as `vendingSales`, so the ERP and the console agree. WeChat and
/// ticket amounts and the ticket count are net of that day's refunds; totals are the lines' sums.
/// </summary>
public sealed class SalesSummaries(NpgsqlDataSource db)
{
    public static string SummaryId(DateOnly date, string storeCode) =>
        $"SS-{date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{storeCode}";

    public async Task<SalesSummary> BuildAsync(string storeCode, DateOnly date, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = $"""
            select product_code, sum(sold_quantity), sum(refunded_quantity), sum(gross_amount), sum(refund_amount),
                   coalesce(sum(gross_amount - refund_amount) filter (where payment_type = 'WECHAT'), 0),
                   coalesce(sum(gross_amount - refund_amount) filter (where payment_type = 'TICKETS'), 0),
                   sum(tickets_collected - tickets_refunded)
              from {S}.stats_sales_by_store_product
             where business_day = {P(cmd, date)} and store_code = {P(cmd, storeCode)}
             group by product_code order by product_code
            """;
        var lines = new List<SalesSummaryLine>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                long L(int i) => Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
                lines.Add(new SalesSummaryLine(reader.GetString(0), (int)L(1), (int)L(2), L(3), L(4), L(3) - L(4), L(5), L(6), L(7)));
            }
        }
        var totals = new SalesSummaryTotals(lines.Sum(l => l.GrossAmount), lines.Sum(l => l.RefundAmount), lines.Sum(l => l.NetAmount),
            lines.Sum(l => l.WechatAmount), lines.Sum(l => l.TicketAmount), lines.Sum(l => l.TicketCount));
        return new SalesSummary(SummaryId(date, storeCode), date, storeCode, "CNY", lines, totals);
    }

    /// <summary>The stores with a payment or a refund on the business day: the ones the 02:00 push sends a summary for.</summary>
    public async Task<IReadOnlyList<string>> StoresWithMovementsAsync(DateOnly date, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = $"select distinct store_code from {S}.stats_sales_by_store where business_day = {P(cmd, date)} order by store_code";
        var stores = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) stores.Add(reader.GetString(0));
        return stores;
    }
}
