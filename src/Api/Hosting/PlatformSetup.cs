using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Cabinets.Api.Access;
using Cabinets.Api.Operations;

namespace Cabinets.Api.Hosting;

/// <summary>What every module shares: problem details, rate limits, the operations services.</summary>
internal static class PlatformSetup
{
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        var loginPermits = builder.Configuration.GetValue("Auth:LoginPermitsPerMinute", 10);
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(AuthEndpoints.LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = loginPermits, Window = TimeSpan.FromMinutes(1) }));
        });
        return builder;
    }

    public static IServiceCollection AddOperations(this IServiceCollection services) => services
        .AddSingleton<ShadowRebuilds>()
        .AddSingleton<ProjectionStatuses>();

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }
}
