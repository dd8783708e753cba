using Cabinets.EventStore;
using Cabinets.Messaging.Schema;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cabinets.Messaging.Outbox;

/// <summary>
/// Runs <see cref="OutboxDispatcher"/> in the Api process: drains what is due, then sleeps until a
/// commit NOTIFYs <c>msg_outbox</c> or the poll interval passes (scheduled messages, retries and
/// expired claims need polling; a notification missed while reconnecting is caught the same way).
/// </summary>
internal sealed class OutboxDispatcherService(
    OutboxDispatcher dispatcher, NpgsqlDataSource dataSource, OutboxOptions options, ILogger<OutboxDispatcherService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        NpgsqlConnection? listener = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    listener ??= await ListenAsync(stoppingToken);
                    while (await dispatcher.RunOnceAsync(stoppingToken) >= options.BatchSize)
                    {
                        // a full batch: more may be due, go again before sleeping
                    }
                    await listener.WaitAsync(options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // the loop outlives database outages; each failure is logged and retried
                catch (Exception e)
#pragma warning restore CA1031
                {
                    DispatcherLog.LoopFailed(logger, e);
                    if (listener is not null) await listener.DisposeAsync();
                    listener = null;
                    await Task.Delay(options.PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
        }
        finally
        {
            if (listener is not null) await listener.DisposeAsync();
        }
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken ct)
    {
        // its own connection: a pooled one would go back to the pool still listening (ADR-0011)
        var conn = EventStoreDataSource.CreateUnpooledConnection(dataSource, csb => csb.ApplicationName = "outbox-listener");
        try
        {
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand($"listen {MessagingSchema.NotifyChannel}", conn);
            await cmd.ExecuteNonQueryAsync(ct);
            return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }
}
