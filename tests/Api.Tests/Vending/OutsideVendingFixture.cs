using System.Text.Json;
using Cabinets.Api.Tests.Vending.Fakes;

namespace Cabinets.Api.Tests.Vending;

/// <summary>
/// VENDING.md §5's fixture with the real HTTP adapters against fake outside servers started here: a
/// <see cref="FakeWeChat"/> (pay-score, refunds, the mini-program: every login code maps to an openid
/// and a phone) and a <see cref="FakeVendorAndErp"/>. The outside retry schedule is cut from 15 s, 30 s,
/// 60 s to 0.3 s, 0.6 s, 1.2 s (`Wolverine:ExternalRetrySeconds`), so a failing call gives up in
/// about two seconds instead of 105.
/// </summary>
public sealed class OutsideVendingFixture : VendingFixture
{
    public static readonly TimeSpan[] RetryCooldowns = [TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(0.6), TimeSpan.FromSeconds(1.2)];

    public FakeWeChat WeChat { get; } = FakeWeChat.Start();

    public FakeVendorAndErp Outside { get; } = FakeVendorAndErp.Start();

    protected override IReadOnlyDictionary<string, string> OutsideSettings => new Dictionary<string, string>(WeChat.Settings())
        .Concat(Outside.Settings())
        .Append(new("Wolverine:ExternalRetrySeconds", string.Join(',', RetryCooldowns.Select(c => c.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)))))
        .ToDictionary();

    protected override void BeforeLogin(string code, string phoneCode)
    {
        WeChat.MapOpenId(code, OpenIdOf(code));
        WeChat.MapPhone(phoneCode, "1380013" + Random.Shared.Next(1000, 9999));
    }

    public static string OpenIdOf(string code) => "o-" + code;

    /// <summary>A user whom WeChat told us authorized pay-score (`PAYSCORE.USER_OPEN_SERVICE` through the real callback).</summary>
    public async Task<AppUser> PayScoreUserAsync(long tickets)
    {
        var user = await UserAsync(tickets);
        var notified = await WeChat.NotifyAsync(Http(), "PAYSCORE.USER_OPEN_SERVICE", new
        {
            appid = FakeWeChat.AppId, mchid = FakeWeChat.MchId, service_id = FakeWeChat.ServiceId, openid = OpenIdOf(user.Code),
            user_service_status = "USER_OPEN_SERVICE", openorclose_time = FakeWeChat.Compact(DateTimeOffset.UtcNow), authorization_code = "AC-" + user.UserId,
        });
        notified.IsSuccessStatusCode.ShouldBeTrue(await notified.Content.ReadAsStringAsync());
        (await user.GetAsync("/api/app/me")).GetProperty("payScoreAuthorized").GetBoolean().ShouldBeTrue();
        return user;
    }

    /// <summary>Wolverine's bus, as a handler would publish or invoke (the way a test stands in for the schedule).</summary>
    public Wolverine.IMessageBus Bus() => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Wolverine.IMessageBus>(
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(Services).ServiceProvider);

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> (an outbox message or a callback is on its way); the last value.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var value = await read();
        for (var i = 0; i < 600 && !done(value); i++)
        {
            await Task.Delay(25);
            value = await read();
        }
        done(value).ShouldBeTrue($"{what}: {value}");
        return value;
    }

    public static Task<JsonElement> OrderAsync(AppUser user, string orderNo, Func<JsonElement, bool> done, string what) =>
        EventuallyAsync(async () => await user.GetAsync($"/api/app/orders/{orderNo}"), done, what);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await WeChat.DisposeAsync();
        await Outside.DisposeAsync();
    }
}
