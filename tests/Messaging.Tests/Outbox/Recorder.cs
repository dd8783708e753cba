using System.Collections.Concurrent;
using Cabinets.Messaging.Outbox;
using Cabinets.Messaging.Tests.Sample;

namespace Cabinets.Messaging.Tests.Outbox;

/// <summary>A receiver that records every delivery with the clock's time and fails the first <see cref="FailFirst"/> calls.</summary>
public sealed class Recorder(TimeProvider clock)
{
    private readonly ConcurrentQueue<(DateTimeOffset At, ReceiptSms Message, MessageContext Context)> _calls = new();
    private int _count;

    public int FailFirst { get; set; }

    public IReadOnlyList<(DateTimeOffset At, ReceiptSms Message, MessageContext Context)> Calls => _calls.ToList();

    public Task HandleAsync(ReceiptSms message, MessageContext context, CancellationToken ct)
    {
        _calls.Enqueue((clock.GetUtcNow(), message, context));
        if (Interlocked.Increment(ref _count) <= FailFirst)
            throw new InvalidOperationException($"gateway down (call {_count})");
        return Task.CompletedTask;
    }
}
