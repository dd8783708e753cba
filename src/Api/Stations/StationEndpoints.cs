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

namespace Cabinets.Api.Stations;

/// <summary>
/// The station REST surface of seed 003 (TAX.md §4.1–4.2): the seed's paths and field names, the
/// `{code, msg, data}` envelope with HTTP 200 for business outcomes, the station taken from the
/// signed-in user. Commands go to their Wolverine handlers; answers are rendered from the snapshots.
/// </summary>
internal static class StationEndpoints
{
    public sealed record StationSettings(string DefaultStationId);

    public static IEndpointRouteBuilder MapStations(this IEndpointRouteBuilder app)
    {
        app.MapPost("/station/tax/tax_rule/create", CreateRule);
        app.MapPost("/station/tax/tax_rule/edit", EditRule);
        app.MapPost("/station/order/create", CreateOrder);
        app.MapGet("/station/order/edit", OrderDetail);
        app.MapPost("/station/order/edit", (HttpContext http, CancellationToken ct) => EditOrder(http, StationOrderEditMode.Replace, ct));
        app.MapPost("/station/order/edit_old", (HttpContext http, CancellationToken ct) => EditOrder(http, StationOrderEditMode.Append, ct));
        app.MapPost("/delivery/update", UpdateSheet);
        app.MapPost("/delivery/print", Print);
        return app;
    }

    // ---- envelope and access --------------------------------------------------------------

    private static IResult Ok(object? data) => Results.Json(new { code = 0, msg = "ok", data });

    private static IResult Fail(int code, string msg, object? data = null, int status = 200) => Results.Json(new { code, msg, data }, statusCode: status);

    private static IResult Invalid(string field, string reason) => Fail(1001, $"{field}: {reason}", new { field, reason });

    private static IResult Refused(DomainError e) => e.Code switch
    {
        TaxRuleDecider.Errors.Overlap => Fail(1003, "tax rule overlap",
            ((IEnumerable<RuleOverlap>)e.Details!).Select(o => new { address_id = o.AddressId, spu_id = o.SpuId, tax_id = o.TaxRuleId })),
        TaxRuleDecider.Errors.NotFound or StationOrderDecider.Errors.NotFound => Fail(1002, "not found", e.Details),
        StationOrderDecider.Errors.State => Fail(1004, "order state forbids this change", e.Details),
        _ => Invalid(e.Field ?? "request", e.Message),
    };

    /// <summary>The caller's station and actor, or the 401/403 the contract asks for.</summary>
    private static (string Station, CommandContext Context)? Caller(HttpContext http, string permission, out IResult? refusal)
    {
        refusal = null;
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            refusal = Fail(401, "unauthorized", status: 401);
            return null;
        }
        if (!user.HasClaim(BearerTokenAuthentication.PermissionClaim, permission))
        {
            refusal = Fail(403, "forbidden", status: 403);
            return null;
        }
        var station = user.FindFirstValue(BearerTokenAuthentication.StationClaim)
                      ?? http.RequestServices.GetRequiredService<StationSettings>().DefaultStationId;
        var actor = new Actor(user.Identity.Name ?? "?", string.Join(',', user.FindAll(ClaimTypes.Role).Select(c => c.Value)), "station-rest");
        return (station, new CommandContext(actor, CorrelationId: http.TraceIdentifier));
    }

    private static async Task<JsonElement?> BodyAsync(HttpContext http)
    {
        try
        {
            var doc = await JsonDocument.ParseAsync(http.Request.Body);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task<CommandOutcome> SendAsync(HttpContext http, object command, CommandContext context) =>
        http.RequestServices.GetRequiredService<CommandSender>().SendAsync(command, context, http.RequestAborted);

    // ---- tax rules -----------------------------------------------------------------------

    private static async Task<IResult> CreateRule(HttpContext http, NpgsqlDataSource db, TimeProvider clock)
    {
        if (Caller(http, Permissions.StationTaxWrite, out var refusal) is not var (station, context)) return refusal!;
        if (await BodyAsync(http) is not { } body) return Invalid("body", "must be a JSON object");
        if (ReadRuleContent(body, out var merchants, out var spus) is { } bad) return bad;
        if (!TryStatus(body, out var valid, out var statusError)) return statusError!;
        await using var next = db.CreateCommand("select nextval('stations.tax_rule_ids')");
        var id = Convert.ToInt32(await next.ExecuteScalarAsync(http.RequestAborted), CultureInfo.InvariantCulture);
        var outcome = await SendAsync(http, new CreateTaxRule(station, id, Str(body, "tax_name") ?? "", valid ?? true, merchants, spus, clock.GetUtcNow()), context);
        return Answer(outcome, a => a);
    }

    private static async Task<IResult> EditRule(HttpContext http, TimeProvider clock)
    {
        if (Caller(http, Permissions.StationTaxWrite, out var refusal) is not var (station, context)) return refusal!;
        if (await BodyAsync(http) is not { } body) return Invalid("body", "must be a JSON object");
        if (!body.TryGetProperty("tax_id", out var idJson) || !idJson.TryGetInt32(out var id)) return Invalid("tax_id", "must be an integer");
        if (ReadRuleContent(body, out var merchants, out var spus) is { } bad) return bad;
        if (!TryStatus(body, out var valid, out var statusError)) return statusError!;
        var outcome = await SendAsync(http, new EditTaxRule(station, id, Str(body, "tax_name"), valid, merchants, spus, null, clock.GetUtcNow()), context);
        return Answer(outcome, a => a);
    }

    private static bool TryStatus(JsonElement body, out bool? valid, out IResult? error)
    {
        valid = null;
        error = null;
        if (!body.TryGetProperty("status", out var s) || s.ValueKind == JsonValueKind.Null) return true;
        var text = s.ValueKind == JsonValueKind.String ? s.GetString() : s.GetRawText();
        if (text is "0" or "1")
        {
            valid = text == "1";
            return true;
        }
        error = Invalid("status", "must be 0 or 1");
        return false;
    }

    private static IResult? ReadRuleContent(JsonElement body, out List<RuleMerchant> merchants, out List<RuleSpu> spus)
    {
        merchants = [];
        spus = [];
        if (!body.TryGetProperty("address", out var address) || address.ValueKind != JsonValueKind.Array) return Invalid("address", "must be a list");
        var i = 0;
        foreach (var m in address.EnumerateArray())
        {
            if (!m.TryGetProperty("address_id", out var aid) || !aid.TryGetInt32(out var addressId)) return Invalid($"address[{i}].address_id", "must be an integer");
            merchants.Add(new RuleMerchant(addressId, Str(m, "address_name") ?? ""));
            i++;
        }
        if (!body.TryGetProperty("spu", out var spuList) || spuList.ValueKind != JsonValueKind.Array) return Invalid("spu", "must be a list");
        i = 0;
        foreach (var s in spuList.EnumerateArray())
        {
            var rateText = s.TryGetProperty("tax_rate", out var r) ? r.ValueKind switch
            {
                JsonValueKind.String => r.GetString(),
                JsonValueKind.Number => r.GetRawText(),
                _ => null,
            } : null;
            if (!TaxRates.TryParsePercent(rateText, out var bp, out var reason)) return Invalid($"spu[{i}].tax_rate", reason);
            spus.Add(new RuleSpu(Str(s, "spu_id") ?? "", Str(s, "spu_name") ?? "", bp));
            i++;
        }
        return null;
    }

    // ---- orders --------------------------------------------------------------------------

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

        await using var next = db.CreateCommand("select nextval('stations.order_numbers')");
        var orderId = $"PL{Convert.ToInt64(await next.ExecuteScalarAsync(http.RequestAborted), CultureInfo.InvariantCulture)}";
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

    private static async Task<IResult> EditOrder(HttpContext http, StationOrderEditMode mode, CancellationToken ct)
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
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
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
        var (merchant, skus) = await ReferenceAsync(session, state, ct);
        return Ok(StationViews.OrderDetail(state, merchant, skus));
    }

    private static async Task<(StationMerchant?, IReadOnlyDictionary<string, StationSku>)> ReferenceAsync(IQuerySession session, StationOrderState state, CancellationToken ct)
    {
        var merchant = (await session.LoadAsync<StationMerchantSnapshot>(StationReferenceEventNames.MerchantStreamId(state.StationId, state.AddressId), ct))?.Merchant;
        var ids = state.Lines.Select(l => StationReferenceEventNames.SkuStreamId(state.StationId, l.SkuId)).ToArray();
        var skus = ids.Length == 0 ? [] : await session.LoadManyAsync<StationSkuSnapshot>(ct, ids);
        return (merchant, skus.Where(s => s.Sku is not null).ToDictionary(s => s.SkuId, s => s.Sku!, StringComparer.Ordinal));
    }

    // ---- delivery sheets -----------------------------------------------------------------

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
            var (merchant, skus) = await ReferenceAsync(session, state, http.RequestAborted);
            sheets.Add(StationViews.Sheet(state, merchant, skus, type));
        }
        return Ok(new { delivery_details = sheets });
    }

    // ---- helpers -------------------------------------------------------------------------

    private static IResult Answer(CommandOutcome outcome, Func<object?, object?> data) => outcome switch
    {
        CommandOutcome.Accepted a => Ok(data(a.Answer)),
        CommandOutcome.Rejected r => Refused(r.Error),
        CommandOutcome.Invalid i => Invalid(i.Errors[0].Field, i.Errors[0].Message),
        CommandOutcome.Conflict c => Fail(1006, c.Message),
        _ => throw new InvalidOperationException(),
    };

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        _ => null,
    } : null;
}
