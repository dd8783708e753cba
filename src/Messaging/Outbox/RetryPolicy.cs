namespace Cabinets.Messaging.Outbox;

/// <summary>
/// How often and when a failed delivery is tried again (ADR-0004). A message gets
/// <c>Delays.Count + 1</c> attempts; after the last failure it becomes a dead letter that an
/// admin can list and requeue (the seed's manual-handling queue).
/// </summary>
public sealed record RetryPolicy
{
    public RetryPolicy(params IReadOnlyList<TimeSpan> delays)
    {
        if (delays.Any(d => d < TimeSpan.Zero)) throw new ArgumentOutOfRangeException(nameof(delays), "retry delays cannot be negative");
        Delays = delays;
    }

    /// <summary>Delay before retry n (index n-1), counted from the failure.</summary>
    public IReadOnlyList<TimeSpan> Delays { get; }

    public int MaxAttempts => Delays.Count + 1;

    /// <summary>The vending seed (PRODUCT.md, Vending exceptions): 15 s, 30 s, 60 s, then manual handling.</summary>
    public static RetryPolicy Vending { get; } = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

    /// <summary>For everything else: backs off from seconds to an hour, about 2.5 hours in all, before giving up.</summary>
    public static RetryPolicy Default { get; } = new(
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(1));

    /// <summary>The delay before the next attempt after <paramref name="attempt"/> failed, or null when it was the last.</summary>
    public TimeSpan? DelayAfter(int attempt) => attempt >= 1 && attempt <= Delays.Count ? Delays[attempt - 1] : null;

    public bool Equals(RetryPolicy? other) => other is not null && Delays.SequenceEqual(other.Delays);

    public override int GetHashCode() => Delays.Aggregate(0, HashCode.Combine);
}
