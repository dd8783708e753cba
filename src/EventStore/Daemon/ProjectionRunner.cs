using Cabinets.EventStore.Projections;

namespace Cabinets.EventStore.Daemon;

/// <summary>
/// Runs one async projection while this node holds its lock: read below the xmin horizon outside
/// any transaction, then apply and checkpoint in one (ADR-0003). Transient failures back off and
/// retry from the checkpoint; handler failures park it until an operator retries or skips.
/// </summary>
internal sealed class ProjectionRunner(IProjection projection, DaemonRuntime rt)
{
    private readonly CommittedReader _reader = new(projection.EventTypes, rt.Types);
    private readonly BatchApplier _applier = new(projection, rt);
    private readonly SemaphoreSlim _wake = new(0, 1);

    public string Name => projection.Name;

    /// <summary>Cuts an idle wait short (a retry from this process).</summary>
    public void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0) _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // already signalled
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        CheckpointRow? checkpoint = null;
        var attempt = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                checkpoint ??= await Checkpoints.LoadAsync(rt.DataSource, Name, ct)
                    ?? throw new InvalidOperationException($"projection '{Name}' has no checkpoint row");
                if (checkpoint.State == ProjectionState.Parked)
                {
                    await IdleAsync(ct);
                    checkpoint = null; // a retry or skip may come from any process
                    continue;
                }

                var batch = await _reader.ReadAsync(rt.DataSource, checkpoint.Position, rt.Options.BatchSize, Positions.End, ct);
                if (batch.Frontier <= checkpoint.Position)
                {
                    await IdleAsync(ct);
                    continue;
                }

                var (outcome, position) = await _applier.ApplyAsync(checkpoint.Position, batch, ct);
                if (outcome == ApplyOutcome.Applied) checkpoint = checkpoint with { Position = position };
                else
                {
                    if (outcome == ApplyOutcome.Moved) DaemonLog.CheckpointMoved(rt.Logger, Name);
                    checkpoint = null;
                }
                attempt = 0;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // Our own SQL failed (connection lost, deadlock with a rebuild swap...): nothing
                // was committed half-way, so retrying from the stored checkpoint is always safe.
                var delay = rt.Backoff(++attempt);
                DaemonLog.Transient(rt.Logger, Name, attempt, delay, e);
                checkpoint = null;
                await rt.Delay(delay, ct);
            }
        }
    }

    private async Task IdleAsync(CancellationToken ct) => await _wake.WaitAsync(rt.Options.PollInterval, ct);
}
