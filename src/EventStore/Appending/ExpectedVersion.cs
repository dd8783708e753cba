namespace Cabinets.EventStore.Appending;

/// <summary>What the writer believes about the stream; checked atomically with the append.</summary>
public readonly record struct ExpectedVersion
{
    private ExpectedVersion(long value) => Value = value;

    /// <summary>The encoding `es.append` understands: -1 any, -2 must be new, -3 must exist, n exact.</summary>
    internal long Value { get; }

    public static ExpectedVersion Any { get; } = new(-1);
    public static ExpectedVersion NoStream { get; } = new(-2);
    public static ExpectedVersion StreamExists { get; } = new(-3);

    /// <summary>The stream's version must be exactly <paramref name="version"/> (0 = no events yet).</summary>
    public static ExpectedVersion Exactly(long version)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return new(version);
    }

    public override string ToString() => Value switch
    {
        -1 => "any",
        -2 => "no stream",
        -3 => "stream exists",
        _ => $"version {Value}",
    };
}
