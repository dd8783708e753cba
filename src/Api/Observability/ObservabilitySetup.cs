using System.Diagnostics.Metrics;
using System.Net;
using Cabinets.Api.Operations;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Cabinets.Api.Observability;

/// <summary>
/// Metrics for Prometheus at `/metrics`, tracing to an OTLP collector when one is configured,
/// JSON console logs with the request's correlation id (ADR-0027).
/// </summary>
public static class ObservabilitySetup
{
    public const string MetricsPath = "/metrics";

    /// <summary>Wolverine's and Npgsql's own sources and meters (both name them after themselves).</summary>
    public static readonly string[] Sources = ["Wolverine", "Npgsql"];

    /// <summary>Wolverine's meter is named after the service (`opts.ServiceName` in CritterStackSetup).</summary>
    public const string WolverineMeter = "Wolverine:cabinets";

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.Services.AddSingleton<ApiMetrics>()
            .AddSingleton(DaemonWatchSettings.From(config))
            .AddSingleton<DaemonWatch>()
            .AddSingleton<OperationsSampler>()
            .AddHostedService(sp => sp.GetRequiredService<OperationsSampler>());

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(config["OTEL_SERVICE_NAME"] ?? "cabinets"))
            .WithMetrics(m => m
                .AddMeter(ApiMetrics.MeterName)
                .AddMeter(Sources)
                .AddMeter(WolverineMeter)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Each scrape collects afresh (the exporter's default keeps an answer for 300 ms).
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        builder.Services.ConfigureOpenTelemetryMeterProvider((sp, m) => m.AddView(OwnMetersOnly(sp.GetRequiredService<IMeterFactory>())));
        // Off unless a collector is named: no listener, no sampling cost (ADR-0027).
        if (OtlpEndpoint(config) is { } endpoint)
            otel.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => http.Request.Path != MetricsPath)
                .AddHttpClientInstrumentation()
                .AddSource(Sources)
                .AddOtlpExporter(o =>
                {
                    var http = string.Equals(config["Otel:Protocol"] ?? config["OTEL_EXPORTER_OTLP_PROTOCOL"], "http/protobuf", StringComparison.OrdinalIgnoreCase);
                    o.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                    // The exporter adds the signal path itself only for endpoints it read from the environment.
                    o.Endpoint = http && !endpoint.AbsolutePath.EndsWith("/v1/traces", StringComparison.Ordinal) ? new Uri(endpoint, "v1/traces") : endpoint;
                }));

        // A JSON line without its request's correlation id is of little use: scopes are always on there.
        builder.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat ??= "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        return builder;
    }

    /// <summary>
    /// OpenTelemetry listens to meters by name, process-wide: a second host in the process (a
    /// test's second node) would feed this one's series, and when that host stops, its meter's end
    /// takes the shared series down with it. Meters made by another host's factory are dropped here;
    /// process-wide meters (Npgsql, the runtime) have no scope and stay.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OwnMetersOnly(IMeterFactory own) => instrument =>
        instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, own) ? null : MetricStreamConfiguration.Drop;

    /// <summary>`Otel__Endpoint`, else the standard `OTEL_EXPORTER_OTLP_ENDPOINT`; null (tracing off) when neither is set.</summary>
    public static Uri? OtlpEndpoint(IConfiguration config) =>
        (config["Otel:Endpoint"] is { Length: > 0 } own ? own : config["OTEL_EXPORTER_OTLP_ENDPOINT"]) is { Length: > 0 } value
            ? new Uri(value.EndsWith('/') ? value : value + "/")
            : null;

    /// <summary>
    /// `/metrics`, for a scraper on this machine unless `Metrics__AllowRemote=true` (the series name
    /// routes and counts, never personal data, but they map the system for an attacker).
    /// </summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        var allowRemote = app.Configuration.GetValue("Metrics:AllowRemote", false);
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (http, next) =>
        {
            if (allowRemote || IsLocal(http.Connection)) await next(http);
            else await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "metrics are served to this machine only",
                detail: "set Metrics__AllowRemote=true to let other hosts scrape", type: "urn:cabinets:error:metrics_local_only").ExecuteAsync(http);
        }), optionsName: null);
        return app;
    }

    // No remote address: in-process (tests) or a Unix socket, both local.
    private static bool IsLocal(ConnectionInfo connection) => connection.RemoteIpAddress is not { } ip || IPAddress.IsLoopback(ip);
}
