using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.EventStore.Events;
using Cabinets.EventStore.Projections;
using Cabinets.Projections.Lockers.FreeDoors;

namespace Cabinets.Projections.Lockers;

/// <summary>The locker module's event names and read models, for the Api to register.</summary>
public static class LockerProjections
{
    public static EventTypeRegistry RegisterLockerEvents(this EventTypeRegistry registry)
    {
        foreach (var (type, name, version) in CabinetEventNames.All) registry.Register(type, name, version);
        return registry;
    }

    public static IReadOnlyList<IProjection> All(ProjectionLifecycle freeDoors = ProjectionLifecycle.Async) => [new FreeDoorProjection(freeDoors)];
}
