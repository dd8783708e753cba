namespace Cabinets.EventStore.Tests.Daemon;

/// <summary>
/// Test classes that hold writing transactions open on purpose. The xmin horizon is cluster-wide
/// (ADR-0003), so while they run, committed-only reads in every other test database lag too:
/// they run alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class XminHolders
{
    public const string Name = "holds the xmin horizon";
}
