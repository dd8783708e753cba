using System.Text.Json;

namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// Step 3 of VENDING.md §4.4: a decrypted resource as the typed record of its `event_type`. An
/// event type we do not handle gives null (answered 204 and ignored); a known type without its
/// required fields throws <see cref="FormatException"/> (naming the field, never a value).
/// </summary>
public static class WeChatNotificationParser
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "PAYSCORE.USER_OPEN_SERVICE", "PAYSCORE.USER_CLOSE_SERVICE", "PAYSCORE.USER_PAID", "REFUND.SUCCESS", "REFUND.ABNORMAL", "REFUND.CLOSED",
    };

    /// <param name="createTime">The envelope's `create_time`: USER_PAID's time when WeChat sends no paid_time.</param>
    public static WeChatNotification? Parse(string id, string eventType, JsonElement resource, string? createTime) => eventType switch
    {
        "PAYSCORE.USER_OPEN_SERVICE" => new PayScoreServiceOpened(id, Required(resource, "openid"), Required(resource, "authorization_code"),
            Time(resource, "openorclose_time") ?? throw Missing("openorclose_time")),
        "PAYSCORE.USER_CLOSE_SERVICE" => new PayScoreServiceClosed(id, Required(resource, "openid"), resource.Str("authorization_code"),
            Time(resource, "openorclose_time") ?? throw Missing("openorclose_time")),
        "PAYSCORE.USER_PAID" => UserPaid(id, resource, createTime),
        "REFUND.SUCCESS" or "REFUND.ABNORMAL" or "REFUND.CLOSED" => new RefundNotified(id, eventType, Required(resource, "out_refund_no"),
            resource.Str("refund_id"), Required(resource, "refund_status"), Time(resource, "success_time"),
            resource.Child("amount")?.Long("refund") ?? throw Missing("amount.refund")),
        _ => null,
    };

    /// <summary>§6.x: paid_time and transaction_id from the newest `collection.details[]` entry; a top-level paid_time is accepted too.</summary>
    private static PayScoreUserPaid UserPaid(string id, JsonElement resource, string? createTime)
    {
        var collection = resource.Child("collection") ?? throw Missing("collection");
        var detail = collection.Items("details").Where(d => d.Str("transaction_id") is not null).Select(d => (JsonElement?)d).LastOrDefault();
        var paidAt = Time(detail, "paid_time") ?? Time(resource, "paid_time")
            ?? (WeChatTime.TryParse(createTime, out var created) ? created : throw Missing("paid_time"));
        return new PayScoreUserPaid(id, Required(resource, "out_order_no"), collection.Long("paid_amount") ?? throw Missing("collection.paid_amount"),
            detail?.Str("transaction_id"), paidAt);
    }

    private static string Required(JsonElement e, string name) => e.Str(name) is { Length: > 0 } v ? v : throw Missing(name);

    private static DateTimeOffset? Time(JsonElement? e, string name) =>
        e?.Str(name) is { } text ? (WeChatTime.TryParse(text, out var at) ? at : throw new FormatException($"{name} is not a WeChat time")) : null;

    private static FormatException Missing(string name) => new($"the resource has no {name}");
}
