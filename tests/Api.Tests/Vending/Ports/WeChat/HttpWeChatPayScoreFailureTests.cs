using System.Net;
using System.Net.Sockets;
using Cabinets.Api.Commands;
using Cabinets.Api.Tests.Vending.Fakes;
using Cabinets.Api.Vending.Ports;

namespace Cabinets.Api.Tests.Vending.Ports.WeChat;

/// <summary>Which answers the pay-score adapter reports as transport failures (retried, VENDING.md §2.1) and which as rejections.</summary>
public sealed class HttpWeChatPayScoreFailureTests : IAsyncLifetime
{
    private const string OpenId = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
    private FakeWeChat _fake = null!;

    public Task InitializeAsync()
    {
        _fake = FakeWeChat.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private static CreateServiceOrderRequest Create() => new(WeChatAdapters.No("VP"), OpenId, "S001", 20000, DateTimeOffset.UtcNow);

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(408)]
    [InlineData(429)]
    public async Task a_5xx_408_or_429_is_a_transport_failure_named_by_its_status(int status)
    {
        _fake.Answer(WeChatCall.CreateOrder, status);
        var e = await Should.ThrowAsync<ExternalServiceException>(() => WeChatAdapters.PayScore(_fake).CreateServiceOrderAsync(Create(), default));
        e.Reason.ShouldBe($"HTTP {status}");
    }

    [Fact]
    public async Task another_4xx_is_a_rejection_with_wechats_code_and_message_and_no_openid()
    {
        _fake.Answer(WeChatCall.CreateOrder, 403, new { code = "NO_AUTH", message = "商户无权限" });
        var e = await Should.ThrowAsync<ExternalRejectedException>(() => WeChatAdapters.PayScore(_fake).CreateServiceOrderAsync(Create(), default));
        (e.Code, e.Reason).ShouldBe(("NO_AUTH", "商户无权限"));
        e.Message.ShouldNotContain(OpenId);
    }

    [Fact]
    public async Task a_4xx_without_an_error_body_is_a_rejection_named_by_its_status()
    {
        _fake.Answer(WeChatCall.Refund, 404, "not json");
        var e = await Should.ThrowAsync<ExternalRejectedException>(() =>
            WeChatAdapters.PayScore(_fake).RefundAsync(new WeChatRefundRequest("TX", "VR1", 1, 1, "r"), default));
        e.Code.ShouldBe("HTTP 404");
    }

    [Fact]
    public async Task failing_first_then_recovering_succeeds_on_the_next_attempt()
    {
        _fake.FailFirst(WeChatCall.CreateOrder, 1, 503);
        var adapter = WeChatAdapters.PayScore(_fake);
        var request = Create();
        await Should.ThrowAsync<ExternalServiceException>(() => adapter.CreateServiceOrderAsync(request, default));
        await adapter.CreateServiceOrderAsync(request, default);
        _fake.RequestsFor(WeChatCall.CreateOrder).Select(r => r.AnsweredWith).ShouldBe([503, 200]);
    }

    [Fact]
    public async Task no_answer_within_the_timeout_is_a_timeout()
    {
        _fake.Stall(WeChatCall.CompleteOrder, TimeSpan.FromSeconds(5));
        var e = await Should.ThrowAsync<ExternalServiceException>(() => WeChatAdapters.PayScore(_fake, timeoutSeconds: 0.3)
            .CompleteServiceOrderAsync(new CompleteServiceOrderRequest("VP1", [new PayScoreLine("牛奶", 1, 1)], 1, DateTimeOffset.UtcNow), default));
        e.Reason.ShouldBe("timeout");
    }

    [Fact]
    public async Task nobody_listening_is_connection_refused()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var settings = WeChatAdapters.PaySettings(_fake);
        settings.BaseUrl = $"http://127.0.0.1:{port}";

        var e = await Should.ThrowAsync<ExternalServiceException>(() => WeChatAdapters.PayScore(settings).QueryServiceOrderAsync("VP1", default));
        e.Reason.ShouldBe("connection refused");
    }

    [Fact]
    public async Task a_query_that_fails_while_checking_a_repeated_complete_is_still_a_transport_failure()
    {
        _fake.Answer(WeChatCall.CompleteOrder, 400, new { code = "INVALID_ORDER_STATE", message = "订单状态不正确" });
        _fake.Answer(WeChatCall.QueryOrder, 503);
        var e = await Should.ThrowAsync<ExternalServiceException>(() => WeChatAdapters.PayScore(_fake)
            .CompleteServiceOrderAsync(new CompleteServiceOrderRequest("VP1", [new PayScoreLine("牛奶", 1, 1)], 1, DateTimeOffset.UtcNow), default));
        e.Reason.ShouldBe("HTTP 503");
    }
}
