using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Cabinets.Api.Lockers.Parcels;
using Cabinets.Api.Observability;
using Cabinets.Api.Tests.Lockers.Parcels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Cabinets.Api.Tests.Observability;

/// <summary>
/// Every log line as the console's `json` formatter writes it, with the logger factory's scopes:
/// what `Logging__Console__FormatterName=json` prints, kept for the test to read.
/// </summary>
public sealed class JsonLines(ConsoleFormatter json, ConcurrentQueue<string> kept) : ILoggerProvider, ISupportExternalScope
{
    private readonly ConsoleFormatter formatter = json;
    private readonly ConcurrentQueue<string> lines = kept;
    private IExternalScopeProvider? scopes;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(string category, JsonLines owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            using var writer = new StringWriter();
            owner.formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), owner.scopes, writer);
            foreach (var line in writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)) owner.lines.Enqueue(line);
        }
    }
}

/// <summary>The Api logging everything in JSON.</summary>
public sealed class JsonLogFixture : ParcelFixture
{
    public ConcurrentQueue<string> Lines { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:Console:FormatterName"] = "json",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<ILoggerProvider>(sp => new JsonLines(sp.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json), Lines));
    }

    /// <summary>The JSON lines whose scopes carry this correlation id.</summary>
    public IReadOnlyList<JsonElement> LinesOf(string correlationId) => Lines
        .Select(l => JsonDocument.Parse(l).RootElement)
        .Where(e => CorrelationOf(e) == correlationId)
        .ToList();

    public static string? CorrelationOf(JsonElement line) =>
        line.TryGetProperty("Scopes", out var scopes)
            ? scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(Correlation.ScopeKey, out _))
                .Select(s => s.GetProperty(Correlation.ScopeKey).GetString()).FirstOrDefault()
            : null;
}

/// <summary>Structured JSON logs on request, the correlation id in every line of a request, no personal data (issue 13 §3; ADR-0027).</summary>
public sealed class JsonLogTests(JsonLogFixture api) : IClassFixture<JsonLogFixture>
{
    [Fact]
    public void the_console_writes_json_when_asked_with_scopes()
    {
        api.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName.ShouldBe(ConsoleFormatterNames.Json);
        api.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue.IncludeScopes.ShouldBeTrue();
        api.Lines.ShouldNotBeEmpty();
        foreach (var line in api.Lines) JsonDocument.Parse(line).RootElement.GetProperty("Category").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task every_line_of_a_request_carries_the_correlation_id_it_was_answered_with()
    {
        await api.InstallAsync("IBSJ0000001", ParcelFixture.SiteAt("园区J1"), "0,1,32");
        using var http = api.Http();
        using var frame = new ByteArrayContent(new Lockers.IbsClient(http).Frame("insert_single_status", new[] { new { series_number = "IBSJ0000001", single_code = "1,1" } }));
        frame.Headers.ContentType = new("text/plain");

        using var response = await http.PostAsync("/ibs", frame);

        var id = response.Headers.GetValues(Correlation.Header).Single();
        var lines = api.LinesOf(id);
        lines.ShouldContain(l => l.GetProperty("Message").GetString()!.StartsWith("IBS insert_single_status from IBSJ0000001", StringComparison.Ordinal));
        lines[0].GetProperty("Scopes").EnumerateArray().ShouldContain(s => s.ValueKind == JsonValueKind.Object
            && s.GetProperty("Message").GetString() == "CorrelationId:" + id);
        // Lines from the endpoint and from the pipeline below it (Wolverine, Marten, Npgsql) share the id.
        lines.Select(l => l.GetProperty("Category").GetString()).Distinct().Count().ShouldBeGreaterThan(1);
        api.Lines.Select(l => JsonDocument.Parse(l).RootElement)
            .Where(l => l.GetProperty("Category").GetString() == typeof(Cabinets.Api.Lockers.Ibs.IbsFrameDispatcher).FullName)
            .ShouldAllBe(l => JsonLogFixture.CorrelationOf(l) != null, "an IBS frame line without a correlation id");
        // …and the events of the command carry it too (the id the endpoints already pass on).
        (await api.StreamAsync("cabinet-IBSJ0000001")).Last().CorrelationId.ShouldBe(id);
    }

    [Fact]
    public async Task a_callers_correlation_id_is_kept_when_it_is_a_short_token_and_replaced_otherwise()
    {
        using var http = api.Http();
        using var given = new HttpRequestMessage(HttpMethod.Get, "/health/live") { Headers = { { Correlation.Header, "partner-req.42:a" } } };
        (await http.SendAsync(given)).Headers.GetValues(Correlation.Header).Single().ShouldBe("partner-req.42:a");
        api.LinesOf("partner-req.42:a").ShouldNotBeEmpty();

        using var hostile = new HttpRequestMessage(HttpMethod.Get, "/health/live") { Headers = { { Correlation.Header, "x\" injected {json}" } } };
        (await http.SendAsync(hostile)).Headers.GetValues(Correlation.Header).Single().ShouldNotContain("injected");
    }

    [Fact]
    public async Task a_journey_in_json_at_debug_prints_no_phone_number_pickup_code_or_password()
    {
        const string phone = "13687654321";
        const string code = "837465";
        await api.InstallAsync("IBSJ0000002", ParcelFixture.SiteAt("园区J2"), "0,1,32");
        (await api.BookAsync("园区J2", "6660000001", phone)).ShouldBeOfType<BookingResult.Booked>();
        var firmware = api.Firmware();
        (await firmware.SendAsync("recieve_verify_num", new { verify_num = code, series_num = "IBSJ0000002", order_num = "6660000001", single_code = "1" })).Code.ShouldBe(0);
        (await firmware.SendAsync("take_by_verify_num", new { verify_num = code, series_num = "IBSJ0000002" })).Code.ShouldBe(0);
        using var http = api.Http();
        (await http.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = "wrong " + ApiFixture.AdminPassword })).IsSuccessStatusCode.ShouldBeFalse();
        await ApiFixture.SignInAsync(http);

        api.Lines.ShouldNotContain(l => l.Contains(phone), "a phone number was logged");
        api.Lines.ShouldNotContain(l => l.Contains(code), "a pickup code was logged");
        api.Lines.ShouldNotContain(l => l.Contains(ApiFixture.AdminPassword), "a password was logged");
        api.Lines.ShouldNotContain(l => l.Contains("Password=", StringComparison.OrdinalIgnoreCase), "a connection string was logged");
    }
}
