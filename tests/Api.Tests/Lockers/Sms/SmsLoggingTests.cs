using Cabinets.Api.Lockers.Sms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cabinets.Api.Tests.Lockers.Sms;

/// <summary>The Api at log level Trace in every category, sending through a gateway that fails, refuses and delivers.</summary>
public sealed class SmsLoggingApi : ApiFixture, IDisposable
{
    public SmsLoggingApi()
    {
        Gateway = FakeSmsGateway.Start();
        Settings = new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Wolverine:ExternalRetrySeconds"] = "0.05,0.1,0.1",
            ["Sms:Provider"] = "http",
            ["Sms:Gateway:Url"] = Gateway.Url,
            ["Sms:Gateway:ApiKey"] = FakeSmsGateway.ApiKey,
        };
    }

    public FakeSmsGateway Gateway { get; }

    public RecordingLoggerProvider Logs { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings { get; }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(Logs);
        // Also the categories the host turns down (e.g. Wolverine's per-message-type lines under
        // `Cabinets.Domain`): nothing may depend on a filter to keep a number out of the logs.
        services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(null, null, LogLevel.Trace, null)));
        services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(null, "Cabinets.Domain", LogLevel.Trace, null)));
    }

    public void Dispose() => Gateway.DisposeAsync().AsTask().GetAwaiter().GetResult();
}

public sealed class SmsLoggingTests(SmsLoggingApi api) : IClassFixture<SmsLoggingApi>
{
    [Fact]
    public async Task no_log_line_at_any_level_holds_the_number_the_text_the_code_or_the_api_key()
    {
        var retried = await api.SealAsync();
        var refused = await api.SealAsync();
        var deadLettered = await api.SealAsync();
        api.Gateway.FailFirst(retried.Message.SmsId, 2);
        api.Gateway.Answer(refused.Message.SmsId, 400);
        api.Gateway.FailUntilRecovered(deadLettered.Message.SmsId);

        await api.PublishAndWaitAsync(retried.Message, SmsStatus.Sent);
        await api.PublishAndWaitAsync(refused.Message, SmsStatus.DeadLettered);
        await api.PublishAndWaitAsync(deadLettered.Message, SmsStatus.DeadLettered);

        var lines = api.Logs.Lines.ToList();
        // the recorder does see Wolverine's failures of SendSms and the HTTP client's requests
        lines.ShouldContain(l => l.StartsWith("Cabinets.Domain.Lockers.Notifications.SendSms Error", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("System.Net.Http.HttpClient.sms-gateway", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains($"SMS {retried.Message.SmsId} failed and will be retried: sms-gateway: HTTP 500", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains($"SMS {deadLettered.Message.SmsId} moved to the dead-letter queue", StringComparison.Ordinal));
        foreach (var sms in new[] { retried, refused, deadLettered })
        {
            lines.ShouldNotContain(l => l.Contains(sms.Phone, StringComparison.Ordinal));
            lines.ShouldNotContain(l => l.Contains(sms.Code, StringComparison.Ordinal));
        }
        lines.ShouldNotContain(l => l.Contains(FakeSmsGateway.ApiKey, StringComparison.Ordinal));
    }
}
