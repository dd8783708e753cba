using System.Net;
using System.Net.Sockets;
using Cabinets.Api.Commands;
using Cabinets.Api.Lockers.Sms;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests.Lockers.Sms;

/// <summary>The HTTP adapter alone against a real local gateway: which answers are retried, which refuse for good.</summary>
public sealed class HttpSmsGatewayTests : IAsyncLifetime
{
    private FakeSmsGateway _gateway = null!;

    public Task InitializeAsync()
    {
        _gateway = FakeSmsGateway.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private static HttpSmsGateway Adapter(string url, double timeoutSeconds = 10)
    {
        var settings = new SmsGatewaySettings { Url = url, ApiKey = FakeSmsGateway.ApiKey, TimeoutSeconds = timeoutSeconds };
        var services = new ServiceCollection();
        services.AddHttpClient(HttpSmsGateway.ClientName, c => c.Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds));
        return new HttpSmsGateway(services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>(), settings);
    }

    private static OutgoingSms Sms() => new(Guid.NewGuid().ToString("N"), "13812345678", "取件码 123456");

    [Theory]
    [InlineData(200)]
    [InlineData(202)]
    public async Task a_2xx_answer_is_a_delivery(int status)
    {
        var sms = Sms();
        _gateway.FailFirst(sms.SmsId, 1, status);
        await Adapter(_gateway.Url).SendAsync(sms, default);
        _gateway.Deliveries(sms.SmsId).ShouldBe(1);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(408)]
    [InlineData(429)]
    public async Task a_5xx_408_or_429_is_worth_a_retry(int status)
    {
        var sms = Sms();
        _gateway.Answer(sms.SmsId, status);
        var e = await Should.ThrowAsync<ExternalServiceException>(() => Adapter(_gateway.Url).SendAsync(sms, default));
        e.Message.ShouldBe($"sms-gateway: HTTP {status}");
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task another_4xx_refuses_the_message_for_good(int status)
    {
        var sms = Sms();
        _gateway.Answer(sms.SmsId, status);
        var e = await Should.ThrowAsync<SmsRefusedException>(() => Adapter(_gateway.Url).SendAsync(sms, default));
        e.Message.ShouldNotContain(sms.To);
    }

    [Fact]
    public async Task a_gateway_that_does_not_answer_in_time_is_worth_a_retry()
    {
        var sms = Sms();
        _gateway.Stall(sms.SmsId, TimeSpan.FromMinutes(1));
        var e = await Should.ThrowAsync<ExternalServiceException>(() => Adapter(_gateway.Url, timeoutSeconds: 0.3).SendAsync(sms, default));
        e.Message.ShouldStartWith("sms-gateway: no answer");
    }

    [Fact]
    public async Task a_gateway_that_refuses_connections_is_worth_a_retry()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now

        var e = await Should.ThrowAsync<ExternalServiceException>(() => Adapter($"http://127.0.0.1:{port}/sms").SendAsync(Sms(), default));
        e.Message.ShouldStartWith("sms-gateway: no connection");
    }
}
