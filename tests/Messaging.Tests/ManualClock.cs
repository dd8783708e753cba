namespace Cabinets.Messaging.Tests;

/// <summary>
/// A clock the test moves by hand, so retry delays of 15/30/60 s are checked without waiting
/// (Microsoft.Extensions.TimeProvider.Testing does not restore here). Timers still run on real
/// time; the dispatcher only uses them for handler timeouts.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public static DateTimeOffset Start { get; } = new(2030, 1, 1, 8, 0, 0, TimeSpan.Zero);

    public ManualClock() : this(Start) { }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate) _now += by;
    }

    public void Set(DateTimeOffset at)
    {
        lock (_gate) _now = at;
    }
}
