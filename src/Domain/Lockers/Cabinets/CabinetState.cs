using System.Collections.Immutable;

namespace Cabinets.Domain.Lockers.Cabinets;

public sealed record DoorState(int CabinetIndex, DoorAttributes Attributes, bool Occupied);

/// <summary>What the decider needs to know about one cabinet bank, folded from its events.</summary>
public sealed record CabinetState(
    bool Provisioned,
    Site? Site,
    string? Type,
    ImmutableArray<int> SubCabinets,
    ImmutableDictionary<int, DoorState> Doors)
{
    public static CabinetState Initial { get; } = new(false, null, null, [], ImmutableDictionary<int, DoorState>.Empty);

    public bool Registered => Type is not null;

    public static CabinetState Evolve(CabinetState state, ICabinetEvent @event) => @event switch
    {
        CabinetProvisioned e => state with { Provisioned = true, Site = e.Site },
        CabinetSiteChanged e => state with { Site = e.Site },
        CabinetBankRegistered e => state with { Type = e.Type, SubCabinets = [.. e.SubCabinets] },
        DoorRegistered e => state with
        {
            Doors = state.Doors.SetItem(e.DoorNumber, new DoorState(e.CabinetIndex, e.Attributes,
                state.Doors.TryGetValue(e.DoorNumber, out var old) && old.Occupied)),
        },
        DoorOccupied e => WithOccupied(state, e.DoorNumber, true),
        DoorReleased e => WithOccupied(state, e.DoorNumber, false),
        _ => state,
    };

    private static CabinetState WithOccupied(CabinetState state, int door, bool occupied) =>
        state.Doors.TryGetValue(door, out var d) ? state with { Doors = state.Doors.SetItem(door, d with { Occupied = occupied }) } : state;
}
