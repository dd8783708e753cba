using System.Security.Cryptography;
using System.Text;

namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// Step 1 of VENDING.md §4.4: a notification is WeChat's when `Wechatpay-Timestamp` is within ±300 s
/// of our clock, `Wechatpay-Nonce` is there, `Wechatpay-Serial` names our platform key
/// (`WeChatPay__PlatformKeyId`) and `Wechatpay-Signature` is the platform key's RSA-SHA256 over
/// `timestamp\nnonce\nbody\n`, body as received. Replays within the window are harmless: the
/// handler de-duplicates by notification id.
/// </summary>
public sealed class WeChatNotificationVerifier(RSA platformKey, string platformKeyId, TimeProvider clock)
{
    public const string TimestampHeader = "Wechatpay-Timestamp";
    public const string NonceHeader = "Wechatpay-Nonce";
    public const string SerialHeader = "Wechatpay-Serial";
    public const string SignatureHeader = "Wechatpay-Signature";
    public static readonly TimeSpan Skew = TimeSpan.FromSeconds(300);
    private readonly Lock _turn = new();

    public enum Outcome { Valid, HeadersMissing, TimestampStale, UnknownSerial, SignatureInvalid }

    public Outcome Verify(IHeaderDictionary headers, byte[] body)
    {
        var timestamp = headers[TimestampHeader].ToString();
        var nonce = headers[NonceHeader].ToString();
        var serial = headers[SerialHeader].ToString();
        var signature = headers[SignatureHeader].ToString();
        if (timestamp.Length == 0 || nonce.Length == 0 || serial.Length == 0 || signature.Length == 0) return Outcome.HeadersMissing;
        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - seconds) > Skew.TotalSeconds)
            return Outcome.TimestampStale;
        if (!string.Equals(serial, platformKeyId, StringComparison.Ordinal)) return Outcome.UnknownSerial;

        var message = Message(timestamp, nonce, body);
        bool valid;
        lock (_turn) valid = WeChatPaySigning.Verify(platformKey, message, signature);
        return valid ? Outcome.Valid : Outcome.SignatureInvalid;
    }

    /// <summary>`timestamp\nnonce\nbody\n` over the body's own bytes (never re-encoded).</summary>
    public static byte[] Message(string timestamp, string nonce, byte[] body)
    {
        var head = Encoding.UTF8.GetBytes($"{timestamp}\n{nonce}\n");
        var message = new byte[head.Length + body.Length + 1];
        head.CopyTo(message, 0);
        body.CopyTo(message, head.Length);
        message[^1] = (byte)'\n';
        return message;
    }
}
