namespace Cabinets.Messaging.Outbox;

public sealed class OutboxOptions
{
    /// <summary>Messages claimed per round.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Deliveries running at once within one dispatcher.</summary>
    public int MaxParallelism { get; set; } = 4;

    /// <summary>
    /// How long a claim holds: a dispatcher that dies without marking its messages loses them to
    /// another after this (ADR-0004). Must exceed <see cref="HandlerTimeout"/>.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A delivery still running after this is cancelled and counts as failed.</summary>
    public TimeSpan HandlerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The background service looks for due messages at least this often (scheduled and retried ones, missed notifications).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Identifies this dispatcher in <c>claimed_by</c>, for operators.</summary>
    public string DispatcherName { get; set; } = $"{Environment.MachineName}/{Environment.ProcessId}";
}
