using System.Net;
using System.Text.Json;
using Alba;
using Microsoft.Extensions.Configuration;
using Cabinets.Api.Observability;

namespace Cabinets.Api.Tests.Observability;

/// <summary>Tiny limits in long windows, so that the tests reach them in a few requests and no window ends meanwhile.</summary>
public sealed class RateLimitFixture : ApiFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["RateLimits:Partner:PermitLimit"] = "2",
        ["RateLimits:Partner:WindowSeconds"] = "3600",
        ["RateLimits:LoginIp:PermitLimit"] = "3",
        ["RateLimits:LoginIp:WindowSeconds"] = "3600",
        ["RateLimits:LoginUser:PermitLimit"] = "2",
        ["RateLimits:LoginUser:WindowSeconds"] = "3600",
        ["RateLimits:App:PermitLimit"] = "2",
        ["RateLimits:App:WindowSeconds"] = "3600",
    };

    public Task<IScenarioResult> AppAsync(string token) =>
        CallAsync("192.0.2.9", s =>
        {
            s.Get.Url("/api/app/me");
            s.WithRequestHeader("Authorization", "Bearer " + token);
        });

    public async Task<IScenarioResult> CallAsync(string from, Action<Scenario> request) => await Host.Scenario(s =>
    {
        request(s);
        s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = IPAddress.Parse(from));
        s.IgnoreStatusCode();
    });

    public Task<IScenarioResult> LoginAsync(string from, string username) =>
        CallAsync(from, s => s.Post.Json(new { username, password = "not the password" }).ToUrl("/api/auth/login"));

    public Task<IScenarioResult> PartnerAsync(string partnerId) =>
        CallAsync("192.0.2.1", s =>
        {
            s.Get.Url("/api/partners/addresses");
            s.WithRequestHeader("X-Partner-Id", partnerId);
        });

    /// <summary>A 429 as the contract has it: problem+json of the given type, and a Retry-After in whole seconds.</summary>
    public static async Task ShouldBeLimitedAsync(IScenarioResult result, string type)
    {
        result.Context.Response.StatusCode.ShouldBe(StatusCodes429);
        result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        int.Parse(result.Context.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);
        var body = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        body.GetProperty("type").GetString().ShouldBe(type);
        body.GetProperty("status").GetInt32().ShouldBe(StatusCodes429);
    }

    private const int StatusCodes429 = 429;
}

/// <summary>The rate limits of the partner REST and the login: 429 problem+json with Retry-After (issue 13 §3; ADR-0027).</summary>
public sealed class RateLimitTests(RateLimitFixture api) : IClassFixture<RateLimitFixture>
{
    [Fact]
    public async Task a_partner_past_its_limit_gets_429_with_retry_after_and_other_partners_do_not()
    {
        (await api.PartnerAsync("ptn-limited")).Context.Response.StatusCode.ShouldBe(401);
        (await api.PartnerAsync("ptn-limited")).Context.Response.StatusCode.ShouldBe(401);

        await RateLimitFixture.ShouldBeLimitedAsync(await api.PartnerAsync("ptn-limited"), "https://cabinets.example/problems/rate-limited");
        (await api.PartnerAsync("ptn-other")).Context.Response.StatusCode.ShouldBe(401);
    }

    [Fact]
    public async Task one_client_ip_past_the_login_limit_gets_429_whatever_the_username()
    {
        foreach (var user in new[] { "ip-user-1", "ip-user-2", "ip-user-3" })
            (await api.LoginAsync("198.51.100.1", user)).Context.Response.StatusCode.ShouldBe(401);

        await RateLimitFixture.ShouldBeLimitedAsync(await api.LoginAsync("198.51.100.1", "ip-user-4"), RateLimits.ProblemType);
        (await api.LoginAsync("198.51.100.2", "ip-user-4")).Context.Response.StatusCode.ShouldBe(401);
    }

    [Fact]
    public async Task one_username_past_its_limit_gets_429_from_any_ip()
    {
        (await api.LoginAsync("198.51.100.11", "victim")).Context.Response.StatusCode.ShouldBe(401);
        (await api.LoginAsync("198.51.100.12", "VICTIM")).Context.Response.StatusCode.ShouldBe(401);

        await RateLimitFixture.ShouldBeLimitedAsync(await api.LoginAsync("198.51.100.13", "victim"), RateLimits.ProblemType);
        (await api.LoginAsync("198.51.100.13", "someone-else")).Context.Response.StatusCode.ShouldBe(401);
    }

    [Fact]
    public void the_per_ip_login_limit_still_reads_its_first_name()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:LoginPermitsPerMinute"] = "40",
        }).Build();
        RateLimitSettings.From(config).LoginIp.PermitLimit.ShouldBe(40);
        config["RateLimits:LoginIp:PermitLimit"] = "50";
        RateLimitSettings.From(config).LoginIp.PermitLimit.ShouldBe(50);
    }

    [Fact]
    public void a_limit_of_zero_turns_the_limit_off()
    {
        using var off = System.Threading.RateLimiting.PartitionedRateLimiter.Create<string, string>(new RateLimit(0, TimeSpan.FromMinutes(1)).Partition);
        Enumerable.Range(0, 1000).ShouldAllBe(_ => off.AttemptAcquire("someone", 1).IsAcquired);
        using var on = System.Threading.RateLimiting.PartitionedRateLimiter.Create<string, string>(new RateLimit(3, TimeSpan.FromHours(1)).Partition);
        Enumerable.Range(0, 5).Count(_ => on.AttemptAcquire("someone", 1).IsAcquired).ShouldBe(3);
    }

    [Fact]
    public void the_defaults_are_generous()
    {
        var defaults = RateLimitSettings.From(new ConfigurationBuilder().Build());
        defaults.Partner.ShouldBe(new RateLimit(1200, TimeSpan.FromMinutes(1)));
        defaults.LoginIp.ShouldBe(new RateLimit(10, TimeSpan.FromMinutes(1)));
        defaults.LoginUser.ShouldBe(new RateLimit(120, TimeSpan.FromMinutes(1)));
        defaults.App.ShouldBe(new RateLimit(600, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task a_mini_program_token_past_its_limit_gets_429_and_another_token_from_the_same_address_does_not()
    {
        (await api.AppAsync("token-a")).Context.Response.StatusCode.ShouldBe(401);
        (await api.AppAsync("token-a")).Context.Response.StatusCode.ShouldBe(401);
        await RateLimitFixture.ShouldBeLimitedAsync(await api.AppAsync("token-a"), RateLimits.ProblemType);
        (await api.AppAsync("token-b")).Context.Response.StatusCode.ShouldBe(401);
    }
}
