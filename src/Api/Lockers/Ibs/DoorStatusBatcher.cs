using System.Threading.Channels;
using Cabinets.Api.Commands;
using Cabinets.Api.Lockers.Handlers;
using Cabinets.Domain.Lockers.Cabinets;

namespace Cabinets.Api.Lockers.Ibs;

/// <summary>Batching of the firmware's door reports: lanes and the most reports one transaction takes.</summary>
public sealed record DoorStatusBatching(int Lanes, int MaxBatch);

/// <summary>
/// Gathers the door reports that arrive while the previous transaction commits and sends them as
/// one <see cref="ReportDoorStatusBatch"/> (ADR-0018). A bank always goes to the same lane, so two
/// lanes never race for one stream; each caller still gets its own outcome. When a batch fails
/// (a conflict with a writer outside the lanes, or any error), each of its reports is sent again on
/// its own through the single-report handler, so one bad report cannot sink the others.
/// </summary>
public sealed class DoorStatusBatcher(CommandSender commands, DoorStatusBatching settings, ILogger<DoorStatusBatcher> log) : IHostedService
{
    private sealed record Pending(BatchedDoorReport Report, TaskCompletionSource<CommandOutcome> Done);

    private readonly Channel<Pending>[] lanes = Enumerable.Range(0, Math.Max(1, settings.Lanes))
        .Select(_ => Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true })).ToArray();
    private Task[] loops = [];
    private long batchedReports;

    /// <summary>Reports that were decided inside a batch of two or more (and committed with it).</summary>
    public long BatchedReports => Interlocked.Read(ref batchedReports);

    public Task<CommandOutcome> SendAsync(ReportDoorStatus command, CommandContext context)
    {
        var pending = new Pending(new BatchedDoorReport(command, context, Guid.NewGuid().ToString()),
            new TaskCompletionSource<CommandOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        var lane = lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(command.SerialNumber) % (uint)lanes.Length)];
        if (!lane.Writer.TryWrite(pending)) return commands.SendAsync(command, context); // stopping: the lane is closed
        return pending.Done.Task;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        loops = lanes.Select(lane => Task.Run(() => RunLaneAsync(lane.Reader))).ToArray();
        return Task.CompletedTask;
    }

    /// <summary>Closes the lanes and waits until every report already accepted has its outcome.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var lane in lanes) lane.Writer.TryComplete();
        await Task.WhenAll(loops).WaitAsync(cancellationToken);
    }

    private async Task RunLaneAsync(ChannelReader<Pending> reader)
    {
        var batch = new List<Pending>(settings.MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < settings.MaxBatch && reader.TryRead(out var next)) batch.Add(next);
            if (batch.Count == 1) await SendOneAsync(batch[0]);
            else await SendBatchAsync(batch);
        }
    }

    private async Task SendBatchAsync(List<Pending> batch)
    {
        ReportDoorStatusBatchOutcome result;
        try
        {
            result = await commands.InvokeAsync<ReportDoorStatusBatchOutcome>(
                new ReportDoorStatusBatch(batch.Select(p => p.Report).ToList()), new CommandContext(Actor.System));
        }
        catch (Exception e)
        {
            log.LogWarning("A batch of {Count} door reports failed ({Error}); sending each on its own", batch.Count, e.GetType().Name);
            foreach (var pending in batch) await SendOneAsync(pending);
            return;
        }
        Interlocked.Add(ref batchedReports, batch.Count);
        for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(result.Outcomes[i]);
    }

    private async Task SendOneAsync(Pending pending)
    {
        var report = pending.Report;
        try
        {
            pending.Done.TrySetResult(await commands.SendAsync(report.Command, report.Context with { CausationId = report.Context.CausationId ?? report.CausationId }));
        }
        catch (Exception e)
        {
            pending.Done.TrySetException(e);
        }
    }
}
