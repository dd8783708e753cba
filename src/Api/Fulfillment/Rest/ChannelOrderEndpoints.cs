using System.Globalization;
using System.Text.Json;
using Cabinets.Api.Commands;
using Cabinets.Api.Fulfillment.Handlers;
using Cabinets.Api.PersonalData;
using Cabinets.Domain.Fulfillment.Orders;

namespace Cabinets.Api.Fulfillment.Rest;

/// <summary>
/// `POST /api/channels/{shopCode}/orders` (FULFILLMENT.md §4a, `ome.order.add`): the ShopEx matrix
/// fields, validated whole (422 `validation` naming every bad field, nothing stored), the consignee
/// sealed with its person's key before it is a command, then intake. 201 created; 200 updated,
/// unchanged or ignored (`reason` stale or final).
/// </summary>
internal static class ChannelOrderEndpoints
{
    private static readonly CommandContext Channel = new(new Actor("channel", "channel", "channel-rest"));

    public static IEndpointRouteBuilder MapChannelOrders(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/channels/{shopCode}/orders", ReceiveAsync).AddEndpointFilter<ChannelSignatureFilter>().AddEndpointFilter<ChannelIdempotency>().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(string shopCode, HttpContext http, CommandSender commands, PersonalDataVault vault, TimeProvider clock)
    {
        var body = ChannelSignatureFilter.BodyOf(http);
        var (order, errors) = Read(body);
        if (order is null)
            return ChannelProblems.Of(StatusCodes.Status422UnprocessableEntity, ChannelProblems.Validation, "these fields are missing or invalid: " + string.Join(", ", errors), errors);

        var (consignee, person) = order.Value.Consignee;
        var sealedConsignee = await vault.ProtectAsync("consignee:" + person, consignee, http.RequestAborted);
        var digest = await vault.SubjectOfAsync("consignee-digest:" + consignee, http.RequestAborted);
        var input = order.Value.Input with { SealedConsignee = sealedConsignee!, ConsigneeDigest = digest };
        var outcome = await commands.SendAsync(new ReceiveChannelOrderCommand(shopCode, input, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body)),
            clock.GetUtcNow()), Channel with { CorrelationId = http.TraceIdentifier }, http.RequestAborted);
        return outcome switch
        {
            CommandOutcome.Accepted { Answer: IntakeAnswer a } => Results.Json(new
            {
                orderId = a.OrderId, orderBn = a.OrderBn, tid = a.Tid,
                result = a.Outcome switch { IntakeOutcome.Created => "created", IntakeOutcome.Updated => "updated", IntakeOutcome.Unchanged => "unchanged", _ => "ignored" },
                reason = a.Outcome switch { IntakeOutcome.IgnoredStale => "stale", IntakeOutcome.IgnoredFinal => "final", _ => null },
            }, statusCode: a.Outcome == IntakeOutcome.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK),
            CommandOutcome.Rejected r => ChannelProblems.Of(StatusCodes.Status422UnprocessableEntity, ChannelProblems.Validation, r.Error.Message, r.Error.Field is null ? null : [r.Error.Field]),
            _ => ChannelProblems.Of(StatusCodes.Status409Conflict, "concurrent-change", "the order changed meanwhile; send it again"),
        };
    }

    /// <summary>§4a's times: ISO-8601 with an offset, or `yyyy-MM-dd HH:mm:ss` read as Asia/Shanghai.</summary>
    internal static bool TryTime(string text, out DateTimeOffset at)
    {
        if (DateTimeOffset.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            at = new DateTimeOffset(local.DateTime, Vending.VendingNumbers.Shanghai.GetUtcOffset(local.DateTime)).ToUniversalTime();
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) && (text.EndsWith('Z') || text.Contains('+') || text.LastIndexOf('-') > 9))
        {
            at = parsed.ToUniversalTime();
            return true;
        }
        at = default;
        return false;
    }

    /// <summary>The body as a <see cref="ChannelOrderInput"/> (consignee still to seal) and the consignee's JSON and person, or every invalid field.</summary>
    internal static ((ChannelOrderInput Input, (string Json, string Person) Consignee)? Order, List<string> Errors) Read(byte[] body)
    {
        var errors = new List<string>();
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return (null, ["body"]);
        }
        if (root.ValueKind != JsonValueKind.Object) return (null, ["body"]);

        string? Str(JsonElement e, string name, bool required, int max, string path)
        {
            var value = e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if ((required && string.IsNullOrWhiteSpace(value)) || value?.Length > max) errors.Add(path);
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }
        long Fen(JsonElement e, string name, bool required, string path)
        {
            if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var fen) && fen >= 0) return fen;
            if (required || (e.TryGetProperty(name, out var present) && present.ValueKind != JsonValueKind.Null)) errors.Add(path);
            return 0;
        }
        bool Bool(JsonElement e, string name, bool required, string path)
        {
            if (e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
            if (required) errors.Add(path);
            return false;
        }
        DateTimeOffset Time(string name, bool required)
        {
            var text = Str(root, name, required, 40, name);
            if (text is null) return default;
            if (TryTime(text, out var at)) return at;
            errors.Add(name);
            return default;
        }
        T Code<T>(string name, IReadOnlyDictionary<string, T> values, T fallback, bool required) where T : struct
        {
            var text = Str(root, name, required, 20, name);
            if (text is null) return fallback;
            if (values.TryGetValue(text, out var value)) return value;
            errors.Add(name);
            return fallback;
        }

        var tid = Str(root, "tid", true, 64, "tid");
        var status = Code("status", new Dictionary<string, TradeStatus> { ["TRADE_ACTIVE"] = TradeStatus.TradeActive, ["TRADE_CLOSED"] = TradeStatus.TradeClosed, ["TRADE_FINISHED"] = TradeStatus.TradeFinished },
            TradeStatus.TradeActive, true);
        var pay = Code("pay_status", new Dictionary<string, PayStatus>
        {
            ["PAY_NO"] = PayStatus.Unpaid, ["PAY_TO_MEDIUM"] = PayStatus.Processing, ["PAY_PART"] = PayStatus.PartiallyPaid, ["PAY_FINISH"] = PayStatus.Paid,
            ["REFUND_PART"] = PayStatus.PartiallyRefunded, ["REFUND_ALL"] = PayStatus.FullyRefunded,
        }, PayStatus.Unpaid, true);
        var ship = Code("ship_status", new Dictionary<string, ShipStatus> { ["SHIP_NO"] = ShipStatus.NotShipped, ["SHIP_PART"] = ShipStatus.PartiallyShipped, ["SHIP_FINISH"] = ShipStatus.Shipped },
            ShipStatus.NotShipped, false);
        var isCod = Bool(root, "is_cod", true, "is_cod");
        var created = Time("created", true);
        var modified = Time("modified", true);
        var total = Fen(root, "total_trade_fee", true, "total_trade_fee");
        var payed = Fen(root, "payed_fee", false, "payed_fee");
        var shipping = Fen(root, "shipping_fee", false, "shipping_fee");
        var discount = Fen(root, "discount_fee", false, "discount_fee");
        var name = Str(root, "receiver_name", true, 50, "receiver_name");
        var province = Str(root, "receiver_state", true, 50, "receiver_state");
        var city = Str(root, "receiver_city", true, 50, "receiver_city");
        var district = Str(root, "receiver_district", false, 50, "receiver_district");
        var address = Str(root, "receiver_address", true, 200, "receiver_address");
        var zip = Str(root, "receiver_zip", false, 10, "receiver_zip");
        var mobile = Str(root, "receiver_mobile", false, 20, "receiver_mobile");
        var phone = Str(root, "receiver_phone", false, 30, "receiver_phone");
        if (mobile is null && phone is null) errors.Add("receiver_mobile");
        var buyer = Str(root, "buyer_uname", false, 64, "buyer_uname");
        var buyerMemo = Str(root, "buyer_memo", false, 500, "buyer_memo");
        var tradeMemo = Str(root, "trade_memo", false, 500, "trade_memo");
        var isTax = Bool(root, "is_tax", false, "is_tax");

        var lines = new List<ChannelLine>();
        if (!root.TryGetProperty("orders", out var objects) || objects.ValueKind != JsonValueKind.Array || objects.GetArrayLength() is 0 or > 200) errors.Add("orders");
        else
        {
            var i = 0;
            foreach (var line in objects.EnumerateArray())
            {
                var at = $"orders[{i++}]";
                if (line.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(at);
                    continue;
                }
                var oid = Str(line, "oid", true, 64, at + ".oid");
                var bn = Str(line, "bn", true, 64, at + ".bn");
                var quantity = line.TryGetProperty("items_num", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var q) && q is >= 1 and <= 99999 ? q : 0;
                if (quantity == 0) errors.Add(at + ".items_num");
                var type = Str(line, "type", false, 10, at + ".type");
                if (type is not (null or "goods" or "pkg" or "gift")) errors.Add(at + ".type");
                var line_ = new ChannelLine(oid ?? "", bn ?? "", quantity, Str(line, "title", false, 200, at + ".title"), type == "gift",
                    Fen(line, "price", false, at + ".price"), Fen(line, "total_order_fee", false, at + ".total_order_fee"), Bool(line, "is_oversold", false, at + ".is_oversold"));
                if (lines.Any(l => l.Oid == line_.Oid) && oid is not null) errors.Add(at + ".oid");
                lines.Add(line_);
            }
        }
        if (errors.Count > 0) return (null, errors.Distinct().ToList());

        var consignee = JsonSerializer.Serialize(new { name, province, city, district, address, zip, mobile, phone });
        return ((new ChannelOrderInput(tid!, status, pay, ship, isCod, created, modified, total, payed, shipping, discount, lines, "", "", province, buyer, buyerMemo, tradeMemo, isTax),
            (consignee, mobile ?? phone!)), errors);
    }
}
