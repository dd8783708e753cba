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
        public const string NotAwaitingRepair = "door.not_awaiting_repair";
        public const string NoOpenAnomaly = "door.no_open_anomaly";
    }

    public static Decision<ICabinetEvent> Decide(CabinetCommand command, CabinetState state) => command switch
    {
        ProvisionCabinet c => Provision(c, state),
        RegisterCabinetBank c => RegisterBank(c, state),
        RegisterDoors c => RegisterDoors(c, state),
        ReportDoorStatus c => ReportStatus(c, state),
        ReportCabinetFault c => state.Registered
            ? Decision<ICabinetEvent>.Accept(new CabinetFaultReported(c.SerialNumber, c.Category, c.DeputySerialNumber, c.Status, c.Description, c.Now))
            : NotRegistered(c.SerialNumber),
        ReportDoorFault c => ChangeCondition(c.SerialNumber, c.DoorNumber, state, DoorCondition.Faulted, () => new DoorFaulted(c.SerialNumber, c.DoorNumber, c.Now)),
        ReportDoorRepaired c => ReportRepaired(c, state),
        ConfirmDoorRepair c => ConfirmRepair(c, state),
        ResolveDoorAnomaly c => !state.Doors.ContainsKey(c.DoorNumber) ? UnknownDoor(c.SerialNumber, c.DoorNumber)
            : state.FlaggedDoors.Contains(c.DoorNumber) ? Decision<ICabinetEvent>.Accept(new DoorAnomalyResolved(c.SerialNumber, c.DoorNumber, c.Note.Trim(), c.Now))
            : Decision<ICabinetEvent>.Reject(Errors.NoOpenAnomaly, $"door {c.DoorNumber} of {c.SerialNumber} has no open anomaly", "doorNumber"),
        Parcels.BookParcel c => Parcels.Booking.Decide(c, state),
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

    /// <summary>
    /// Only differences become events. A door reported free that holds a parcel is not freed: the
    /// report raises an anomaly instead (the parcel may still be there). A full snapshot (every
    /// registered door, as at boot and 02:00) that reports a door occupied with no parcel behind it
    /// and no booking at the bank that could explain it raises an anomaly too. An anomaly is raised
    /// once per door until the door changes. A full snapshot is a report naming every registered door of a bank of two or more.
    /// </summary>
    private static Decision<ICabinetEvent> ReportStatus(ReportDoorStatus c, CabinetState state)
    {
        if (!state.Registered) return NotRegistered(c.SerialNumber);
        var events = new List<ICabinetEvent>();
        var seen = new Dictionary<int, bool>();
        foreach (var report in c.Doors)
        {
            if (!state.Doors.ContainsKey(report.DoorNumber))
                return Decision<ICabinetEvent>.Reject(Errors.UnknownDoor, $"door {report.DoorNumber} is not registered on {c.SerialNumber}", "single_code");
        }
        var flagged = state.FlaggedDoors;
        // A bank of one door cannot tell a snapshot from a change: only banks of two or more doors reconcile occupied doors.
        var fullSnapshot = state.Doors.Count > 1 && c.Doors.Select(d => d.DoorNumber).Distinct().Count() == state.Doors.Count;
        foreach (var report in c.Doors)
        {
            var door = state.Doors[report.DoorNumber];
            // within one report the last word on a door wins; compare with what we knew before it
            var current = seen.TryGetValue(report.DoorNumber, out var s) ? s : door.Occupied;
            if (!report.Occupied && state.Parcels.TryGetValue(report.DoorNumber, out var record))
            {
                if (!flagged.Contains(report.DoorNumber))
                    events.Add(new DoorAnomalyRaised(c.SerialNumber, report.DoorNumber, AnomalyKind.ReportedFreeWithParcel, record, c.Now));
                flagged = flagged.Add(report.DoorNumber);
                continue;
            }
            if (report.Occupied && fullSnapshot && !state.Parcels.ContainsKey(report.DoorNumber) && state.Promises.IsEmpty && !flagged.Contains(report.DoorNumber))
            {
                events.Add(new DoorAnomalyRaised(c.SerialNumber, report.DoorNumber, AnomalyKind.ReportedOccupiedWithoutParcel, null, c.Now));
                flagged = flagged.Add(report.DoorNumber);
            }
            if (current == report.Occupied) continue;
            seen[report.DoorNumber] = report.Occupied;
            events.Add(report.Occupied
                ? new DoorOccupied(c.SerialNumber, report.DoorNumber, c.Now)
                : new DoorReleased(c.SerialNumber, report.DoorNumber, c.Now));
        }
        return Decision<ICabinetEvent>.Accept(events);
    }

    /// <summary>Faults are convergent: a door already in the asked condition decides nothing (a firmware retry).</summary>
    private static Decision<ICabinetEvent> ChangeCondition(string serial, int doorNumber, CabinetState state, DoorCondition target, Func<ICabinetEvent> change)
    {
        if (!state.Registered) return NotRegistered(serial);
        if (!state.Doors.TryGetValue(doorNumber, out var door)) return UnknownDoor(serial, doorNumber);
        return door.Condition == target ? Decision<ICabinetEvent>.Accept() : Decision<ICabinetEvent>.Accept(change());
    }

    /// <summary>A repair report for a door in service is a late retry: nothing to do.</summary>
    private static Decision<ICabinetEvent> ReportRepaired(ReportDoorRepaired c, CabinetState state)
    {
        if (state.Doors.TryGetValue(c.DoorNumber, out var door) && door.Condition == DoorCondition.InService) return Decision<ICabinetEvent>.Accept();
        return ChangeCondition(c.SerialNumber, c.DoorNumber, state, DoorCondition.AwaitingRepairConfirmation, () => new DoorRepairReported(c.SerialNumber, c.DoorNumber, c.Now));
    }

    /// <summary>Only a door the firmware reported repaired can be confirmed; confirming a door already in service again is a no-op.</summary>
    private static Decision<ICabinetEvent> ConfirmRepair(ConfirmDoorRepair c, CabinetState state)
    {
        if (!state.Registered) return NotRegistered(c.SerialNumber);
        if (!state.Doors.TryGetValue(c.DoorNumber, out var door)) return UnknownDoor(c.SerialNumber, c.DoorNumber);
        return door.Condition switch
        {
            DoorCondition.AwaitingRepairConfirmation => Decision<ICabinetEvent>.Accept(new DoorRepairConfirmed(c.SerialNumber, c.DoorNumber, c.Now)),
            DoorCondition.InService => Decision<ICabinetEvent>.Accept(),
            _ => Decision<ICabinetEvent>.Reject(Errors.NotAwaitingRepair,
                $"door {c.DoorNumber} of {c.SerialNumber} is faulted and has not been reported repaired (single_repair)", "doorNumber"),
        };
    }

    private static Decision<ICabinetEvent> UnknownDoor(string serial, int door) =>
        Decision<ICabinetEvent>.Reject(Errors.UnknownDoor, $"door {door} is not registered on {serial}", "name");

    private static Decision<ICabinetEvent> NotRegistered(string serial) => Decision<ICabinetEvent>.Reject(
        Errors.NotRegistered, $"cabinet {serial} has not registered (insert_locker_info) yet", "series_number");
}
