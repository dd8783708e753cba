using System.Text.Json;
using Cabinets.Api.Tests.Access;
using Cabinets.Api.Tests.GraphQL;
using Cabinets.Api.Tests.Vending.Fakes;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using static Cabinets.Api.Tests.Vending.OutsideVendingFixture;
using static Cabinets.Api.Tests.Vending.VendingScenarioTests;

namespace Cabinets.Api.Tests.Vending;

/// <summary>VENDING.md §5 over the fake outside servers: what the WeChat and the vendor/ERP scenario classes share.</summary>
public abstract class OutsideScenarios(OutsideVendingFixture api)
{
    protected OutsideVendingFixture Api => api;

    protected FakeWeChat WeChat => api.WeChat;

    protected FakeVendorAndErp Outside => api.Outside;

    protected HttpClient? _admin;

    /// <summary>The admin console, signed in once per test (sign-ins are rate-limited).</summary>
    protected async Task<HttpClient> AdminAsync() => _admin ??= await api.AdminAsync();

    protected static bool IsFor(FakeWeChat.Request create, AppUser user) => create.Body?.GetProperty("openid").GetString() == OpenIdOf(user.Code);

    /// <summary>The user's latest service order create WeChat received.</summary>
    protected FakeWeChat.Request CreateFor(AppUser user) => WeChat.RequestsFor(WeChatCall.CreateOrder).Last(r => IsFor(r, user));

    protected static string OutOrderNo(FakeWeChat.Request create) => create.Body!.Value.GetProperty("out_order_no").GetString()!;

    protected async Task<JsonElement> ConsoleOrderAsync(string orderNo)
    {
        var admin = await AdminAsync();
        return (await admin.PostGraphQLAsync("""
            query($no: String!) { vendingOrder(orderNo: $no) {
              paymentStatus failureReason wxPaymentAmount ticketPaymentAmount ticketsPaid paidAt refundedAmount
              items { productCode unitPrice amount knownProduct } refunds { method amount status wechatRefundId } } }
            """, new { no = orderNo })).Ok().GetProperty("vendingOrder");
    }

    protected const string CorrectOrder = """
        mutation($input: CorrectOrderInput!) { correctOrder(input: $input) { settlement delta refunds { refundNo method amount status } } }
        """;

    protected Task<(string OrderNo, string OutOrderNo)> WeChatPurchaseAsync(AppUser user, long total, params (string Code, string Name, int Quantity, long Price)[] items) =>
        WeChatPurchaseAsync(user, "D001", total, items);

    protected async Task<(string OrderNo, string OutOrderNo)> WeChatPurchaseAsync(AppUser user, string device, long total, params (string Code, string Name, int Quantity, long Price)[] items)
    {
        var sessionNo = await user.OpenDoorAsync($"vending:device:{device}", "WECHAT");
        var outOrderNo = OutOrderNo(CreateFor(user));
        var orderNo = await api.PushOrderAsync(Push(Wheat(), sessionNo, device, total, items), "RECORDED");
        await EventuallyAsync(() => Task.FromResult(WeChat.RequestsTo($"/v3/payscore/serviceorder/{outOrderNo}/complete")), r => r.Count > 0, "the complete of " + outOrderNo);
        return (orderNo, outOrderNo);
    }
}
