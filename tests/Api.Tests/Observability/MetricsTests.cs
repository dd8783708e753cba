using System.Net;
using Alba;
using Cabinets.Api.Tests.Lockers.Parcels;

namespace Cabinets.Api.Tests.Observability;

/// <summary>The Api sampling its gauges often, so a test sees them after its own traffic.</summary>
public sealed class MetricsFixture : ParcelFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Health:SampleSeconds"] = "0.2",
    };

    /// <summary>`/metrics` once every predicate holds for it (gauges follow the sampler; counters are there at once).</summary>
    public async Task<string> MetricsAsync(params Func<string, bool>[] until)
    {
        using var http = Http();
        for (var i = 0; ; i++)
        {
            var text = await http.GetStringAsync("/metrics");
            if (until.All(p => p(text)) || i == 300) return text;
            await Task.Delay(100);
        }
    }

    /// <summary>The sample lines of one series (`name{labels} value`) whose labels include every given `key="value"`.</summary>
    public static IReadOnlyList<string> Series(string metrics, string name, params string[] labels) => metrics.Split('\n')
        .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(label => l.Contains(label, StringComparison.Ordinal)))
        .ToList();
}

/// <summary>`/metrics` in Prometheus text after real traffic (issue 13 §3; ADR-0027).</summary>
public sealed class MetricsTests(MetricsFixture api) : IClassFixture<MetricsFixture>
{
    [Fact]
    public async Task metrics_name_http_routes_commands_ibs_frames_projection_lag_envelopes_and_the_npgsql_pool()
    {
        await api.InstallAsync("IBSM0000001", ParcelFixture.SiteAt("园区M1"), "0,1,32", "0,2,32");
        (await api.Firmware().SendAsync("insert_single_status", new[] { new { series_number = "IBSM0000001", single_code = "1,1" } }))
            .Code.ShouldBe(0);

        var text = await api.MetricsAsync(t => MetricsFixture.Series(t, "cabinets_projection_lag", "projection=\"free_doors\"").Count > 0,
            t => MetricsFixture.Series(t, "http_server_request_duration_seconds_count", "http_route=\"/ibs\"").Count > 0,
            t => MetricsFixture.Series(t, "cabinets_envelopes", "kind=\"dead_letter\"").Count > 0);

        text.ShouldContain("# TYPE http_server_request_duration_seconds histogram");
        MetricsFixture.Series(text, "http_server_request_duration_seconds_count", "http_route=\"/ibs\"", "http_request_method=\"POST\"").ShouldNotBeEmpty();
        MetricsFixture.Series(text, "cabinets_commands_total", "command=\"ProvisionCabinet\"", "outcome=\"accepted\"").ShouldNotBeEmpty();
        MetricsFixture.Series(text, "cabinets_commands_total", "command=\"RegisterCabinetBank\"", "outcome=\"accepted\"").ShouldNotBeEmpty();
        MetricsFixture.Series(text, "cabinets_ibs_frames_total", "method=\"insert_locker_info\"", "code=\"0\"").ShouldNotBeEmpty();
        MetricsFixture.Series(text, "cabinets_ibs_frames_total", "method=\"insert_single_status\"").ShouldNotBeEmpty();
        MetricsFixture.Series(text, "cabinets_projection_lag", "projection=\"station_order_lines\"").ShouldNotBeEmpty();
        MetricsFixture.Series(text, "cabinets_projection_stuck_seconds", "projection=\"free_doors\"").ShouldNotBeEmpty();
        MetricsFixture.Series(text, "cabinets_envelopes", "kind=\"outgoing\"").ShouldNotBeEmpty();
        MetricsFixture.Series(text, "db_client_connection_count", "db_client_connection_pool_name=\"eventstore\"", "db_client_connection_state=\"used\"")
            .ShouldNotBeEmpty("Npgsql's pool, under the data source's name");
        text.ShouldNotContain(new Npgsql.NpgsqlConnectionStringBuilder(api.ConnectionString).Database!, Case.Sensitive, "no label names the database");
    }

    [Fact]
    public void tracing_is_off_when_no_collector_is_configured() =>
        api.Services.GetService(typeof(OpenTelemetry.Trace.TracerProvider)).ShouldBeNull();

    [Fact]
    public async Task an_unknown_ibs_method_counts_as_other_not_under_the_senders_text()
    {
        var answer = await api.Firmware().SendAsync("drop_table_students", new { x = 1 });
        answer.Code.ShouldNotBe(0);

        var text = await api.MetricsAsync();
        MetricsFixture.Series(text, "cabinets_ibs_frames_total", "method=\"other\"").ShouldNotBeEmpty();
        text.ShouldNotContain("drop_table_students");
    }

    [Fact]
    public async Task metric_labels_carry_route_templates_never_a_phone_a_code_or_a_raw_path()
    {
        const string phone = "13712345678";
        const string code = "564738";
        await api.InstallAsync("IBSM0000002", ParcelFixture.SiteAt("园区M2"), "0,1,32");
        await api.BookAsync("园区M2", "7770000001", phone);
        (await api.Firmware().SendAsync("recieve_verify_num", new { verify_num = code, series_num = "IBSM0000002", order_num = "7770000001", single_code = "1" }))
            .Code.ShouldBe(0);
        using var http = api.Http();
        (await http.GetAsync("/api/partners/parcels/9876543210")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // The host records a request's duration once its answer is written, so the series may trail the answer.
        var text = await api.MetricsAsync(t => MetricsFixture.Series(t, "http_server_request_duration_seconds_count", "http_route=\"/api/partners/parcels/{").Count > 0);

        MetricsFixture.Series(text, "http_server_request_duration_seconds_count", "http_route=\"/api/partners/parcels/{").ShouldNotBeEmpty();
        text.ShouldNotContain("9876543210");
        text.ShouldNotContain(phone);
        text.ShouldNotContain(code);
    }

    [Fact]
    public async Task metrics_are_refused_to_another_host_unless_allowed()
    {
        await api.Host.Scenario(s =>
        {
            s.Get.Url("/metrics");
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9"));
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        });
        await api.Host.Scenario(s =>
        {
            s.Get.Url("/metrics");
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = IPAddress.Loopback);
            s.StatusCodeShouldBeOk();
        });
    }
}
