namespace Cabinets.Api.Vending.Ports.WeChat;

/// <summary>
/// The WeChat side of the vending ports (VENDING.md §4.3, §4.4, §4.7): pay-score and refunds
/// (`WeChatPay__Provider`), the mini-program (`WeChatMiniProgram__Provider`), each `http` or `file`
/// (the default when unset, with a warning at start outside Development), and the notification callback. An `http` adapter without its base URL,
/// ids or keys stops the start with the names of what is missing (never a value).
/// </summary>
public static class WeChatModule
{
    public static IServiceCollection AddWeChatPorts(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var pay = new WeChatPaySettings();
        config.GetSection(WeChatPaySettings.Section).Bind(pay);
        var mini = new WeChatMiniProgramSettings();
        config.GetSection(WeChatMiniProgramSettings.Section).Bind(mini);
        services.AddSingleton(pay).AddSingleton(mini);

        AddPayScore(services, pay, env);
        AddMiniProgram(services, mini, env);
        var callbackKeys = CallbackKeys(pay, env);
        services.AddSingleton(sp => callbackKeys(sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    public static IEndpointRouteBuilder MapWeChatCallbacks(this IEndpointRouteBuilder app)
    {
        app.MapPost(WeChatPayCallback.Route, WeChatPayCallback.HandleAsync)
            .WithName("wechatPayNotification")
            .WithSummary("WeChat Pay's notifications (pay-score authorization, USER_PAID, refunds): signed by the platform key, resource encrypted.")
            .ExcludeFromDescription();
        return app;
    }

    private static void AddPayScore(IServiceCollection services, WeChatPaySettings pay, IHostEnvironment env)
    {
        switch (pay.ProviderFor(env))
        {
            case WeChatPaySettings.FileProvider:
                services.AddSingleton(sp => new FileWeChatPayScore(
                    new OutboundJournal(InContentRoot(env, pay.FilePath), sp.GetRequiredService<TimeProvider>()), pay,
                    sp.GetRequiredService<TimeProvider>(), sp, sp.GetRequiredService<ILogger<FileWeChatPayScore>>()));
                services.AddSingleton<IWeChatPayScore>(sp => sp.GetRequiredService<FileWeChatPayScore>());
                services.AddSingleton<IWeChatRefunds>(sp => sp.GetRequiredService<FileWeChatPayScore>());
                FilePortWarning.Register(services, WeChatPaySettings.Section);
                break;
            case WeChatPaySettings.HttpProvider:
                Require(WeChatPaySettings.Section, ("BaseUrl", Absolute(pay.BaseUrl)), ("MchId", pay.MchId), ("AppId", pay.AppId), ("ServiceId", pay.ServiceId),
                    ("MerchantSerialNo", pay.MerchantSerialNo), ("MerchantPrivateKeyPath", pay.MerchantPrivateKeyPath), ("ApiV3Key", pay.ApiV3Key),
                    ("ApiKey", pay.ApiKey), ("PlatformKeyId", pay.PlatformKeyId), ("PlatformPublicKeyPath", pay.PlatformPublicKeyPath),
                    ("NotifyUrl", Absolute(pay.NotifyUrl)));
                var key = WeChatPayKeys.PrivateKey(InContentRoot(env, pay.MerchantPrivateKeyPath!), "WeChatPay:MerchantPrivateKeyPath");
                var signer = new WeChatPayMerchantSigner(key, pay.MchId!, pay.MerchantSerialNo!);
                services.AddHttpClient(WeChatPayApi.ClientName, c => c.Timeout = TimeSpan.FromSeconds(pay.TimeoutSeconds)).RemoveAllLoggers();
                services.AddSingleton(sp => new HttpWeChatPayScore(
                    new WeChatPayApi(sp.GetRequiredService<IHttpClientFactory>(), pay, signer, sp.GetRequiredService<TimeProvider>()), pay));
                services.AddSingleton<IWeChatPayScore>(sp => sp.GetRequiredService<HttpWeChatPayScore>());
                services.AddSingleton<IWeChatRefunds>(sp => sp.GetRequiredService<HttpWeChatPayScore>());
                break;
            default:
                throw new InvalidOperationException($"WeChatPay:Provider is '{pay.Provider}'; it must be '{WeChatPaySettings.FileProvider}' or '{WeChatPaySettings.HttpProvider}'");
        }
    }

    private static void AddMiniProgram(IServiceCollection services, WeChatMiniProgramSettings mini, IHostEnvironment env)
    {
        switch (mini.ProviderFor(env))
        {
            case WeChatPaySettings.FileProvider:
                services.AddSingleton<IWeChatMiniProgram>(sp => new FileWeChatMiniProgram(
                    new OutboundJournal(InContentRoot(env, mini.FilePath), sp.GetRequiredService<TimeProvider>())));
                FilePortWarning.Register(services, WeChatMiniProgramSettings.Section);
                break;
            case WeChatPaySettings.HttpProvider:
                Require(WeChatMiniProgramSettings.Section, ("BaseUrl", Absolute(mini.BaseUrl)), ("AppId", mini.AppId), ("AppSecret", mini.AppSecret));
                services.AddHttpClient(HttpWeChatMiniProgram.ClientName, c => c.Timeout = TimeSpan.FromSeconds(mini.TimeoutSeconds))
                    .RemoveAllLoggers(); // the request line holds the app secret or the access token
                services.AddSingleton(sp => new MiniProgramAccessToken(sp.GetRequiredService<TimeProvider>()));
                services.AddSingleton<IWeChatMiniProgram>(sp => new HttpWeChatMiniProgram(
                    sp.GetRequiredService<IHttpClientFactory>(), mini, sp.GetRequiredService<MiniProgramAccessToken>()));
                break;
            default:
                throw new InvalidOperationException($"WeChatMiniProgram:Provider is '{mini.Provider}'; it must be '{WeChatPaySettings.FileProvider}' or '{WeChatPaySettings.HttpProvider}'");
        }
    }

    /// <summary>Configured keys make the callback work under either provider; with none (plain Development) it refuses every notification.</summary>
    private static Func<TimeProvider, WeChatPayCallbackKeys> CallbackKeys(WeChatPaySettings pay, IHostEnvironment env) =>
        string.IsNullOrWhiteSpace(pay.PlatformPublicKeyPath) || string.IsNullOrWhiteSpace(pay.PlatformKeyId) || string.IsNullOrEmpty(pay.ApiV3Key)
            ? _ => WeChatPayCallbackKeys.Unconfigured
            : WeChatPayCallbackKeys.Load(pay, InContentRoot(env, pay.PlatformPublicKeyPath));

    private static void Require(string section, params (string Name, string? Value)[] settings)
    {
        var missing = settings.Where(s => string.IsNullOrWhiteSpace(s.Value)).Select(s => $"{section}:{s.Name}").ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"{section}:Provider=http needs {string.Join(", ", missing)} (URLs absolute)");
    }

    /// <summary>The URL itself when absolute, else null (reported as missing).</summary>
    private static string? Absolute(string? url) => Uri.TryCreate(url, UriKind.Absolute, out _) ? url : null;

    private static string InContentRoot(IHostEnvironment env, string path) => Path.IsPathRooted(path) ? path : Path.Combine(env.ContentRootPath, path);
}
