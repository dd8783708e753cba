using Cabinets.Api.Tests.Vending.Fakes;
using Cabinets.Api.Vending.Ports.WeChat;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests.Vending.Ports.WeChat;

/// <summary>The HTTP adapters alone, pointed at a <see cref="FakeWeChat"/>, wired as the module wires them.</summary>
internal static class WeChatAdapters
{
    public static WeChatPaySettings PaySettings(FakeWeChat fake, double timeoutSeconds = 10) => new()
    {
        Provider = "http", BaseUrl = fake.BaseUrl, MchId = FakeWeChat.MchId, AppId = FakeWeChat.AppId, ServiceId = FakeWeChat.ServiceId,
        MerchantSerialNo = FakeWeChat.MerchantSerialNo, MerchantPrivateKeyPath = fake.MerchantPrivateKeyPath, ApiV3Key = fake.ApiV3Key,
        ApiKey = fake.ApiKey, PlatformKeyId = FakeWeChat.PlatformKeyId, PlatformPublicKeyPath = fake.PlatformPublicKeyPath,
        NotifyUrl = "https://cabinets.example/api/callbacks/wechatpay", TimeoutSeconds = timeoutSeconds,
    };

    public static HttpWeChatPayScore PayScore(FakeWeChat fake, double timeoutSeconds = 10) => PayScore(PaySettings(fake, timeoutSeconds));

    public static HttpWeChatPayScore PayScore(WeChatPaySettings settings)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(WeChatPayApi.ClientName, c => c.Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds));
        var key = WeChatPayKeys.PrivateKey(settings.MerchantPrivateKeyPath!, "WeChatPay:MerchantPrivateKeyPath");
        var api = new WeChatPayApi(services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>(), settings,
            new WeChatPayMerchantSigner(key, settings.MchId!, settings.MerchantSerialNo!), TimeProvider.System);
        return new HttpWeChatPayScore(api, settings);
    }

    public static HttpWeChatMiniProgram MiniProgram(FakeWeChat fake, TimeProvider? clock = null, double timeoutSeconds = 10, string? secret = null)
    {
        var settings = new WeChatMiniProgramSettings
        {
            Provider = "http", BaseUrl = fake.BaseUrl, AppId = FakeWeChat.MiniAppId, AppSecret = secret ?? fake.AppSecret, TimeoutSeconds = timeoutSeconds,
        };
        var services = new ServiceCollection();
        services.AddHttpClient(HttpWeChatMiniProgram.ClientName, c => c.Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds));
        return new HttpWeChatMiniProgram(services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>(), settings,
            new MiniProgramAccessToken(clock ?? TimeProvider.System));
    }

    public static string No(string prefix) => prefix + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
}
