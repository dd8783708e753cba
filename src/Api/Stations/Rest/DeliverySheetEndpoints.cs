using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Cabinets.Api.Access;
using Cabinets.Api.Commands;
using Cabinets.Domain.Access;
using Cabinets.Domain.Deciding;
using Cabinets.Domain.Stations;
using Cabinets.Domain.Stations.Orders;
using Cabinets.Domain.Stations.Reference;
using Cabinets.Domain.Stations.TaxRules;
using Cabinets.Projections.Stations;
using Marten;
using Npgsql;

using static Cabinets.Api.Stations.Rest.StationRest;

namespace Cabinets.Api.Stations.Rest;

/// <summary>`/delivery/update` and `/delivery/print` (TAX.md §4.2.9–4.2.10): the sheet keeps the order's captured rates; a print assigns tax numbers once.</summary>
internal static class DeliverySheetEndpoints
{
    public static IEndpointRouteBuilder MapDeliverySheetEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/delivery/update", UpdateSheet);
        app.MapPost("/delivery/print", Print);
        return app;
    }

    private static async Task<IResult> UpdateSheet(HttpContext http, TimeProvider clock)
    {
        if (Caller(http, Permissions.StationDeliveryWrite, out var refusal) is not var (station, context)) return refusal!;
        if (await BodyAsync(http) is not { } body) return Invalid("body", "must be a JSON object");
        if (Str(body, "order_id") is not { } orderId) return Invalid("order_id", "is required");
        if (!body.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Array) return Invalid("details", "must be a list");
        var changes = new List<DeliverySheetChange>();
        var i = 0;
        foreach (var d in details.EnumerateArray())
        {
            if (Str(d, "sku_id") is not { } sku) return Invalid($"details[{i}].sku_id", "is required");
            if (!d.TryGetProperty("real_quantity", out var q) || q.ValueKind != JsonValueKind.Number || !q.TryGetDecimal(out var quantity))
                return Invalid($"details[{i}].real_quantity", "must be a number");
            long? price = null;
            if (Str(d, "sale_price") is { } priceText && (price = StationMoney.ParseYuan(priceText)) is null) return Invalid($"details[{i}].sale_price", "must be a yuan amount >= 0 with at most 2 decimals");
            changes.Add(new DeliverySheetChange(sku, quantity, price, Str(d, "remark")));
            i++;
        }
        var outcome = await SendAsync(http, new UpdateDeliverySheet(orderId, station, changes, Str(body, "remark"), clock.GetUtcNow()), context);
        return Answer(outcome, _ => new { order_id = orderId });
    }

    private static async Task<IResult> Print(HttpContext http, IDocumentStore store, TimeProvider clock)
    {
        if (Caller(http, Permissions.StationDeliveryWrite, out var refusal) is not var (station, context)) return refusal!;
        if (await BodyAsync(http) is not { } body) return Invalid("body", "must be a JSON object");
        if (!body.TryGetProperty("ids", out var idsJson) || idsJson.ValueKind != JsonValueKind.Array) return Invalid("ids", "must be a list of order ids");
        var ids = idsJson.EnumerateArray().Select(x => x.GetString() ?? "").ToList();
        if (ids.Count is 0 or > 100) return Invalid("ids", "must list 1 to 100 orders");
        if (!body.TryGetProperty("type", out var t) || !t.TryGetInt32(out var type) || type is not (1 or 2)) return Invalid("type", "must be 1 or 2");
        var outcome = await SendAsync(http, new PrintDeliverySheets(station, ids, type, clock.GetUtcNow()), context);
        if (outcome is not CommandOutcome.Accepted) return Answer(outcome, x => x);

        await using var session = store.QuerySession();
        var sheets = new List<object>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            var state = (await session.LoadAsync<StationOrderSnapshot>(StationOrderEventNames.StreamId(id), http.RequestAborted))!.State!;
            var (merchant, skus) = await StationLookups.ReferenceAsync(session, http.RequestServices.GetRequiredService<Cabinets.Api.PersonalData.PersonalDataVault>(), state, http.RequestAborted);
            sheets.Add(StationViews.Sheet(state, merchant, skus, type));
        }
        return Ok(new { delivery_details = sheets });
    }
}
