namespace Cabinets.Api.Audit;

/// <summary>How far a replay-and-compare has come: events replayed of the total up to the live checkpoint.</summary>
public sealed record ReplayProgress(long Done, long Total);

/// <summary>One row that differs between the live read model and its replay from the events.</summary>
public sealed record ReadModelDifference(string Table, string Key, string Kind, string? Live, string? Replayed);

/// <summary>The outcome of a replay-and-compare: none when all is well.</summary>
public sealed record ReplayCompareReport(string Projection, long Events, long LivePosition, IReadOnlyList<ReadModelDifference> Differences)
{
    public bool Identical => Differences.Count == 0;
}
