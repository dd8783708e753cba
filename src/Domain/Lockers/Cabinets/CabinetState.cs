using System.Collections.Immutable;

namespace Cabinets.Domain.Lockers.Cabinets;

/// <summary>A door's service state (item 16): only an in-service door counts as usable.</summary>
public enum DoorCondition
{
    InService,
    Faulted,
    AwaitingRepairConfirmation,
}

public sealed record DoorState(int CabinetIndex, DoorAttributes Attributes, bool Occupied, DoorCondition Condition = DoorCondition.InService)
{
    public bool Usable => Condition == DoorCondition.InService;
}

/// <summary>
/// What the decider needs to know about one cabinet bank, folded from its events: its doors, the
/// capacity promised to bookings (record number → door kind), the parcels behind its doors
/// (door → record number) and the doors with an open anomaly.
/// </summary>
public sealed record CabinetState(
    bool Provisioned,
    Site? Site,
    string? Type,
    ImmutableArray<int> SubCabinets,
    ImmutableDictionary<int, DoorState> Doors)
{
    public static CabinetState Initial { get; } = new(false, null, null, [], ImmutableDictionary<int, DoorState>.Empty);

    public ImmutableDictionary<string, DoorAttributes> Promises { get; init; } = ImmutableDictionary<string, DoorAttributes>.Empty.WithComparers(StringComparer.Ordinal);

    public ImmutableDictionary<int, string> Parcels { get; init; } = ImmutableDictionary<int, string>.Empty;

    public ImmutableHashSet<int> FlaggedDoors { get; init; } = [];

    public bool Registered => Type is not null;

    /// <summary>Usable free doors of this exact kind, less the ones promised to bookings.</summary>
    public int Available(DoorAttributes kind) =>
        Doors.Values.Count(d => d.Usable && !d.Occupied && d.Attributes == kind) - Promises.Values.Count(p => p == kind);

    public static CabinetState Evolve(CabinetState state, ICabinetEvent @event) => @event switch
    {
        CabinetProvisioned e => state with { Provisioned = true, Site = e.Site },
        CabinetSiteChanged e => state with { Site = e.Site },
        CabinetBankRegistered e => state with { Type = e.Type, SubCabinets = [.. e.SubCabinets] },
        DoorRegistered e => state with
        {
            Doors = state.Doors.SetItem(e.DoorNumber, state.Doors.TryGetValue(e.DoorNumber, out var old)
                ? old with { CabinetIndex = e.CabinetIndex, Attributes = e.Attributes }
                : new DoorState(e.CabinetIndex, e.Attributes, false)),
        },
        DoorOccupied e => WithDoor(state, e.DoorNumber, d => d with { Occupied = true }),
        DoorReleased e => WithDoor(state, e.DoorNumber, d => d with { Occupied = false }) with { FlaggedDoors = state.FlaggedDoors.Remove(e.DoorNumber) },
        DoorPromised e => state with { Promises = state.Promises.SetItem(e.RecordNumber, e.Kind) },
        PromiseReleased e => state with { Promises = state.Promises.Remove(e.RecordNumber) },
        ParcelPlaced e => state with { Parcels = state.Parcels.SetItem(e.DoorNumber, e.RecordNumber), FlaggedDoors = state.FlaggedDoors.Remove(e.DoorNumber) },
        ParcelRemoved e => state with { Parcels = state.Parcels.Remove(e.DoorNumber), FlaggedDoors = state.FlaggedDoors.Remove(e.DoorNumber) },
        DoorAnomalyRaised e => state with { FlaggedDoors = state.FlaggedDoors.Add(e.DoorNumber) },
        DoorAnomalyResolved e => state with { FlaggedDoors = state.FlaggedDoors.Remove(e.DoorNumber) },
        DoorFaulted e => WithDoor(state, e.DoorNumber, d => d with { Condition = DoorCondition.Faulted }),
        DoorRepairReported e => WithDoor(state, e.DoorNumber, d => d with { Condition = DoorCondition.AwaitingRepairConfirmation }),
        DoorRepairConfirmed e => WithDoor(state, e.DoorNumber, d => d with { Condition = DoorCondition.InService }),
        _ => state,
    };

    private static CabinetState WithDoor(CabinetState state, int door, Func<DoorState, DoorState> change) =>
        state.Doors.TryGetValue(door, out var d) ? state with { Doors = state.Doors.SetItem(door, change(d)) } : state;
}
