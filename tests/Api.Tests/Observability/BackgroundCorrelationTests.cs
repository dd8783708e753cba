using System.Collections.Concurrent;
using Cabinets.Api.Lockers.Parcels;
using Cabinets.Api.Tests.Lockers.Parcels;
using Cabinets.Domain.Lockers.Parcels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cabinets.Api.Tests.Observability;

/// <summary>Log lines with the scopes they were written in.</summary>
public sealed class ScopedLogs : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider? scopes;

    public ConcurrentQueue<(string Line, IReadOnlyList<string> Scopes)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(ScopedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var found = new List<string>();
            owner.scopes?.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), found);
            owner.Lines.Enqueue(($"{category}: {formatter(state, exception)}", found));
        }
    }
}

/// <summary>The Api sending SMS to a gateway that refuses connections, logging everything with scopes.</summary>
public sealed class RefusedGatewayFixture : ParcelFixture
{
    public ScopedLogs Logs { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Sms:Provider"] = "http",
        ["Sms:Gateway:Url"] = "http://127.0.0.1:9/sms", // discard port: nothing listens
        ["Wolverine:ExternalRetrySeconds"] = "0.2,0.2,0.2",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<ILoggerProvider>(Logs);
    }
}

/// <summary>A handler the outbox runs after its request ended logs under that request's correlation id (ADR-0027).</summary>
public sealed class BackgroundCorrelationTests(RefusedGatewayFixture api) : IClassFixture<RefusedGatewayFixture>
{
    [Fact]
    public async Task the_sms_sender_logs_its_failures_under_the_deposits_correlation_id()
    {
        const string serial = "IBSL0000001";
        await api.InstallAsync(serial, ParcelFixture.SiteAt("园区L1"), "0,1,32");
        var booked = (await api.BookAsync("园区L1", "6660000001")).ShouldBeOfType<BookingResult.Booked>();
        (await api.Firmware().SendAsync("recieve_verify_num", new { verify_num = "314159", series_num = serial, order_num = "6660000001", single_code = "1" })).Code.ShouldBe(0);
        var correlation = (await api.StreamAsync(ParcelEventNames.StreamId(booked.RecordNumber))).Single(e => e.Data is ParcelStored).CorrelationId;
        correlation.ShouldNotBeNullOrEmpty();

        (string Line, IReadOnlyList<string> Scopes) failure = default;
        for (var i = 0; i < 200 && failure.Line is null; i++)
        {
            failure = api.Logs.Lines.FirstOrDefault(l => l.Line.Contains($"sms-{booked.RecordNumber}-pickup failed", StringComparison.Ordinal));
            if (failure.Line is null) await Task.Delay(50);
        }

        failure.Line.ShouldNotBeNull("the SMS sender never logged its failure");
        failure.Scopes!.ShouldContain($"CorrelationId:{correlation}");
    }
}
