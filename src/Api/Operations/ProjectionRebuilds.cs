using Cabinets.EventStore.Daemon;

namespace Cabinets.Api.Operations;

/// <summary>Runs admin-requested rebuilds in the background; progress shows in the `projections` query.</summary>
internal sealed partial class ProjectionRebuilds(ProjectionDaemon daemon, IHostApplicationLifetime lifetime, ILogger<ProjectionRebuilds> log)
{
    public void Start(string projection) => _ = Task.Run(async () =>
    {
        try
        {
            await daemon.RebuildAsync(projection, ct: lifetime.ApplicationStopping);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(log, projection, e);
        }
    });

    [LoggerMessage(Level = LogLevel.Error, Message = "Rebuild of {Projection} failed")]
    private static partial void LogFailed(ILogger logger, string projection, Exception exception);
}
