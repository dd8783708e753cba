using System.Text.Json;
using Cabinets.Api.Commands;
using Cabinets.Api.Fulfillment.Handlers;

namespace Cabinets.Api.Fulfillment.Rest;

/// <summary>
/// `POST /api/channels/{shopCode}/payments` (`ome.payment.add`: 201 `{paymentId}`, idempotent by
/// `payment_id`) and `POST …/payments/{payment_id}/status` (`ome.payment.status_update`: `succ` keeps
/// it, `failed` takes it out), signed like the order intake (FULFILLMENT.md §4a).
/// </summary>
internal static class ChannelPaymentEndpoints
{
    private static readonly CommandContext Channel = new(new Actor("channel", "channel", "channel-rest"));

    public static IEndpointRouteBuilder MapChannelPayments(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/channels/{shopCode}/payments", AddAsync)
            .AddEndpointFilter<ChannelSignatureFilter>().AddEndpointFilter<ChannelIdempotency>().ExcludeFromDescription();
        app.MapPost("/api/channels/{shopCode}/payments/{paymentId}/status", StatusAsync)
            .AddEndpointFilter<ChannelSignatureFilter>().AddEndpointFilter<ChannelIdempotency>().ExcludeFromDescription();
        app.MapPost("/api/channels/{shopCode}/refunds", RefundAsync)
            .AddEndpointFilter<ChannelSignatureFilter>().AddEndpointFilter<ChannelIdempotency>().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> AddAsync(string shopCode, HttpContext http, CommandSender commands, TimeProvider clock)
    {
        var root = Json(ChannelSignatureFilter.BodyOf(http));
        var errors = new List<string>();
        string? Str(string name, int max) => root?.TryGetProperty(name, out var v) == true && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s && s.Length <= max
            ? s : null;
        var tid = Str("tid", 64) ?? Missing(errors, "tid");
        var paymentId = Str("payment_id", 64) ?? Missing(errors, "payment_id");
        var fee = root?.TryGetProperty("pay_fee", out var f) == true && f.ValueKind == JsonValueKind.Number && f.TryGetInt64(out var fen) && fen > 0 ? fen : 0;
        if (fee == 0) errors.Add("pay_fee");
        var payTime = Str("pay_time", 40) is { } text && ChannelOrderEndpoints.TryTime(text, out var at) ? at : (DateTimeOffset?)null;
        if (payTime is null) errors.Add("pay_time");
        if (errors.Count > 0) return ChannelProblems.Of(StatusCodes.Status422UnprocessableEntity, ChannelProblems.Validation, "these fields are missing or invalid: " + string.Join(", ", errors), errors);

        var outcome = await commands.SendAsync(new RecordChannelPaymentCommand(shopCode, tid!, paymentId!, fee, Str("payment_name", 100), payTime!.Value, clock.GetUtcNow()),
            Channel with { CorrelationId = http.TraceIdentifier }, http.RequestAborted);
        return Answer(outcome, paymentId!, StatusCodes.Status201Created);
    }

    private static async Task<IResult> StatusAsync(string shopCode, string paymentId, HttpContext http, CommandSender commands, TimeProvider clock)
    {
        var status = Json(ChannelSignatureFilter.BodyOf(http)) is { } root && root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (status is not ("succ" or "failed")) return ChannelProblems.Of(StatusCodes.Status422UnprocessableEntity, ChannelProblems.Validation, "status must be succ or failed", ["status"]);
        if (status == "succ") return Results.Json(new { paymentId, status });
        var outcome = await commands.SendAsync(new FailChannelPaymentCommand(shopCode, paymentId, clock.GetUtcNow()), Channel with { CorrelationId = http.TraceIdentifier }, http.RequestAborted);
        return Answer(outcome, paymentId, StatusCodes.Status200OK);
    }

    /// <summary>`ome.refund.add`: `{tid, refund_id, refund_fee, is_full, reason?}` → 201 `{refundId}`, idempotent by `refund_id`.</summary>
    private static async Task<IResult> RefundAsync(string shopCode, HttpContext http, CommandSender commands, TimeProvider clock)
    {
        var root = Json(ChannelSignatureFilter.BodyOf(http));
        var errors = new List<string>();
        string? Str(string name, int max) => root?.TryGetProperty(name, out var v) == true && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s && s.Length <= max
            ? s : null;
        var tid = Str("tid", 64) ?? Missing(errors, "tid");
        var refundId = Str("refund_id", 64) ?? Missing(errors, "refund_id");
        var fee = root?.TryGetProperty("refund_fee", out var f) == true && f.ValueKind == JsonValueKind.Number && f.TryGetInt64(out var fen) && fen > 0 ? fen : 0;
        if (fee == 0) errors.Add("refund_fee");
        bool? full = root?.TryGetProperty("is_full", out var b) == true && b.ValueKind is JsonValueKind.True or JsonValueKind.False ? b.GetBoolean() : null;
        if (full is null) errors.Add("is_full");
        if (errors.Count > 0) return ChannelProblems.Of(StatusCodes.Status422UnprocessableEntity, ChannelProblems.Validation, "these fields are missing or invalid: " + string.Join(", ", errors), errors);
        var outcome = await commands.SendAsync(new ApplyChannelRefundCommand(shopCode, tid!, refundId!, fee, full!.Value, Str("reason", 200), clock.GetUtcNow()),
            Channel with { CorrelationId = http.TraceIdentifier }, http.RequestAborted);
        return outcome is CommandOutcome.Accepted ? Results.Json(new { refundId }, statusCode: StatusCodes.Status201Created) : Answer(outcome, refundId!, StatusCodes.Status201Created);
    }

    private static IResult Answer(CommandOutcome outcome, string paymentId, int status) => outcome switch
    {
        CommandOutcome.Accepted => Results.Json(new { paymentId }, statusCode: status),
        CommandOutcome.Rejected r => ChannelProblems.Of(StatusCodes.Status422UnprocessableEntity, ChannelProblems.Validation, r.Error.Message, r.Error.Field is null ? null : [r.Error.Field]),
        _ => ChannelProblems.Of(StatusCodes.Status409Conflict, "concurrent-change", "the order changed meanwhile; send it again"),
    };

    private static string? Missing(List<string> errors, string field)
    {
        errors.Add(field);
        return null;
    }

    private static JsonElement? Json(byte[] body)
    {
        try
        {
            var root = JsonDocument.Parse(body).RootElement;
            return root.ValueKind == JsonValueKind.Object ? root : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
