namespace Cabinets.Api.Tests.Lockers.Parcels;

/// <summary>A clock the test moves: timers are driven by it, never by waiting.</summary>
public sealed class MutableClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
