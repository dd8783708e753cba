using Cabinets.EventStore.Events;
using Cabinets.EventStore.Projections;
using Npgsql;

namespace Cabinets.EventStore.Daemon;

internal enum ApplyOutcome
{
    Applied,

    /// <summary>The checkpoint was not where this runner left it (another owner, a skip, a park): reload.</summary>
    Moved,

    Parked,
}

/// <summary>
/// Applies a batch and moves the checkpoint in ONE transaction, so rows and checkpoint commit or
/// vanish together and no event is applied twice (STYLE §5, ADR-0003). A handler that throws
/// parks the projection at the exact event that failed: never a silent skip.
/// </summary>
internal sealed class BatchApplier(IProjection projection, DaemonRuntime rt)
{
    public async Task<(ApplyOutcome Outcome, EventPosition Position)> ApplyAsync(EventPosition from, CommittedBatch batch, CancellationToken ct)
    {
        try
        {
            return await ApplyOnceAsync(from, batch.Events, batch.Frontier, ct)
                ? (ApplyOutcome.Applied, batch.Frontier)
                : (ApplyOutcome.Moved, from);
        }
        catch (HandlerFailedException)
        {
            // The batch rolled back as a whole; replay it one event per transaction to find the
            // culprit, so the checkpoint stops right before it and its position is exact.
            var at = from;
            foreach (var e in batch.Events)
            {
                try
                {
                    if (!await ApplyOnceAsync(at, [e], e.Position, ct)) return (ApplyOutcome.Moved, at);
                    at = e.Position;
                }
                catch (HandlerFailedException failure)
                {
                    DaemonLog.Parked(rt.Logger, projection.Name, at, e.Position, failure.InnerException!);
                    var parked = await Checkpoints.ParkAsync(rt.DataSource, projection.Name, at, e.Position, Describe(failure.InnerException!), ct);
                    return (parked ? ApplyOutcome.Parked : ApplyOutcome.Moved, at);
                }
            }
            // every event applied on its own (the batch failed on their combination): finish the frontier
            return await ApplyOnceAsync(at, [], batch.Frontier, ct) ? (ApplyOutcome.Applied, batch.Frontier) : (ApplyOutcome.Moved, at);
        }
    }

    private async Task<bool> ApplyOnceAsync(EventPosition from, IReadOnlyList<StoredEvent> events, EventPosition to, CancellationToken ct)
    {
        await using var conn = await rt.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await Checkpoints.LockAtAsync(conn, tx, projection.Name, from, ct)) return false;
        if (events.Count > 0)
        {
            try
            {
                await projection.ApplyAsync(new ProjectionContext(conn, tx, ProjectionContext.LiveSchema), events, ct);
            }
            catch (Exception e) when (IsHandlerFailure(e, ct))
            {
                throw new HandlerFailedException(e);
            }
        }
        if (!await Checkpoints.AdvanceAsync(conn, tx, projection.Name, from, to, ct)) return false;
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Outages and lock conflicts are retried by the runner; everything else is the handler's fault.</summary>
    private static bool IsHandlerFailure(Exception e, CancellationToken ct) =>
        !ct.IsCancellationRequested && e is not OperationCanceledException && e is not NpgsqlException { IsTransient: true };

    private static string Describe(Exception e)
    {
        var text = $"{e.GetType().FullName}: {e.Message}";
        return text.Length <= 4000 ? text : text[..4000];
    }

    private sealed class HandlerFailedException(Exception inner) : Exception(inner.Message, inner);
}
