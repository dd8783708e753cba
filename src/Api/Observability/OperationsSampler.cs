using System.Diagnostics.Metrics;
using Wolverine.Logging;
using Wolverine.Runtime;

namespace Cabinets.Api.Observability;

/// <summary>
/// Every `Health__SampleSeconds` looks at the daemon (<see cref="DaemonWatch"/>) and counts
/// Wolverine's durable envelopes, for the observable gauges: a scrape reads the last look and never
/// waits on the database (ADR-0027).
/// </summary>
public sealed partial class OperationsSampler : BackgroundService
{
    private readonly DaemonWatch watch;
    private readonly IWolverineRuntime runtime;
    private readonly DaemonWatchSettings settings;
    private readonly ILogger<OperationsSampler> log;

    public OperationsSampler(DaemonWatch watch, IWolverineRuntime runtime, DaemonWatchSettings settings, ApiMetrics metrics, ILogger<OperationsSampler> log)
    {
        (this.watch, this.runtime, this.settings, this.log) = (watch, runtime, settings, log);
        OperationsGauges.Register(metrics, watch, this);
    }

    /// <summary>The envelope counts of the last look (incoming, outgoing, scheduled, dead letters), or null before it.</summary>
    public PersistedCounts? Envelopes { get; private set; }

    public async Task SampleAsync(CancellationToken ct)
    {
        await watch.ObserveAsync(ct);
        Envelopes = await runtime.Storage.Admin.FetchCountsAsync();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.SamplePeriod);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSampleFailed(log, e.GetType().Name, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sampling the daemon and the envelope counts failed: {Error} {Message}")]
    private static partial void LogSampleFailed(ILogger logger, string error, string message);
}

/// <summary>The observable gauges over the sampler's last look, in the Api's meter.</summary>
internal static class OperationsGauges
{
    public static void Register(ApiMetrics metrics, DaemonWatch watch, OperationsSampler sampler)
    {
        metrics.Meter.CreateObservableGauge("cabinets.projection.lag", () => Projections(watch, p => p.LagEvents), "{event}",
            "Events committed after the projection's position (newest event, not only the high-water mark)");
        metrics.Meter.CreateObservableGauge("cabinets.projection.stuck", () => Projections(watch, p => p.StuckSeconds), "s",
            "Seconds the projection has been STOPPED, or behind without moving; 0 when it is fine");
        metrics.Meter.CreateObservableGauge("cabinets.envelopes", () => Envelopes(sampler), "{envelope}",
            "Wolverine's durable envelopes: incoming, outgoing (the outbox), scheduled and dead letters");
    }

    private static IEnumerable<Measurement<T>> Projections<T>(DaemonWatch watch, Func<ProjectionWatch, T> value) where T : struct =>
        (watch.Last?.Projections ?? []).Select(p => new Measurement<T>(value(p), new KeyValuePair<string, object?>("projection", p.Name)));

    private static IEnumerable<Measurement<long>> Envelopes(OperationsSampler sampler)
    {
        if (sampler.Envelopes is not { } c) yield break;
        yield return Kind(c.Incoming, "incoming");
        yield return Kind(c.Outgoing, "outgoing");
        yield return Kind(c.Scheduled, "scheduled");
        yield return Kind(c.DeadLetter, "dead_letter");
    }

    private static Measurement<long> Kind(long count, string kind) => new(count, new KeyValuePair<string, object?>("kind", kind));
}
