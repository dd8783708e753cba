using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Cabinets.Api.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Cabinets.Api.Tests.Observability;

/// <summary>
/// The `app` policy, ready for the mini-program's `/api/app/...` that the Api does not serve yet
/// (ADR-0027): on a bare host with one such endpoint, since no real one exists to put it on.
/// </summary>
public sealed class AppRateLimitTests : IAsyncLifetime
{
    private WebApplication app = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var off = new RateLimit(0, TimeSpan.FromMinutes(1));
        builder.Services.AddRateLimits(new RateLimitSettings(off, off, off, new RateLimit(2, TimeSpan.FromHours(1))));
        app = builder.Build();
        app.Use((http, next) => // stands in for the user token the mini-program will sign in with
        {
            if (http.Request.Headers["X-Test-User"] is [{ } user])
                http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], "test"));
            return next(http);
        });
        app.UseRateLimiter();
        app.MapGet("/api/app/ping", () => "pong").RequireRateLimiting(RateLimits.AppPolicy);
        await app.StartAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<HttpResponseMessage> PingAsync(string user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/app/ping") { Headers = { { "X-Test-User", user } } };
        return await app.GetTestClient().SendAsync(request);
    }

    [Fact]
    public async Task a_signed_in_user_past_the_app_limit_gets_429_with_retry_after_and_other_users_do_not()
    {
        (await PingAsync("openid-a")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PingAsync("openid-a")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var limited = await PingAsync("openid-a");
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeGreaterThanOrEqualTo(1);
        JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString().ShouldBe(RateLimits.ProblemType);
        (await PingAsync("openid-b")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
