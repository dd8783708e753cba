using System.Threading.RateLimiting;
using Cabinets.Api.Access;
using Cabinets.Messaging.Hosting;
using Cabinets.Messaging.Schema;

namespace Cabinets.Api.Hosting;

/// <summary>What every module shares: problem details, rate limits, the pipeline and the outbox dispatcher.</summary>
internal static class PlatformSetup
{
    public static MessagingBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(MessagingSchema.Module);
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(AuthEndpoints.LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) }));
        });
        return builder.Services.AddMessaging().AddDispatcherService();
    }

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
