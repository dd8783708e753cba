namespace Cabinets.EventStore.Tests.Daemon;

/// <summary>
/// Test classes that hold writing transactions open on purpose, or whose committed-only reads must
/// see their own commits at once. The xmin horizon is cluster-wide (ADR-0003): any transaction in
/// flight in another test database holds those reads back. They run alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class XminHolders
{
    public const string Name = "holds the xmin horizon";
}
