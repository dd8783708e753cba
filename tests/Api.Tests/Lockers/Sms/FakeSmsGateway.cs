using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cabinets.Api.Tests.Lockers.Sms;

/// <summary>
/// A real HTTP SMS gateway on 127.0.0.1 (Kestrel, port 0) that records every request and answers
/// per SMS id (the `Idempotency-Key` header) as the test scripted: fail the first n calls, fail
/// until recovered, or be slow. An unscripted id is accepted with 202.
/// </summary>
public sealed class FakeSmsGateway : IAsyncDisposable
{
    public const string ApiKey = "test-api-key";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Call> _calls = new();
    private readonly ConcurrentDictionary<string, Script> _scripts = new();

    public sealed record Call(string? SmsId, string? ApiKey, string ContentType, JsonElement Body, int AnsweredWith);

    private sealed record Script(int Failures, int Status, TimeSpan Delay, bool UntilRecovered);

    private FakeSmsGateway(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public static FakeSmsGateway Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var gateway = new FakeSmsGateway(builder.Build());
        gateway._app.MapPost("/sms", gateway.AnswerAsync);
        gateway._app.StartAsync().GetAwaiter().GetResult();
        var address = gateway._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        gateway.Url = address.TrimEnd('/') + "/sms";
        return gateway;
    }

    public void FailFirst(string smsId, int calls, int status = 500) => _scripts[smsId] = new Script(calls, status, TimeSpan.Zero, false);

    public void FailUntilRecovered(string smsId, int status = 500) => _scripts[smsId] = new Script(0, status, TimeSpan.Zero, true);

    public void Recover(string smsId) => _scripts.TryRemove(smsId, out _);

    public void Answer(string smsId, int status) => FailUntilRecovered(smsId, status);

    public void Stall(string smsId, TimeSpan delay) => _scripts[smsId] = new Script(0, 202, delay, false);

    public IReadOnlyList<Call> CallsFor(string smsId) => _calls.Where(c => c.SmsId == smsId).ToList();

    /// <summary>Calls the gateway answered with 2xx: what a phone would have received.</summary>
    public int Deliveries(string smsId) => CallsFor(smsId).Count(c => c.AnsweredWith is >= 200 and < 300);

    private async Task AnswerAsync(HttpContext http)
    {
        var smsId = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        using var body = await JsonDocument.ParseAsync(http.Request.Body);
        var status = 202;
        if (smsId is not null && _scripts.TryGetValue(smsId, out var script))
        {
            if (script.Delay > TimeSpan.Zero) await Task.Delay(script.Delay, http.RequestAborted);
            if (script.UntilRecovered) status = script.Status;
            else if (script.Failures > 0)
            {
                _scripts[smsId] = script with { Failures = script.Failures - 1 };
                status = script.Status;
            }
        }
        _calls.Enqueue(new Call(smsId, http.Request.Headers["X-Api-Key"].FirstOrDefault(), http.Request.ContentType ?? "", body.RootElement.Clone(), status));
        http.Response.StatusCode = status;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
