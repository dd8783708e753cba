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

/// <summary>`/station/order/create`, `/edit` (GET detail, POST replace) and `/edit_old` (append) (TAX.md §4.2.4–4.2.7).</summary>
internal static class StationOrderEndpoints
{
    public static IEndpointRouteBuilder MapStationOrderEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/station/order/create", CreateOrder);
        app.MapGet("/station/order/edit", OrderDetail);
        app.MapPost("/station/order/edit", (HttpContext http, TimeProvider clock) => EditOrder(http, StationOrderEditMode.Replace, clock));
        app.MapPost("/station/order/edit_old", (HttpContext http, TimeProvider clock) => EditOrder(http, StationOrderEditMode.Append, clock));
        return app;
    }

    private static async Task<IResult> CreateOrder(HttpContext http, NpgsqlDataSource db, TimeProvider clock)
    {
        if (Caller(http, Permissions.StationOrdersWrite, out var refusal) is not var (station, context)) return refusal!;
        if (await BodyAsync(http) is not { } body) return Invalid("body", "must be a JSON object");
        if (!body.TryGetProperty("address_id", out var a) || !a.TryGetInt32(out var addressId)) return Invalid("address_id", "must be an integer");
        if (!body.TryGetProperty("uid", out var u) || !u.TryGetInt32(out var uid)) return Invalid("uid", "must be an integer");
        if (StationMoney.ParseLocalMinutes(Str(body, "receive_begin_time")) is not { } begin) return Invalid("receive_begin_time", "must be YYYY-MM-DD HH:MM");
        if (StationMoney.ParseLocalMinutes(Str(body, "receive_end_time")) is not { } end) return Invalid("receive_end_time", "must be YYYY-MM-DD HH:MM");
        var force = Str(body, "force") ?? (body.TryGetProperty("force", out var f) ? f.GetRawText() : "0");
        if (force is not ("0" or "1")) return Invalid("force", "must be 0 or 1");
        if (ReadLines(body, "details", out var lines) is { } bad) return bad;

        var orderId = await StationSequences.NextOrderIdAsync(db, http.RequestAborted);
        var outcome = await SendAsync(http, new CreateStationOrder(orderId, station, addressId, uid, begin, end, Str(body, "time_config_id") ?? "",
            Str(body, "remark"), Str(body, "address"), lines, OrderContexts.Empty, clock.GetUtcNow(), force == "1"), context);
        return outcome switch
        {
            CommandOutcome.Accepted { Answer: OrderLinesAnswer answer } => Ok(CreateAnswer(answer)),
            CommandOutcome.Rejected { Error: { Code: StationOrderDecider.Errors.NoValidLine, Details: OrderLinesAnswer none } } =>
                Fail(1001, "details: no valid line", CreateAnswer(none)),
            _ => Answer(outcome, x => x),
        };
    }

    private static object CreateAnswer(OrderLinesAnswer a) => new
    {
        detail_url = "/station/order/edit",
        error_sku_ids = a.ErrorSkus.Select(e => e.SkuId).ToList(),
        exceed_order_time_ids = Array.Empty<string>(),
        new_order_ids = a.NewOrderIds,
        not_enough_inventories = Array.Empty<object>(),
        sms_notify_status = 0,
        success_sku_ids = a.SuccessSkuIds,
        update_order_ids = a.UpdateOrderIds,
    };

    private static async Task<IResult> EditOrder(HttpContext http, StationOrderEditMode mode, TimeProvider clock)
    {
        if (Caller(http, Permissions.StationOrdersWrite, out var refusal) is not var (station, context)) return refusal!;
        if (await BodyAsync(http) is not { } body) return Invalid("body", "must be a JSON object");
        if (Str(body, "order_id") is not { } orderId) return Invalid("order_id", "is required");
        var hasDetails = body.TryGetProperty("details", out _);
        var hasTypo = body.TryGetProperty("detials", out _);
        if (hasDetails && hasTypo) return Invalid("details", "send details or detials, not both");
        if (ReadLines(body, hasTypo ? "detials" : "details", out var lines) is { } bad) return bad;
        if (!body.TryGetProperty("order_data", out var data) || data.ValueKind != JsonValueKind.Object) return Invalid("order_data", "is required");
        if (StationMoney.ParseLocalMinutes(Str(data, "receive_begin_time")) is not { } begin) return Invalid("order_data.receive_begin_time", "must be YYYY-MM-DD HH:MM");
        if (StationMoney.ParseLocalMinutes(Str(data, "receive_end_time")) is not { } end) return Invalid("order_data.receive_end_time", "must be YYYY-MM-DD HH:MM");
        var outcome = await SendAsync(http, new EditStationOrder(orderId, station, mode, lines, begin, end, Str(data, "remark"), OrderContexts.Empty, clock.GetUtcNow()), context);
        return Answer(outcome, _ => new { order_id = orderId });
    }

    private static IResult? ReadLines(JsonElement body, string key, out List<LineRequest> lines)
    {
        lines = [];
        if (!body.TryGetProperty(key, out var details) || details.ValueKind != JsonValueKind.Array) return Invalid("details", "must be a list");
        var i = 0;
        foreach (var d in details.EnumerateArray())
        {
            if (Str(d, "sku_id") is not { } sku) return Invalid($"details[{i}].sku_id", "is required");
            decimal? quantity = d.TryGetProperty("amount", out var q) && q.ValueKind == JsonValueKind.Number && q.TryGetDecimal(out var qv) ? qv : null;
            var timing = d.TryGetProperty("is_price_timing", out var t) ? (t.ValueKind == JsonValueKind.String ? t.GetString() : t.GetRawText()) : "0";
            lines.Add(new LineRequest(sku, Str(d, "spu_id") ?? "", quantity, StationMoney.ParseYuan(Str(d, "unit_price")), timing is "1" or "true", Str(d, "spu_remark")));
            i++;
        }
        return null;
    }

    private static async Task<IResult> OrderDetail(HttpContext http, string? id, IQuerySession session, CancellationToken ct)
    {
        if (Caller(http, Permissions.StationRead, out var refusal) is not var (station, _)) return refusal!;
        if (string.IsNullOrWhiteSpace(id)) return Invalid("id", "is required");
        var order = await session.LoadAsync<StationOrderSnapshot>(StationOrderEventNames.StreamId(id), ct);
        if (order?.State is not { } state || state.StationId != station) return Fail(1002, "not found", new { missing_ids = new[] { id } });
        var (merchant, skus) = await StationLookups.ReferenceAsync(session, http.RequestServices.GetRequiredService<Cabinets.Api.PersonalData.PersonalDataVault>(), state, ct);
        return Ok(StationViews.OrderDetail(state, merchant, skus));
    }
}
