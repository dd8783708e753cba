using Cabinets.Domain.Access;
using Cabinets.Domain.Stations.Orders;
using Cabinets.Projections.Stations;
using Marten;
using static Cabinets.Api.Stations.Rest.StationRest;
using static Cabinets.Api.Stations.StationMoney;

namespace Cabinets.Api.Stations.Rest;

/// <summary>
/// The sorting module's `distribute/get_order_by_id` (TAX.md §2.11, §4.2.11), under `/station/` and
/// unprefixed: the type-1 sheets of the given orders in that view's own formats (order money Y,
/// line money N, line tax Y, seconds in `date_time`). It reads; it does not print, so it assigns no
/// tax number. Only the `ids` form is served.
/// </summary>
internal static class SortingSheetEndpoints
{
    private static readonly string[] FilterForm = ["start_time", "end_time", "time_config_id", "search_text", "route_id", "order_status"];

    public static IEndpointRouteBuilder MapSortingSheetEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/station/distribute/get_order_by_id", Sheets);
        app.MapGet("/distribute/get_order_by_id", Sheets);
        return app;
    }

    private static async Task<IResult> Sheets(HttpContext http, IQuerySession session, CancellationToken ct)
    {
        if (Caller(http, Permissions.StationRead, out var refusal) is not var (station, _)) return refusal!;
        if (FilterForm.FirstOrDefault(http.Request.Query.ContainsKey) is { } filter) return Invalid(filter, "only the ids form is served here");
        var ids = QueryIds(http.Request.Query, "ids").Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count is 0 or > 100) return Invalid("ids", "must list 1 to 100 orders");

        var docs = await session.LoadManyAsync<StationOrderSnapshot>(ct, ids.Select(StationOrderEventNames.StreamId).ToArray());
        var found = docs.Where(d => d.State?.StationId == station).ToDictionary(d => d.State!.OrderId, d => d.State!);
        var missing = ids.Where(id => !found.ContainsKey(id)).ToList();
        if (missing.Count > 0) return Fail(1002, "not found", new { missing_ids = missing });

        var sheets = new List<object>();
        foreach (var id in ids)
        {
            var state = found[id];
            var (merchant, skus) = await StationLookups.ReferenceAsync(session, http.RequestServices.GetRequiredService<Cabinets.Api.PersonalData.PersonalDataVault>(), state, ct);
            var sheet = StationViews.Sheet(state, merchant, skus, type: 1);
            // Type 1 is the order as ordered: its real price is its total.
            var total = state.Lines.Sum(l => StationViews.LineFigures.Of(l.Quantity, l.UnitPrice, l.TaxRate).Amount);
            sheet["total_pay"] = Yuan(total);
            sheet["total_price"] = Yuan(total);
            sheet["real_price"] = Yuan(total);
            sheet["date_time"] = TimeZoneInfo.ConvertTime(state.CreatedAt, Shanghai).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            sheet["pay_status"] = state.PayStatus;
            sheet["username"] = merchant?.Resname ?? "";
            sheet["create_user"] = "";
            sheet["address_sign"] = merchant?.AddressSign ?? "";
            sheet["address_sign_id"] = merchant?.AddressSignId ?? "";
            sheet["receive_way"] = merchant?.ReceiveWay ?? 1;
            sheet["production_time"] = null;
            sheet["life_time"] = null;
            sheets.Add(sheet);
        }
        return Ok(sheets);
    }
}
