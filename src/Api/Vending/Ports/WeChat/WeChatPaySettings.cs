namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// `WeChatPay__*` (VENDING.md §4.7). `Provider` is `http` (WeChat Pay APIv3) or `file` (the
/// default: requests appended to <see cref="FilePath"/>). A class, not a record, so
/// that no ToString or log line ever prints a key: none of these values is logged.
/// </summary>
public sealed class WeChatPaySettings
{
    public const string Section = "WeChatPay";
    public const string FileProvider = "file";
    public const string HttpProvider = "http";

    /// <summary>Unset: `file`, so that the server starts without credentials; outside Development the start warns (<see cref="Ports.FilePortWarning"/>).</summary>
    public string? Provider { get; set; }

    public string BaseUrl { get; set; } = "https://api.mch.weixin.qq.com";
    public string? MchId { get; set; }
    public string? AppId { get; set; }
    public string? ServiceId { get; set; }

    /// <summary>The serial number of the merchant certificate whose private key signs our requests.</summary>
    public string? MerchantSerialNo { get; set; }

    /// <summary>PEM (PKCS#8 or PKCS#1) of the merchant private key; relative to the content root.</summary>
    public string? MerchantPrivateKeyPath { get; set; }

    /// <summary>The APIv3 key (32 bytes of UTF-8) that decrypts notification resources.</summary>
    public string? ApiV3Key { get; set; }

    /// <summary>The v2 API key that signs the mini-program's `extraData` (HMAC-SHA256).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The `Wechatpay-Serial` a notification must name (the WeChat Pay public key's id).</summary>
    public string? PlatformKeyId { get; set; }

    /// <summary>PEM of the WeChat Pay platform public key that signs notifications; relative to the content root.</summary>
    public string? PlatformPublicKeyPath { get; set; }

    /// <summary>Our `POST /api/callbacks/wechatpay` as WeChat reaches it.</summary>
    public string? NotifyUrl { get; set; }

    /// <summary>The file adapter's journal; relative to the content root.</summary>
    public string FilePath { get; set; } = ".data/outbound/wechatpay.jsonl";

    /// <summary>Seconds one request may take before it counts as a transport failure (§2.1: 10 s).</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>How long the file adapter waits after a complete before it reports the synthetic USER_PAID.</summary>
    public double FilePaidDelaySeconds { get; set; } = 1;

    public string ProviderFor(IHostEnvironment env) =>
        (string.IsNullOrWhiteSpace(Provider) ? FileProvider : Provider).Trim().ToLowerInvariant();
}
