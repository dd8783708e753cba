using Cabinets.EventStore.Daemon;

namespace Cabinets.Api.Hosting;

/// <summary>Every Api process runs the async daemon; leases spread the projections across processes (ADR-0003).</summary>
internal sealed class ProjectionDaemonService(ProjectionDaemon daemon) : IHostedService
{
    public ProjectionDaemon Daemon => daemon;

    public Task StartAsync(CancellationToken cancellationToken) => daemon.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => daemon.StopAsync();
}
