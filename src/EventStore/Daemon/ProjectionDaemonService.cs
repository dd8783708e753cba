using Cabinets.EventStore.Projections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cabinets.EventStore.Daemon;

public static class ProjectionDaemonServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ProjectionDaemon"/> as a singleton (inject it for status, retry, skip and
    /// rebuild endpoints) over the registered <see cref="PostgresEventStore"/> and every registered
    /// <see cref="IProjection"/>, and runs it for the life of the host. Schema migrations must
    /// run before hosted services start.
    /// </summary>
    public static IServiceCollection AddProjectionDaemon(this IServiceCollection services, Action<ProjectionDaemonOptions>? configure = null)
    {
        services.AddSingleton(sp =>
        {
            var options = new ProjectionDaemonOptions();
            configure?.Invoke(options);
            return new ProjectionDaemon(sp.GetRequiredService<PostgresEventStore>(), sp.GetServices<IProjection>(), options,
                sp.GetService<ILogger<ProjectionDaemon>>(), sp.GetService<TimeProvider>());
        });
        services.AddHostedService<ProjectionDaemonService>();
        return services;
    }
}

/// <summary>Starts the daemon (retrying while the database is unreachable) and stops it gracefully with the host.</summary>
internal sealed partial class ProjectionDaemonService(ProjectionDaemon daemon, ILogger<ProjectionDaemonService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await daemon.StartAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(30, attempt * 2));
                StartFailed(logger, attempt, delay, e);
                await Task.Delay(delay, stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await daemon.StopAsync();
    }

    [LoggerMessage(3020, LogLevel.Warning, "Projection daemon could not start (attempt {Attempt}); retrying in {Delay}")]
    private static partial void StartFailed(ILogger logger, int attempt, TimeSpan delay, Exception exception);
}
