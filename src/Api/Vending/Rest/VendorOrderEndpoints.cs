using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Cabinets.Api.Commands;
using Cabinets.Api.Vending.Handlers;
using Cabinets.Domain.Vending.Orders;

namespace Cabinets.Api.Vending.Rest;

/// <summary>
/// The vendor's order pushes (VENDING.md §4.2), signed: `orders` after the door closed and
/// `exception-orders`. A malformed body is 400 with every bad field and nothing stored; anything
/// well formed is recorded (RECORDED, INTERCEPTED or EXCEPTION); a repeat gets the first answer.
/// </summary>
internal static class VendorOrderEndpoints
{
    private static readonly string[] VendorReasons = ["RECOGNITION_FAILED", "DOOR_NOT_CLOSED", "DEVICE_FAULT", "OTHER"];
    private static readonly CommandContext Vendor = new(new Actor("wheat", "vendor", "vendor-rest"));

    public static IEndpointRouteBuilder MapVendorOrderPushes(this IEndpointRouteBuilder app)
    {
        var vendor = app.MapGroup("/api/vendors/wheat").AddEndpointFilter<VendorSignatureFilter>();
        vendor.MapPost("/orders", (HttpContext http, CommandSender commands, TimeProvider clock) => PushAsync(http, commands, clock, exception: false));
        vendor.MapPost("/exception-orders", (HttpContext http, CommandSender commands, TimeProvider clock) => PushAsync(http, commands, clock, exception: true));
        return app;
    }

    private static async Task<IResult> PushAsync(HttpContext http, CommandSender commands, TimeProvider clock, bool exception)
    {
        var body = VendorSignatureFilter.BodyOf(http);
        var errors = new Dictionary<string, List<string>>();
        var push = Parse(body, exception, errors);
        if (push is null) return VendingProblems.Invalid(errors);
        var outcome = await commands.SendAsync(new RecordVendorPush(push, clock.GetUtcNow()), Vendor, http.RequestAborted);
        return outcome switch
        {
            CommandOutcome.Accepted { Answer: PushAnswer a } => Results.Json(new { orderNo = a.OrderNo, status = a.Status }, statusCode: 201),
            CommandOutcome.Rejected r => VendingProblems.Of(409, r.Error.Code, "Conflict", r.Error.Message),
            CommandOutcome.Conflict c => VendingProblems.Of(409, "concurrent-change", "Conflict", c.Message),
            _ => VendingProblems.Of(500, "unexpected", "Unexpected", "the push was not recorded"),
        };
    }

    /// <summary>The push's fields checked as §4.2 says; null (with the errors) when any is wrong.</summary>
    internal static VendorPush? Parse(byte[] body, bool exception, Dictionary<string, List<string>> errors)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            errors["body"] = ["must be a JSON object"];
            return null;
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["must be a JSON object"];
            return null;
        }
        void Error(string field, string message) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);
        string? Text(string name, int max)
        {
            if (!root.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.String || v.GetString()!.Trim().Length == 0) { Error(name, "is required"); return null; }
            if (v.GetString()!.Length > max) { Error(name, $"is at most {max} characters"); return null; }
            return v.GetString()!.Trim();
        }
        var wheatOrderNo = Text("wheatOrderNo", 50);
        var sessionNo = Text("sessionNo", 50);
        var deviceCode = Text("deviceCode", 50);
        var timeField = exception ? "occurredAt" : "closedAt";
        DateTimeOffset closedAt = default;
        if (Text(timeField, 40) is { } t && !DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out closedAt)) Error(timeField, "must be an RFC 3339 time");
        long? total = null;
        if (root.TryGetProperty("totalAmount", out var totalElement) && totalElement.ValueKind != JsonValueKind.Null)
        {
            if (totalElement.ValueKind != JsonValueKind.Number || !totalElement.TryGetInt64(out var value) || value < 0) Error("totalAmount", "must be an integer ≥ 0 (fen)");
            else total = value;
        }
        else if (!exception) Error("totalAmount", "is required");
        string? reason = null, description = null;
        if (exception)
        {
            reason = Text("reason", 50);
            if (reason is not null && !VendorReasons.Contains(reason)) Error("reason", $"must be one of {string.Join(", ", VendorReasons)}");
            if (root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String) description = d.GetString();
        }
        var items = new List<PushedItem>();
        if (root.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            if (list.GetArrayLength() > 100) Error("items", "at most 100 items");
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var path = $"items[{i++}]";
                var code = item.TryGetProperty("productCode", out var c) && c.ValueKind == JsonValueKind.String && c.GetString()!.Length is > 0 and <= 50 ? c.GetString()! : null;
                var name = item.TryGetProperty("productName", out var n) && n.ValueKind == JsonValueKind.String && n.GetString()!.Length is > 0 and <= 100 ? n.GetString()! : null;
                var quantity = item.TryGetProperty("quantity", out var q) && q.ValueKind == JsonValueKind.Number && q.TryGetInt32(out var qv) && qv is >= 1 and <= 999 ? qv : (int?)null;
                var price = item.TryGetProperty("unitPrice", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt64(out var pv) && pv >= 0 ? pv : (long?)null;
                if (code is null) Error(path + ".productCode", "1-50 characters");
                if (name is null) Error(path + ".productName", "1-100 characters");
                if (quantity is null) Error(path + ".quantity", "an integer 1-999");
                if (price is null) Error(path + ".unitPrice", "an integer ≥ 0 (fen)");
                if (code is not null && name is not null && quantity is not null && price is not null) items.Add(new PushedItem(code, name, quantity.Value, price.Value));
            }
        }
        else if (root.TryGetProperty("items", out _) || !exception) Error("items", "must be an array");
        if (errors.Count > 0) return null;
        return new VendorPush(wheatOrderNo!, sessionNo!, deviceCode!, closedAt.ToUniversalTime(), total, items, reason, description,
            Convert.ToHexStringLower(SHA256.HashData(body)));
    }
}
