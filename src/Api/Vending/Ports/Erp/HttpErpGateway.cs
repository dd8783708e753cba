using System.Globalization;
using System.Text.Json;
using Cabinets.Api.Commands;
using Cabinets.Api.Vending.Ports.Vendor;

namespace Cabinets.Api.Vending.Ports.Erp;

/// <summary>
/// The ERP over HTTP (VENDING.md §4.3), signed with `X-Partner-Id` = `Erp__ClientId`: the product
/// pages (`Idempotency-Key` = the pull's key, the same for every page and retry of one pull) and the
/// daily sales summary (`Idempotency-Key` = its summaryId).
/// </summary>
internal sealed class HttpErpGateway(SignedJsonClient client, int pageSize) : IErpGateway
{
    private const string Service = "erp";

    public async Task<ErpProductPage> PullProductsAsync(DateTimeOffset updatedSince, string? cursor, string idempotencyKey, CancellationToken ct)
    {
        var query = "?updatedSince=" + Uri.EscapeDataString(updatedSince.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
            + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)) + "&limit=" + pageSize.ToString(CultureInfo.InvariantCulture);
        var answer = await client.SendAsync(HttpMethod.Get, "/api/v1/products" + query, null, idempotencyKey, ct);
        try
        {
            return answer is { ValueKind: JsonValueKind.Object } page
                ? page.Deserialize<ErpProductPage>(new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? Empty
                : throw new ExternalServiceException(Service, "HTTP 200 without a product page");
        }
        catch (JsonException e)
        {
            // A page we cannot read is the ERP's fault of the moment, not a refusal of ours: retried, then a manual task.
            throw new ExternalServiceException(Service, "HTTP 200 with an unreadable product page", e);
        }
    }

    public Task PushSalesSummaryAsync(SalesSummary summary, CancellationToken ct) =>
        client.SendAsync(HttpMethod.Post, "/api/v1/sales-summaries", new SalesSummaryBody(summary), summary.SummaryId, ct);

    private static readonly ErpProductPage Empty = new([], null);

    /// <summary>§4.3's body: `businessDate` as YYYY-MM-DD.</summary>
    private sealed record SalesSummaryBody(string SummaryId, string BusinessDate, string StoreCode, string Currency,
        IReadOnlyList<SalesSummaryLine> Lines, SalesSummaryTotals Totals)
    {
        public SalesSummaryBody(SalesSummary s)
            : this(s.SummaryId, s.BusinessDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.StoreCode, s.Currency, s.Lines, s.Totals) { }
    }
}

/// <summary>The ERP as a file: requests recorded, the summary accepted, the product pull answered with an empty page.</summary>
internal sealed class FileErpGateway(OutboundFile file) : IErpGateway
{
    public async Task<ErpProductPage> PullProductsAsync(DateTimeOffset updatedSince, string? cursor, string idempotencyKey, CancellationToken ct)
    {
        await file.AppendAsync("GET /api/v1/products", idempotencyKey, new { updatedSince, cursor }, ct);
        return new ErpProductPage([], null);
    }

    public Task PushSalesSummaryAsync(SalesSummary summary, CancellationToken ct) => file.AppendAsync("POST /api/v1/sales-summaries", summary.SummaryId, summary, ct);
}
