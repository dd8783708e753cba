using Cabinets.Domain.Deciding;

namespace Cabinets.Domain.Lockers.Cabinets;

/// <summary>
/// The cabinet bank's rules (PRODUCT.md, Lockers items 1–4). Every command is idempotent by
/// state: repeating it (a firmware retry) decides nothing new.
/// </summary>
public static class CabinetDecider
{
    public static Decider<CabinetCommand, CabinetState, ICabinetEvent> Instance { get; } =
        new(CabinetState.Initial, CabinetState.Evolve, Decide);

    public static class Errors
    {
        public const string NotProvisioned = "cabinet.not_provisioned";
        public const string NotRegistered = "cabinet.not_registered";
        public const string UnknownDoor = "door.unknown";
        public const string InvalidSite = "cabinet.invalid_site";
    }

    public static Decision<ICabinetEvent> Decide(CabinetCommand command, CabinetState state) => command switch
    {
        ProvisionCabinet c => Provision(c, state),
        RegisterCabinetBank c => RegisterBank(c, state),
        RegisterDoors c => RegisterDoors(c, state),
        ReportDoorStatus c => ReportStatus(c, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unhandled cabinet command"),
    };

    private static Decision<ICabinetEvent> Provision(ProvisionCabinet c, CabinetState state)
    {
        if (!state.Provisioned) return Decision<ICabinetEvent>.Accept(new CabinetProvisioned(c.SerialNumber, c.Site, c.Now));
        return state.Site == c.Site
            ? Decision<ICabinetEvent>.Accept()
            : Decision<ICabinetEvent>.Accept(new CabinetSiteChanged(c.SerialNumber, c.Site, c.Now));
    }

    private static Decision<ICabinetEvent> RegisterBank(RegisterCabinetBank c, CabinetState state)
    {
        if (!state.Provisioned && !c.AllowUnprovisioned)
            return Decision<ICabinetEvent>.Reject(Errors.NotProvisioned, $"cabinet {c.SerialNumber} is not provisioned", "series_number");
        var same = state.Type == c.Type && state.SubCabinets.SequenceEqual(c.SubCabinets);
        return same
            ? Decision<ICabinetEvent>.Accept()
            : Decision<ICabinetEvent>.Accept(new CabinetBankRegistered(c.SerialNumber, c.Type, c.SubCabinets, c.Now));
    }

    private static Decision<ICabinetEvent> RegisterDoors(RegisterDoors c, CabinetState state)
    {
        if (!state.Registered) return NotRegistered(c.SerialNumber);
        var events = new List<ICabinetEvent>();
        foreach (var door in c.Doors)
        {
            var unchanged = state.Doors.TryGetValue(door.DoorNumber, out var known)
                && known.CabinetIndex == door.CabinetIndex && known.Attributes == door.Attributes;
            if (!unchanged) events.Add(new DoorRegistered(c.SerialNumber, door.DoorNumber, door.CabinetIndex, door.Attributes, c.Now));
        }
        return Decision<ICabinetEvent>.Accept(events);
    }

    private static Decision<ICabinetEvent> ReportStatus(ReportDoorStatus c, CabinetState state)
    {
        if (!state.Registered) return NotRegistered(c.SerialNumber);
        var events = new List<ICabinetEvent>();
        var seen = new Dictionary<int, bool>();
        foreach (var report in c.Doors)
        {
            if (!state.Doors.TryGetValue(report.DoorNumber, out var door))
                return Decision<ICabinetEvent>.Reject(Errors.UnknownDoor, $"door {report.DoorNumber} is not registered on {c.SerialNumber}", "single_code");
            // within one report the last word on a door wins; compare with what we knew before it
            var current = seen.TryGetValue(report.DoorNumber, out var s) ? s : door.Occupied;
            if (current == report.Occupied) continue;
            seen[report.DoorNumber] = report.Occupied;
            events.Add(report.Occupied
                ? new DoorOccupied(c.SerialNumber, report.DoorNumber, c.Now)
                : new DoorReleased(c.SerialNumber, report.DoorNumber, c.Now));
        }
        return Decision<ICabinetEvent>.Accept(events);
    }

    private static Decision<ICabinetEvent> NotRegistered(string serial) => Decision<ICabinetEvent>.Reject(
        Errors.NotRegistered, $"cabinet {serial} has not registered (insert_locker_info) yet", "series_number");
}
