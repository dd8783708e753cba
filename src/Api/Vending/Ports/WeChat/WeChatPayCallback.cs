using System.Text.Json;

namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// `POST /api/callbacks/wechatpay` (VENDING.md §4.4), the `notify_url` of every WeChat Pay request:
/// verified (<see cref="WeChatNotificationVerifier"/>, else 401), decrypted
/// (<see cref="WeChatResourceCipher"/>), parsed (<see cref="WeChatNotificationParser"/>) and handed
/// to the order module's <see cref="IWeChatNotificationHandler"/>. 204 once it returned; 500 when it
/// threw, so WeChat sends it again. The log names the notification id and event type, never the
/// resource (it holds openids and amounts) or a header value.
/// </summary>
internal static partial class WeChatPayCallback
{
    public const string Route = "/api/callbacks/wechatpay";
    public const int MaxBodyBytes = 64 * 1024;

    public static async Task<IResult> HandleAsync(HttpContext http, WeChatPayCallbackKeys keys, ILoggerFactory logs)
    {
        var log = logs.CreateLogger(typeof(WeChatPayCallback));
        var body = await ReadBodyAsync(http.Request, http.RequestAborted);
        if (body is null) return Fail(StatusCodes.Status413PayloadTooLarge, "body too large");
        if (!keys.Configured)
        {
            NotConfigured(log);
            return Fail(StatusCodes.Status401Unauthorized, "invalid signature");
        }
        var outcome = keys.Verifier!.Verify(http.Request.Headers, body);
        if (outcome != WeChatNotificationVerifier.Outcome.Valid)
        {
            Refused(log, outcome.ToString());
            return Fail(StatusCodes.Status401Unauthorized, "invalid signature");
        }

        if (Envelope.Of(body) is not { } envelope) return Fail(StatusCodes.Status400BadRequest, "malformed notification");
        if (!WeChatNotificationParser.Known.Contains(envelope.EventType))
        {
            Ignored(log, envelope.Id, envelope.EventType);
            return Results.NoContent();
        }
        var plain = envelope.Algorithm == WeChatResourceCipher.Algorithm
            ? WeChatResourceCipher.Decrypt(keys.ApiV3Key!, envelope.Nonce, envelope.AssociatedData, envelope.Ciphertext)
            : null;
        if (plain is null || WeChatJson.ParseObject(plain) is not { } resource)
        {
            Undecryptable(log, envelope.Id, envelope.EventType);
            return Fail(StatusCodes.Status500InternalServerError, "cannot decrypt the resource");
        }

        WeChatNotification notification;
        try
        {
            notification = WeChatNotificationParser.Parse(envelope.Id, envelope.EventType, resource, envelope.CreateTime)!;
        }
        catch (FormatException e)
        {
            return Fail(StatusCodes.Status400BadRequest, e.Message);
        }

        if (http.RequestServices.GetService<IWeChatNotificationHandler>() is not { } handler)
        {
            NotHandled(log, envelope.Id, envelope.EventType, "no IWeChatNotificationHandler is registered");
            return Fail(StatusCodes.Status500InternalServerError, "not handled");
        }
        try
        {
            await handler.HandleAsync(notification, http.RequestAborted);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            NotHandled(log, envelope.Id, envelope.EventType, e.GetType().Name);
            return Fail(StatusCodes.Status500InternalServerError, "the notification could not be stored");
        }
        return Results.NoContent();
    }

    /// <summary>WeChat's own answer shape for a failure: `{"code": "FAIL", "message": "…"}`.</summary>
    private static IResult Fail(int status, string message) => Results.Json(new { code = "FAIL", message }, statusCode: status);

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The notification's outer JSON: `id`, `create_time`, `event_type` and its encrypted `resource`.</summary>
    private sealed record Envelope(string Id, string EventType, string? CreateTime, string? Algorithm, string Nonce, string? AssociatedData, string Ciphertext)
    {
        public static Envelope? Of(byte[] body)
        {
            JsonElement root;
            try
            {
                using var doc = JsonDocument.Parse(body);
                root = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                return null;
            }
            if (root.ValueKind != JsonValueKind.Object || root.Str("id") is not { } id || root.Str("event_type") is not { } eventType) return null;
            var resource = root.Child("resource") ?? default;
            return new Envelope(id, eventType, root.Str("create_time"), resource.Str("algorithm"),
                resource.Str("nonce") ?? "", resource.Str("associated_data"), resource.Str("ciphertext") ?? "");
        }
    }

    [LoggerMessage(EventId = 5311, Level = LogLevel.Warning, Message = "WeChat Pay notification refused: {Outcome}")]
    private static partial void Refused(ILogger logger, string outcome);

    [LoggerMessage(EventId = 5312, Level = LogLevel.Warning, Message = "WeChat Pay notification refused: WeChatPay:PlatformKeyId, PlatformPublicKeyPath and ApiV3Key are not configured")]
    private static partial void NotConfigured(ILogger logger);

    [LoggerMessage(EventId = 5313, Level = LogLevel.Information, Message = "WeChat Pay notification {NotificationId} of event type {EventType} ignored: not one we handle")]
    private static partial void Ignored(ILogger logger, string notificationId, string eventType);

    [LoggerMessage(EventId = 5314, Level = LogLevel.Error, Message = "WeChat Pay notification {NotificationId} ({EventType}) could not be decrypted: check WeChatPay:ApiV3Key")]
    private static partial void Undecryptable(ILogger logger, string notificationId, string eventType);

    [LoggerMessage(EventId = 5315, Level = LogLevel.Error, Message = "WeChat Pay notification {NotificationId} ({EventType}) was not handled and will be resent by WeChat: {Error}")]
    private static partial void NotHandled(ILogger logger, string notificationId, string eventType, string error);
}
