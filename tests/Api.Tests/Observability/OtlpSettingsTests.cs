using Cabinets.Api.Observability;
using Microsoft.Extensions.Configuration;

namespace Cabinets.Api.Tests.Observability;

/// <summary>Which setting turns tracing on (ADR-0027).</summary>
public sealed class OtlpSettingsTests
{
    private static Uri? EndpointOf(params (string Key, string Value)[] settings) => ObservabilitySetup.OtlpEndpoint(
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Fact]
    public void no_endpoint_means_no_tracing() => EndpointOf().ShouldBeNull();

    [Fact]
    public void an_empty_endpoint_means_no_tracing() => EndpointOf(("Otel:Endpoint", ""), ("OTEL_EXPORTER_OTLP_ENDPOINT", "")).ShouldBeNull();

    [Fact]
    public void the_standard_variable_turns_it_on() =>
        EndpointOf(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")).ShouldBe(new Uri("http://collector:4317/"));

    [Fact]
    public void our_setting_wins_over_the_standard_variable() =>
        EndpointOf(("Otel:Endpoint", "http://ours:4318/base"), ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://theirs:4317")).ShouldBe(new Uri("http://ours:4318/base/"));
}
