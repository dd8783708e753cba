using System.Security.Cryptography;
using System.Text.Json;
using Cabinets.Api.Tests.Vending.Fakes;
using Cabinets.Api.Vending.Ports;
using Cabinets.Api.Vending.Ports.WeChat;

namespace Cabinets.Api.Tests.Vending.Ports.WeChat;

/// <summary>The pay-score and refund adapter against a real fake WeChat: the requests of VENDING.md §4.3, signed, and what each answer means.</summary>
public sealed class HttpWeChatPayScoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 2, 10, 0, TimeSpan.Zero); // 10:10 in Shanghai
    private FakeWeChat _fake = null!;

    public Task InitializeAsync()
    {
        _fake = FakeWeChat.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private static CreateServiceOrderRequest Create(string no, long risk = 20000) => new(no, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", "儿童门店S001", risk, At);

    private static CompleteServiceOrderRequest Complete(string no, long total = 2500) =>
        new(no, [new PayScoreLine("牛奶", total, 2)], total, At.AddMinutes(2));

    [Fact]
    public async Task create_sends_the_spec_body_with_the_settings_ids_and_a_signature_the_merchant_public_key_verifies()
    {
        var no = WeChatAdapters.No("VP");
        await WeChatAdapters.PayScore(_fake).CreateServiceOrderAsync(Create(no), default);

        var request = _fake.RequestsFor(WeChatCall.CreateOrder).ShouldHaveSingleItem();
        request.SignatureValid.ShouldBeTrue();
        request.Headers["Authorization"].ShouldStartWith($"WECHATPAY2-SHA256-RSA2048 mchid=\"{FakeWeChat.MchId}\",nonce_str=\"");
        request.Headers["Authorization"].ShouldContain($"serial_no=\"{FakeWeChat.MerchantSerialNo}\"");
        request.Headers["Accept"].ShouldBe("application/json");
        request.Headers["Content-Type"].ShouldStartWith("application/json");
        var body = request.Body!.Value;
        body.GetProperty("out_order_no").GetString().ShouldBe(no);
        body.GetProperty("appid").GetString().ShouldBe(FakeWeChat.AppId);
        body.GetProperty("service_id").GetString().ShouldBe(FakeWeChat.ServiceId);
        body.GetProperty("service_introduction").GetString().ShouldBe("儿童门店S001");
        body.GetProperty("time_range").GetProperty("start_time").GetString().ShouldBe("20261121101000");
        body.GetProperty("risk_fund").GetProperty("name").GetString().ShouldBe("ESTIMATE_ORDER_COST");
        body.GetProperty("risk_fund").GetProperty("amount").GetInt64().ShouldBe(20000);
        body.GetProperty("notify_url").GetString().ShouldBe("https://cabinets.example/api/callbacks/wechatpay");
        body.GetProperty("openid").GetString().ShouldBe("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        body.GetProperty("need_user_confirm").GetBoolean().ShouldBeFalse();
        request.RawBody.ShouldContain("儿童门店"); // sent as UTF-8 itself, the bytes signed
    }

    [Fact]
    public async Task a_request_signed_with_another_merchant_key_is_refused_by_wechat()
    {
        var strangerPem = Path.Combine(Path.GetTempPath(), $"stranger-{Guid.NewGuid():N}.pem");
        using (var stranger = RSA.Create(2048)) await File.WriteAllTextAsync(strangerPem, stranger.ExportPkcs8PrivateKeyPem());
        var settings = WeChatAdapters.PaySettings(_fake);
        settings.MerchantPrivateKeyPath = strangerPem;

        var e = await Should.ThrowAsync<ExternalRejectedException>(() => WeChatAdapters.PayScore(settings).CreateServiceOrderAsync(Create(WeChatAdapters.No("VP")), default));
        e.Code.ShouldBe("SIGN_ERROR");
        _fake.RequestsFor(WeChatCall.CreateOrder).ShouldHaveSingleItem().SignatureValid.ShouldBeFalse();
        File.Delete(strangerPem);
    }

    [Fact]
    public async Task a_repeated_create_with_the_same_parameters_is_a_success_and_with_other_parameters_a_rejection()
    {
        var adapter = WeChatAdapters.PayScore(_fake);
        var no = WeChatAdapters.No("VP");
        await adapter.CreateServiceOrderAsync(Create(no), default);
        await adapter.CreateServiceOrderAsync(Create(no), default);
        _fake.RequestsFor(WeChatCall.CreateOrder).Select(r => r.AnsweredWith).ShouldBe([200, 400]);

        var e = await Should.ThrowAsync<ExternalRejectedException>(() => adapter.CreateServiceOrderAsync(Create(no, risk: 100), default));
        e.Code.ShouldBe("INVALID_REQUEST");
    }

    [Fact]
    public async Task complete_sends_one_post_payment_per_line_names_cut_to_20_and_a_count_over_100_as_1()
    {
        var adapter = WeChatAdapters.PayScore(_fake);
        var no = WeChatAdapters.No("VP");
        await adapter.CreateServiceOrderAsync(Create(no), default);
        var longName = new string('奶', 25);
        await adapter.CompleteServiceOrderAsync(new CompleteServiceOrderRequest(no,
            [new PayScoreLine("牛奶", 2500, 2), new PayScoreLine(longName, 1010, 101)], 3510, At.AddMinutes(2)), default);

        var request = _fake.RequestsTo($"/v3/payscore/serviceorder/{no}/complete").ShouldHaveSingleItem();
        request.SignatureValid.ShouldBeTrue();
        var body = request.Body!.Value;
        body.GetProperty("appid").GetString().ShouldBe(FakeWeChat.AppId);
        body.GetProperty("service_id").GetString().ShouldBe(FakeWeChat.ServiceId);
        body.GetProperty("total_amount").GetInt64().ShouldBe(3510);
        body.GetProperty("time_range").GetProperty("end_time").GetString().ShouldBe("20261121101200");
        var lines = body.GetProperty("post_payments").EnumerateArray().Select(l => (l.GetProperty("name").GetString(), l.GetProperty("amount").GetInt64(), l.GetProperty("count").GetInt32())).ToList();
        lines.ShouldBe([("牛奶", 2500L, 2), (new string('奶', 20), 1010L, 1)]);
    }

    [Fact]
    public async Task a_repeated_complete_is_a_success_when_the_query_shows_it_completed_with_the_same_total()
    {
        var adapter = WeChatAdapters.PayScore(_fake);
        var no = WeChatAdapters.No("VP");
        await adapter.CreateServiceOrderAsync(Create(no), default);
        await adapter.CompleteServiceOrderAsync(Complete(no), default);

        await adapter.CompleteServiceOrderAsync(Complete(no), default);
        _fake.RequestsTo($"/v3/payscore/serviceorder/{no}/complete").Select(r => r.AnsweredWith).ShouldBe([200, 400]);
        _fake.RequestsFor(WeChatCall.QueryOrder).ShouldHaveSingleItem().Query("out_order_no").ShouldBe(no);

        var e = await Should.ThrowAsync<ExternalRejectedException>(() => adapter.CompleteServiceOrderAsync(Complete(no, total: 2600), default));
        e.Code.ShouldBe("INVALID_ORDER_STATE");
    }

    [Fact]
    public async Task completing_a_cancelled_order_is_a_rejection()
    {
        var adapter = WeChatAdapters.PayScore(_fake);
        var no = WeChatAdapters.No("VP");
        await adapter.CreateServiceOrderAsync(Create(no), default);
        await adapter.CancelServiceOrderAsync(no, "未产生消费", default);

        (await Should.ThrowAsync<ExternalRejectedException>(() => adapter.CompleteServiceOrderAsync(Complete(no), default))).Code.ShouldBe("INVALID_ORDER_STATE");
    }

    [Fact]
    public async Task cancelling_an_order_already_cancelled_or_expired_is_a_success_but_a_completed_one_is_rejected()
    {
        var adapter = WeChatAdapters.PayScore(_fake);
        var cancelled = WeChatAdapters.No("VP");
        await adapter.CreateServiceOrderAsync(Create(cancelled), default);
        await adapter.CancelServiceOrderAsync(cancelled, "未产生消费", default);
        await adapter.CancelServiceOrderAsync(cancelled, "未产生消费", default);
        var cancels = _fake.RequestsTo($"/v3/payscore/serviceorder/{cancelled}/cancel");
        cancels.Select(r => r.AnsweredWith).ShouldBe([200, 400]);
        cancels[0].Body!.Value.GetProperty("reason").GetString().ShouldBe("未产生消费");
        cancels[0].Body!.Value.GetProperty("appid").GetString().ShouldBe(FakeWeChat.AppId);

        var expired = WeChatAdapters.No("VP");
        await adapter.CreateServiceOrderAsync(Create(expired), default);
        _fake.SetOrder(expired, o => o with { State = "EXPIRED" });
        await adapter.CancelServiceOrderAsync(expired, "未产生消费", default);

        var completed = WeChatAdapters.No("VP");
        await adapter.CreateServiceOrderAsync(Create(completed), default);
        await adapter.CompleteServiceOrderAsync(Complete(completed), default);
        (await Should.ThrowAsync<ExternalRejectedException>(() => adapter.CancelServiceOrderAsync(completed, "未产生消费", default))).Code.ShouldBe("INVALID_ORDER_STATE");
    }

    [Fact]
    public async Task modify_sends_the_new_lines_total_and_reason()
    {
        var adapter = WeChatAdapters.PayScore(_fake);
        var no = WeChatAdapters.No("VP");
        await adapter.CreateServiceOrderAsync(Create(no), default);
        await adapter.CompleteServiceOrderAsync(Complete(no), default);
        await adapter.ModifyServiceOrderAsync(new ModifyServiceOrderRequest(no, [new PayScoreLine("牛奶", 1250, 1)], 1250), default);

        var body = _fake.RequestsTo($"/v3/payscore/serviceorder/{no}/modify").ShouldHaveSingleItem().Body!.Value;
        body.GetProperty("total_amount").GetInt64().ShouldBe(1250);
        body.GetProperty("reason").GetString().ShouldBe("订单修正");
        body.GetProperty("post_payments")[0].GetProperty("count").GetInt32().ShouldBe(1);
        _fake.Order(no)!.TotalAmount.ShouldBe(1250);
    }

    [Fact]
    public async Task the_query_is_signed_over_its_query_string_and_reads_the_collection_and_its_newest_detail()
    {
        var adapter = WeChatAdapters.PayScore(_fake);
        var no = WeChatAdapters.No("VP");
        await adapter.CreateServiceOrderAsync(Create(no), default);
        await adapter.CompleteServiceOrderAsync(Complete(no), default);

        var paying = await adapter.QueryServiceOrderAsync(no, default);
        paying.ShouldBe(new ServiceOrderStatus("DOING", "USER_PAYING", 2500, 0, null, null));

        _fake.SetOrder(no, o => o with { State = "DONE", CollectionState = "USER_PAID", PaidAmount = 2500, TransactionId = "TX3", PaidTime = "20261121101500" });
        var paid = await adapter.QueryServiceOrderAsync(no, default);
        paid.ShouldBe(new ServiceOrderStatus("DONE", "USER_PAID", 2500, 2500, "TX3", new DateTimeOffset(2026, 11, 21, 2, 15, 0, TimeSpan.Zero)));

        var query = _fake.RequestsFor(WeChatCall.QueryOrder)[0];
        query.SignatureValid.ShouldBeTrue();
        (query.Query("out_order_no"), query.Query("service_id"), query.Query("appid")).ShouldBe((no, FakeWeChat.ServiceId, FakeWeChat.AppId));
    }

    [Theory]
    [InlineData("SUCCESS")]
    [InlineData("PROCESSING")]
    public async Task a_refund_sends_the_spec_body_and_gives_wechats_status(string status)
    {
        _fake.RefundStatus = status;
        var outRefundNo = WeChatAdapters.No("VR");
        var answer = await WeChatAdapters.PayScore(_fake).RefundAsync(new WeChatRefundRequest("TX4", outRefundNo, 600, 950, "订单修正退款"), default);

        answer.Status.ShouldBe(status);
        answer.RefundId.ShouldNotBeNullOrEmpty();
        (answer.SuccessTime is not null).ShouldBe(status == "SUCCESS");
        var body = _fake.RequestsFor(WeChatCall.Refund).ShouldHaveSingleItem().Body!.Value;
        body.GetProperty("transaction_id").GetString().ShouldBe("TX4");
        body.GetProperty("out_refund_no").GetString().ShouldBe(outRefundNo);
        body.GetProperty("reason").GetString().ShouldBe("订单修正退款");
        body.GetProperty("notify_url").GetString().ShouldBe("https://cabinets.example/api/callbacks/wechatpay");
        JsonSerializer.Serialize(body.GetProperty("amount")).ShouldBe("""{"refund":600,"total":950,"currency":"CNY"}""");
    }

    [Fact]
    public async Task a_permission_request_gives_the_apply_permissions_token()
    {
        var token = await WeChatAdapters.PayScore(_fake).RequestPermissionAsync("VA0001", default);
        token.ShouldBe("APT-VA0001");
        var body = _fake.RequestsFor(WeChatCall.Permissions).ShouldHaveSingleItem().Body!.Value;
        body.GetProperty("service_id").GetString().ShouldBe(FakeWeChat.ServiceId);
        body.GetProperty("appid").GetString().ShouldBe(FakeWeChat.AppId);
        body.GetProperty("notify_url").GetString().ShouldBe("https://cabinets.example/api/callbacks/wechatpay");
    }

    [Fact]
    public void the_pay_again_extra_data_is_signed_with_the_api_key_the_v2_way()
    {
        var data = WeChatAdapters.PayScore(_fake).PayScoreDetailExtraData("VP123", At);

        data.Keys.Order().ShouldBe(["mch_id", "nonce_str", "out_order_no", "service_id", "sign", "sign_type", "timestamp"]);
        (data["mch_id"], data["service_id"], data["out_order_no"], data["sign_type"], data["timestamp"])
            .ShouldBe((FakeWeChat.MchId, FakeWeChat.ServiceId, "VP123", "HMAC-SHA256", At.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var text = $"mch_id={FakeWeChat.MchId}&nonce_str={data["nonce_str"]}&out_order_no=VP123&service_id={FakeWeChat.ServiceId}&sign_type=HMAC-SHA256&timestamp={data["timestamp"]}&key={_fake.ApiKey}";
        var expected = Convert.ToHexString(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(_fake.ApiKey), System.Text.Encoding.UTF8.GetBytes(text)));
        data["sign"].ShouldBe(expected);
    }
}
