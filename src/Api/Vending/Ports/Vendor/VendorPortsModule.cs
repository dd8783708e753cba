using Cabinets.Api.Vending.Ports.Erp;

namespace Cabinets.Api.Vending.Ports.Vendor;

/// <summary>`Vendor:*` of VENDING.md §4.7: one shared secret for both directions (§6.25).</summary>
internal sealed class VendorSettings
{
    /// <summary>`http` or `file`; unset: `file` (with a warning at start outside Development, <see cref="FilePortWarning"/>).</summary>
    public string? Provider { get; set; }
    public string BaseUrl { get; set; } = "";
    /// <summary>The vendor's id in its requests to us (`X-Partner-Id` checked by the signature filter).</summary>
    public string PartnerId { get; set; } = "";
    /// <summary>Our id in our requests to the vendor.</summary>
    public string MerchantId { get; set; } = "";
    public string Secret { get; set; } = "";
    public double TimeoutSeconds { get; set; } = 10;
    public string FilePath { get; set; } = ".data/outbound/vendor.jsonl";
}

/// <summary>`Erp:*` of VENDING.md §4.7.</summary>
internal sealed class ErpSettings
{
    public string? Provider { get; set; }
    public string BaseUrl { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string Secret { get; set; } = "";
    public double TimeoutSeconds { get; set; } = 10;
    public int PageSize { get; set; } = 200;
    public string FilePath { get; set; } = ".data/outbound/erp.jsonl";
}

/// <summary>The vendor and ERP ports with their adapters, chosen by `Vendor__Provider` / `Erp__Provider` (VENDING.md §4.3).</summary>
internal static class VendorPortsModule
{
    public const string FileProvider = "file";
    public const string HttpProvider = "http";

    public static IServiceCollection AddVendorAndErpPorts(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var vendor = config.GetSection("Vendor").Get<VendorSettings>() ?? new VendorSettings();
        var erp = config.GetSection("Erp").Get<ErpSettings>() ?? new ErpSettings();
        services.AddSingleton(vendor).AddSingleton(erp);

        if (ProviderOf(vendor.Provider, env, "Vendor") == FileProvider)
        {
            services.AddSingleton<IVendorGateway>(sp => new FileVendorGateway(File(sp, env, vendor.FilePath)));
            FilePortWarning.Register(services, "Vendor");
        }
        else
        {
            var endpoint = Endpoint("vendor", "Vendor", vendor.BaseUrl, vendor.MerchantId, vendor.Secret, vendor.TimeoutSeconds);
            services.AddHttpClient(endpoint.Service).RedactLoggedHeaders(_ => true); // signatures and keys stay out of logs
            services.AddSingleton<IVendorGateway>(sp => new HttpVendorGateway(Client(sp, endpoint)));
        }

        if (ProviderOf(erp.Provider, env, "Erp") == FileProvider)
        {
            services.AddSingleton<IErpGateway>(sp => new FileErpGateway(File(sp, env, erp.FilePath)));
            FilePortWarning.Register(services, "Erp");
        }
        else
        {
            var endpoint = Endpoint("erp", "Erp", erp.BaseUrl, erp.ClientId, erp.Secret, erp.TimeoutSeconds);
            services.AddHttpClient(endpoint.Service).RedactLoggedHeaders(_ => true);
            services.AddSingleton<IErpGateway>(sp => new HttpErpGateway(Client(sp, endpoint), Math.Clamp(erp.PageSize, 1, 200)));
        }
        return services;
    }

    private static string ProviderOf(string? configured, IHostEnvironment env, string section)
    {
        var provider = (configured ?? FileProvider).Trim().ToLowerInvariant();
        return provider is FileProvider or HttpProvider
            ? provider
            : throw new InvalidOperationException($"{section}:Provider is '{configured}'; it must be '{FileProvider}' or '{HttpProvider}'");
    }

    private static SignedEndpoint Endpoint(string service, string section, string baseUrl, string partnerId, string secret, double timeoutSeconds)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out _)) throw new InvalidOperationException($"{section}:Provider=http needs {section}:BaseUrl, an absolute URL");
        if (string.IsNullOrEmpty(partnerId) || string.IsNullOrEmpty(secret))
            throw new InvalidOperationException($"{section}:Provider=http needs its id and {section}:Secret");
        // The HttpClient's own time-out is off: the client cancels after the configured one and says "timeout".
        return new SignedEndpoint(service, baseUrl, partnerId, secret, TimeSpan.FromSeconds(timeoutSeconds));
    }

    private static SignedJsonClient Client(IServiceProvider sp, SignedEndpoint endpoint)
    {
        var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(endpoint.Service);
        http.Timeout = Timeout.InfiniteTimeSpan;
        return new SignedJsonClient(http, endpoint, sp.GetRequiredService<TimeProvider>());
    }

    private static OutboundFile File(IServiceProvider sp, IHostEnvironment env, string path) =>
        new(Path.IsPathRooted(path) ? path : Path.Combine(env.ContentRootPath, path), sp.GetRequiredService<TimeProvider>());
}
