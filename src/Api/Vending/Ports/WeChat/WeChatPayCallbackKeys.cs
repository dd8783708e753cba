using System.Text;

namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// What the callback endpoint needs to trust and read a notification: the verifier (platform key
/// and its id) and the APIv3 key. Unconfigured (the file provider without WeChat's keys) every
/// notification is refused with 401, since none can be verified.
/// </summary>
public sealed class WeChatPayCallbackKeys
{
    public const int ApiV3KeyBytes = 32;

    private WeChatPayCallbackKeys(WeChatNotificationVerifier? verifier, byte[]? apiV3Key)
    {
        Verifier = verifier;
        ApiV3Key = apiV3Key;
    }

    public WeChatNotificationVerifier? Verifier { get; }

    public byte[]? ApiV3Key { get; }

    public bool Configured => Verifier is not null && ApiV3Key is not null;

    public static WeChatPayCallbackKeys Unconfigured { get; } = new(null, null);

    /// <summary>Reads and checks the keys now (at start: a wrong file or key length stops the start), binds the clock later.</summary>
    public static Func<TimeProvider, WeChatPayCallbackKeys> Load(WeChatPaySettings settings, string platformKeyPath)
    {
        var key = Encoding.UTF8.GetBytes(settings.ApiV3Key ?? "");
        if (key.Length != ApiV3KeyBytes) throw new InvalidOperationException($"WeChatPay:ApiV3Key must be {ApiV3KeyBytes} bytes of UTF-8");
        var platformKey = WeChatPayKeys.PublicKey(platformKeyPath, "WeChatPay:PlatformPublicKeyPath");
        var keyId = settings.PlatformKeyId!;
        return clock => new WeChatPayCallbackKeys(new WeChatNotificationVerifier(platformKey, keyId, clock), key);
    }
}
