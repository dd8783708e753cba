using Cabinets.Api.Hosting;
using Marten;
using Wolverine;

namespace Cabinets.Api.Lockers.Sms;

/// <summary>
/// SMS through the outbox (ADR-0024): the <see cref="SendSms"/> handler, its port with the file and
/// HTTP adapters (`Sms__Provider`), the SMS log table and SendSms's failure rules.
/// </summary>
internal static class SmsModule
{
    public static IServiceCollection AddSms(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var settings = new SmsSettings();
        config.GetSection("Sms").Bind(settings);
        services.AddSingleton(settings);
        services.AddSingleton<SmsLog>();
        services.ConfigureMarten(opts => opts.Storage.ExtendedSchemaObjects.Add(SmsLogTable.Definition()));
        services.ConfigureWolverine(opts => opts.Policies.Add(new SmsFailurePolicy(CritterStackSetup.ExternalRetrySchedule(config))));

        switch (settings.Provider.Trim().ToLowerInvariant())
        {
            case SmsSettings.FileProvider:
                var path = Path.IsPathRooted(settings.FilePath) ? settings.FilePath : Path.Combine(env.ContentRootPath, settings.FilePath);
                services.AddSingleton<ISmsGateway>(sp => new FileSmsGateway(path, sp.GetRequiredService<TimeProvider>()));
                // The developer's inbox holds texts (pickup codes) in clear: say so loudly anywhere else.
                if (!env.IsDevelopment()) services.AddHostedService<FileSinkOutsideDevelopmentWarning>();
                break;
            case SmsSettings.HttpProvider:
                if (!Uri.TryCreate(settings.Gateway.Url, UriKind.Absolute, out _))
                    throw new InvalidOperationException("Sms:Provider=http needs Sms:Gateway:Url, an absolute URL");
                services.AddHttpClient(HttpSmsGateway.ClientName, c => c.Timeout = TimeSpan.FromSeconds(settings.Gateway.TimeoutSeconds))
                    .RedactLoggedHeaders(_ => true); // the API key never reaches a log
                services.AddSingleton<ISmsGateway>(sp => new HttpSmsGateway(sp.GetRequiredService<IHttpClientFactory>(), settings.Gateway));
                break;
            default:
                throw new InvalidOperationException($"Sms:Provider is '{settings.Provider}'; it must be '{SmsSettings.FileProvider}' or '{SmsSettings.HttpProvider}'");
        }
        return services;
    }
}

/// <summary>Logs at start, outside Development, that texts go to the clear-text file sink, not to a gateway.</summary>
internal sealed partial class FileSinkOutsideDevelopmentWarning(ILogger<FileSinkOutsideDevelopmentWarning> log, IHostEnvironment env) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Warn(log, env.EnvironmentName);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "SMS go to the file sink in environment {Environment}: texts, pickup codes included, are written in clear to Sms:FilePath. Set Sms__Provider=http and the gateway for a deployment")]
    private static partial void Warn(ILogger logger, string environment);
}

