using Cabinets.Api.Commands;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Cabinets.Api.Observability;
using Cabinets.Api.Operations;

namespace Cabinets.Api.Hosting;

/// <summary>What every module shares: problem details, rate limits, the operations services.</summary>
internal static class PlatformSetup
{
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddRateLimits(RateLimitSettings.From(builder.Configuration));
        builder.AddObservability();
        return builder;
    }

    public static IServiceCollection AddOperations(this IServiceCollection services) => services
        .AddSingleton<ShadowRebuilds>()
        .AddSingleton<ProjectionStatuses>();

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseCorrelation(); // first, so that every line of the request, errors included, carries the id
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.BufferMarkedBodies(); // bodies an Idempotency-Key filter hashes after binding read them
        return app;
    }
}
