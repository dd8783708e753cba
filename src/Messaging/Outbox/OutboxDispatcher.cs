using System.Collections.Concurrent;
using System.Text.Json;
using Cabinets.EventStore.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cabinets.Messaging.Outbox;

/// <summary>
/// Delivers committed outbox messages to their handlers (ADR-0004): claims a batch of due messages
/// under a lease, delivers each, then marks it delivered, or schedules its retry by the message
/// type's policy, or makes it a dead letter. At least once: a crash between delivery and mark
/// delivers again once the lease expires. Any number of dispatchers may run in any number of
/// processes. <see cref="RunOnceAsync"/> is one round; <see cref="OutboxDispatcherService"/> loops it.
/// </summary>
public sealed class OutboxDispatcher
{
    private static readonly IServiceProvider NoServices = new ServiceCollection().BuildServiceProvider();
    private const int MaxErrorLength = 2000;

    private readonly OutboxStore _store;
    private readonly MessageRegistry _registry;
    private readonly TimeProvider _time;
    private readonly OutboxOptions _options;
    private readonly IServiceScopeFactory? _scopes;
    private readonly ILogger _logger;

    public OutboxDispatcher(NpgsqlDataSource dataSource, MessageRegistry registry, TimeProvider time, OutboxOptions? options = null,
        IServiceScopeFactory? scopes = null, ILogger<OutboxDispatcher>? logger = null)
    {
        _store = new OutboxStore(dataSource);
        _registry = registry;
        _time = time;
        _options = options ?? new OutboxOptions();
        _scopes = scopes;
        _logger = logger ?? NullLogger<OutboxDispatcher>.Instance;
        if (_options.ClaimLease <= _options.HandlerTimeout)
            throw new ArgumentException("the claim lease must outlast the handler timeout, or a slow delivery would be claimed twice", nameof(options));
    }

    /// <summary>Claims one batch of due messages and delivers it; returns how many were claimed (0: nothing due).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var types = _registry.HandledNames();
        if (types.Length == 0) return 0;
        var now = _time.GetUtcNow();
        var token = Guid.NewGuid();
        var claimed = await _store.ClaimAsync(types, _options.BatchSize, _options.DispatcherName, token, now, now + _options.ClaimLease, ct);
        if (claimed.Count == 0) return 0;

        var finished = new ConcurrentDictionary<Guid, bool>(); // id → marked
        try
        {
            await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelism, CancellationToken = ct },
                async (message, token2) =>
                {
                    finished[message.Id] = false;
                    await DeliverAsync(message, token, token2);
                    finished[message.Id] = true;
                });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: hand the rest back now rather than after the lease.
            var started = finished.Where(f => !f.Value).Select(f => f.Key).ToArray();
            var notStarted = claimed.Select(c => c.Id).Where(id => !finished.ContainsKey(id)).ToArray();
            await _store.ReleaseAsync(started, notStarted, token);
            DispatcherLog.Released(_logger, started.Length + notStarted.Length);
            throw;
        }
        return claimed.Count;
    }

    private async Task DeliverAsync(ClaimedMessage m, Guid token, CancellationToken ct)
    {
        var route = _registry.RouteOf(m.Type)!; // only handled types are claimed
        var context = new MessageContext(m.Id, m.IdempotencyKey, m.Type, m.Destination, m.Attempt, m.DueAt, m.CorrelationId, m.CausationId);
        using var timeout = new CancellationTokenSource(_options.HandlerTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            var message = JsonSerializer.Deserialize(m.Body, route.Type, EventTypeRegistry.JsonOptions)
                ?? throw new JsonException("message body is null");
            if (_scopes is null)
                await route.Handler!(NoServices, message, context, linked.Token);
            else
            {
                await using var scope = _scopes.CreateAsyncScope();
                await route.Handler!(scope.ServiceProvider, message, context, linked.Token);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // a receiver's failure of any kind is a failed attempt, never the dispatcher's crash
        catch (Exception e)
#pragma warning restore CA1031
        {
            await FailAsync(m, route.Retry ?? _registry.DefaultRetry, token, timeout.IsCancellationRequested ? "timed out" : Describe(e), e);
            return;
        }
        await _store.DeliveredAsync(m.Id, _time.GetUtcNow());
        DispatcherLog.Delivered(_logger, m.Id, m.Type, m.Attempt);
    }

    private async Task FailAsync(ClaimedMessage m, RetryPolicy policy, Guid token, string error, Exception e)
    {
        var now = _time.GetUtcNow();
        var delay = policy.DelayAfter(m.Attempt);
        await _store.FailedAsync(m.Id, token, error, now, now + delay);
        // Only the exception's type is logged: its message may quote the body (a phone number).
        if (delay is { } d) DispatcherLog.RetryScheduled(_logger, m.Id, m.Type, m.Attempt, d, e.GetType().Name);
        else DispatcherLog.DeadLettered(_logger, m.Id, m.Type, m.Attempt, e.GetType().Name);
    }

    private static string Describe(Exception e)
    {
        var text = $"{e.GetType().Name}: {e.Message}";
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }
}
