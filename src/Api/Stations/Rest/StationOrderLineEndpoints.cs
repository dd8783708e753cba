using Cabinets.Domain.Access;
using Cabinets.Domain.Stations;
using Cabinets.Projections.Stations.OrderLines;
using Npgsql;
using static Cabinets.Api.Stations.Rest.StationRest;
using static Cabinets.Api.Stations.StationMoney;

namespace Cabinets.Api.Stations.Rest;

/// <summary>
/// `GET /station/order/order_sku_list` (TAX.md §2.9, §4.2.8): one row per order line over the
/// station's non-deleted orders, every filter of the seed, paged in SQL from the async order-lines
/// model (`src/Projections/Stations/OrderLines`).
/// </summary>
internal static class StationOrderLineEndpoints
{
    private const int MaxReturnAll = 10_000;

    public static IEndpointRouteBuilder MapStationOrderLineEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/station/order/order_sku_list", List);
        return app;
    }

    private static async Task<IResult> List(HttpContext http, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (Caller(http, Permissions.StationRead, out var refusal) is not var (station, _)) return refusal!;
        var q = http.Request.Query;
        string? One(string key) => q.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;

        var filter = new StationLineFilter(station);
        switch (One("query_type"))
        {
            case "1":
                var today = LocalDate(clock.GetUtcNow());
                if (ParseDateOr(One("start_date"), today, "start_date", out var start) is { } e1) return e1;
                if (ParseDateOr(One("end_date"), today, "end_date", out var end) is { } e2) return e2;
                filter = filter with { CreatedBetween = (StartOfLocalDay(start), StartOfLocalDay(end.AddDays(1))) };
                break;
            case "2":
                if (One("time_config_id") is not { } config) return Invalid("time_config_id", "is required for query_type 2");
                if (ParseLocalMinutes(One("cycle_start_time")) is not { } from) return Invalid("cycle_start_time", "must be YYYY-MM-DD HH:MM");
                if (ParseLocalMinutes(One("cycle_end_time")) is not { } to) return Invalid("cycle_end_time", "must be YYYY-MM-DD HH:MM");
                filter = filter with { TimeConfigId = config, CreatedBetween = (from, to) };
                break;
            case "3":
                if (ParseDate(One("receive_start_date")) is not { } rs) return Invalid("receive_start_date", "must be YYYY-MM-DD");
                if (ParseDate(One("receive_end_date")) is not { } re) return Invalid("receive_end_date", "must be YYYY-MM-DD");
                filter = filter with { ReceiveBetween = (StartOfLocalDay(rs), StartOfLocalDay(re.AddDays(1))) };
                break;
            default:
                return Invalid("query_type", "must be 1, 2 or 3");
        }

        if (Int(One("status"), "status", [1, 5, 10, 15], out var status) is { } es) return es;
        if (Int(One("pay_status"), "pay_status", [1, 5, 10], out var pay) is { } ep) return ep;
        if (Int(One("route_id"), "route_id", null, out var route) is { } er) return er;
        if (Flag(One("is_price_timing"), "is_price_timing", out var timing) is { } et) return et;
        if (Flag(One("is_weigh"), "is_weigh", out var weigh) is { } ew) return ew;
        if (Flag(One("weighted"), "weighted", out var weighted) is { } ewd) return ewd;
        if (Flag(One("batch_remark_is_null"), "batch_remark_is_null", out var remarkIsNull) is { } eb) return eb;
        var sort = One("sort_type") switch
        {
            null or "date_desc" => StationLineSort.DateDesc,
            "date_asc" => StationLineSort.DateAsc,
            "price_desc" => StationLineSort.PriceDesc,
            "price_asc" => StationLineSort.PriceAsc,
            _ => (StationLineSort?)null,
        };
        if (sort is null) return Invalid("sort_type", "must be date_desc, date_asc, price_desc or price_asc");
        if (Int(One("offset"), "offset", null, out var offset) is { } eo) return eo;
        if (Int(One("limit"), "limit", null, out var limit) is { } el) return el;
        if (offset < 0) return Invalid("offset", "must be >= 0");
        if (limit is < 1 or > 100) return Invalid("limit", "must be 1 to 100");
        var all = One("return_all") == "yes";

        filter = filter with
        {
            SearchText = One("search_text"), Status = status, PayStatus = pay, RouteId = route, IsPriceTiming = timing,
            SalemenuId = One("salemenu_id"), Category1Ids = QueryIds(q, "category1_ids"), Category2Ids = QueryIds(q, "category2_ids"),
            PinleiIds = QueryIds(q, "pinlei_ids"), IsWeigh = weigh, Weighted = weighted, Sort = sort.Value,
            MatchesNothing = One("batch_remark") is not null || remarkIsNull == false,
        };
        var (count, rows) = await StationOrderLineQueries.QueryAsync(db, filter, all ? 0 : offset ?? 0, all ? MaxReturnAll + 1 : limit ?? 20, ct);
        if (all && rows.Count > MaxReturnAll) return Invalid("return_all", $"more than {MaxReturnAll} rows match; narrow the filter");
        return Ok(new
        {
            pagination = new { count, offset = all ? 0 : offset ?? 0, limit = all ? rows.Count : limit ?? 20 },
            list = rows.Select(Row).ToList(),
        });
    }

    private static Dictionary<string, object?> Row(StationLineRow r)
    {
        var realQuantity = r.RealQuantity ?? r.Quantity;
        var unitPrice = r.RealUnitPrice ?? r.UnitPrice;
        var f = StationViews.LineFigures.Of(realQuantity, unitPrice, r.TaxRate);
        var std = TaxArithmetic.PerBaseUnit(unitPrice, r.SaleRatio);
        return new()
        {
            ["id"] = r.SkuId, ["order_id"] = r.OrderId, ["address_id"] = r.AddressId, ["name"] = r.Name ?? "", ["status"] = r.Status,
            ["route_name"] = r.RouteName ?? "", ["salemenu_id"] = r.SalemenuId ?? "", ["salemenu_name"] = r.SalemenuName ?? "",
            ["outer_id"] = r.OuterId ?? "", ["std_unit_name"] = r.StdUnitName ?? "", ["sale_ratio"] = Qty(r.SaleRatio), ["is_weigh"] = r.IsWeigh,
            ["weighted"] = r.Weighted, ["is_print"] = r.IsPrint, ["is_price_timing"] = r.IsPriceTiming, ["clean_food"] = false, ["out_of_stock"] = false,
            ["spu_remark"] = r.SpuRemark ?? "", ["origins"] = Array.Empty<object>(),
            ["quantity"] = Qty(r.Quantity), ["real_quantity"] = Qty(realQuantity), ["std_unit_quantity"] = Qty(r.Quantity * r.SaleRatio),
            ["std_real_quantity"] = Qty(realQuantity * r.SaleRatio), ["exc_quantity"] = 0, ["request_refund_quantity"] = 0,
            ["sale_price"] = Num(unitPrice), ["std_sale_price"] = Num(std), ["latest_std_sale_price"] = Num(std), ["real_item_price"] = Num(f.Amount),
            ["stock_avg_price"] = 0, ["latest_quote_price"] = null, ["latest_in_stock_price"] = null,
            ["last_purchase_price"] = StationViews.LastPrice, ["last_in_stock_price"] = StationViews.LastPrice, ["last_quote_price"] = StationViews.LastPrice,
            ["tax_rate"] = r.TaxRate, ["tax"] = Num(f.Tax), ["sale_price_without_tax"] = Num(f.UnitWithoutTax), ["is_set_tax"] = r.IsSetTax ? 1 : 0,
        };
    }

    private static IResult? ParseDateOr(string? text, DateOnly fallback, string field, out DateOnly date)
    {
        date = fallback;
        if (text is null) return null;
        if (ParseDate(text) is { } d)
        {
            date = d;
            return null;
        }
        return Invalid(field, "must be YYYY-MM-DD");
    }

    private static IResult? Int(string? text, string field, int[]? allowed, out int? value)
    {
        value = null;
        if (text is null) return null;
        if (!int.TryParse(text, out var v) || (allowed is not null && !allowed.Contains(v)))
            return Invalid(field, allowed is null ? "must be an integer" : $"must be one of {string.Join(", ", allowed)}");
        value = v;
        return null;
    }

    private static IResult? Flag(string? text, string field, out bool? value)
    {
        value = text switch { null => null, "0" => false, "1" => true, _ => null };
        return text is null or "0" or "1" ? null : Invalid(field, "must be 0 or 1");
    }
}
