using System.Collections.Concurrent;
using System.Text;
using Cabinets.Api.Tests.Lockers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Cabinets.Api.Tests.Observability;

/// <summary>An OTLP/HTTP collector on loopback that keeps every trace export it is sent.</summary>
public sealed class FakeCollector : IAsyncDisposable
{
    private readonly WebApplication app;

    public FakeCollector()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            Exports.Enqueue(body.ToArray());
            return Results.Bytes([], "application/x-protobuf"); // an empty ExportTraceServiceResponse
        });
        app.StartAsync().GetAwaiter().GetResult();
        Url = app.Urls.Single();
    }

    public string Url { get; }

    public ConcurrentQueue<byte[]> Exports { get; } = new();

    /// <summary>Every export as text: span names, scope names and attribute values are plain UTF-8 inside the protobuf.</summary>
    public string Text => string.Join("\n", Exports.Select(e => Encoding.UTF8.GetString(e)));

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

/// <summary>The Api with a collector named in `Otel__Endpoint`.</summary>
public sealed class TracingFixture : ApiFixture, IAsyncLifetime
{
    public FakeCollector Collector { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Otel:Endpoint"] = Collector.Url,
        ["Otel:Protocol"] = "http/protobuf",
    };

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Collector.DisposeAsync();
    }
}

/// <summary>Tracing is off by default and, with a collector configured, covers ASP.NET Core, Wolverine and Npgsql (ADR-0027).</summary>
public sealed class TracingTests(TracingFixture api) : IClassFixture<TracingFixture>
{
    [Fact]
    public async Task a_frame_is_traced_through_asp_net_core_wolverine_and_npgsql_to_the_collector()
    {
        await api.SendAsync(new Cabinets.Domain.Lockers.Cabinets.ProvisionCabinet("IBST0000001",
            Lockers.Parcels.ParcelFixture.SiteAt("园区T1"), DateTimeOffset.UtcNow));
        var answer = await new IbsClient(api.Http()).SendAsync("insert_locker_info", new[]
        {
            new { type = "快递柜", locker_info = new object[] { new { category = "M", create_date = "2026-01-05", series_number = "IBST0000001" } } },
        });
        answer.Code.ShouldBe(0);

        api.Services.GetRequiredService<TracerProvider>().ForceFlush().ShouldBeTrue();

        var text = api.Collector.Text;
        text.ShouldContain("POST /ibs");
        text.ShouldContain("Microsoft.AspNetCore");
        text.ShouldContain("Wolverine");
        text.ShouldContain("Npgsql");
        text.ShouldContain("RegisterCabinetBank");
    }
}
