using Cabinets.EventStore.Projections;
using Cabinets.Projections.Lockers.FreeDoors;

namespace Cabinets.Projections.Lockers;

/// <summary>The locker module's read models, for the Api to register.</summary>
public static class LockerProjections
{
    public static IReadOnlyList<IProjection> All(ProjectionLifecycle freeDoors = ProjectionLifecycle.Async) => [new FreeDoorProjection(freeDoors)];
}
