namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// `WeChatMiniProgram__*` (VENDING.md §4.7): the mini-program's `code2session`, access token and
/// phone number calls. `Provider` is `http` or `file` (the default). Never logged.
/// </summary>
public sealed class WeChatMiniProgramSettings
{
    public const string Section = "WeChatMiniProgram";

    /// <summary>Unset: `file`, so that the server starts without credentials; outside Development the start warns (<see cref="Ports.FilePortWarning"/>).</summary>
    public string? Provider { get; set; }

    public string BaseUrl { get; set; } = "https://api.weixin.qq.com";
    public string? AppId { get; set; }
    public string? AppSecret { get; set; }

    /// <summary>The file adapter's journal; relative to the content root.</summary>
    public string FilePath { get; set; } = ".data/outbound/wechat-miniprogram.jsonl";

    /// <summary>Seconds one request may take (the user is waiting at login).</summary>
    public double TimeoutSeconds { get; set; } = 10;

    public string ProviderFor(IHostEnvironment env) =>
        (string.IsNullOrWhiteSpace(Provider) ? WeChatPaySettings.FileProvider : Provider).Trim().ToLowerInvariant();
}
