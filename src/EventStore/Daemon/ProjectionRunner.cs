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
        Task<CommittedBatch>? prefetch = null;
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

                var batch = prefetch is not null ? await prefetch : await ReadAsync(checkpoint.Position, ct);
                prefetch = null;
                if (batch.Frontier <= checkpoint.Position)
                {
                    await IdleAsync(ct);
                    continue;
                }
                // Catching up: read the next batch while this one is applied (reading changes
                // nothing, and its apply is fenced on this batch's frontier like any other).
                if (batch.Full) prefetch = ReadAsync(batch.Frontier, ct);

                var (outcome, position) = await _applier.ApplyAsync(checkpoint.Position, batch, ct);
                if (outcome == ApplyOutcome.Applied) checkpoint = checkpoint with { Position = position };
                else
                {
                    if (outcome == ApplyOutcome.Moved) DaemonLog.CheckpointMoved(rt.Logger, Name);
                    checkpoint = null;
                    prefetch = Discard(prefetch);
                }
                attempt = 0;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // Our own SQL failed (connection lost, deadlock with a rebuild swap...): nothing
                // was committed half-way, so retrying from the stored checkpoint is always safe.
                var delay = rt.Backoff(++attempt);
                DaemonLog.Transient(rt.Logger, Name, attempt, delay, e);
                (checkpoint, prefetch) = (null, Discard(prefetch));
                await rt.Delay(delay, ct);
            }
        }
        _ = Discard(prefetch);
    }

    private Task<CommittedBatch> ReadAsync(Events.EventPosition after, CancellationToken ct) =>
        _reader.ReadAsync(rt.DataSource, after, rt.Options.BatchSize, Positions.End, ct);

    private static Task<CommittedBatch>? Discard(Task<CommittedBatch>? prefetch)
    {
        // observe its outcome, so that a failed read-ahead is not an unobserved task exception
        _ = prefetch?.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return null;
    }

    private async Task IdleAsync(CancellationToken ct) => await _wake.WaitAsync(rt.Options.PollInterval, ct);
}
