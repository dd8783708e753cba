namespace Cabinets.Domain.Lockers.Cabinets;

/// <summary>Events of a cabinet bank stream (`cabinet-{serial}`); stored names in <see cref="CabinetEventNames"/>.</summary>
public interface ICabinetEvent
{
    string SerialNumber { get; }
}

public sealed record CabinetProvisioned(string SerialNumber, Site Site, DateTimeOffset At) : ICabinetEvent;

public sealed record CabinetSiteChanged(string SerialNumber, Site Site, DateTimeOffset At) : ICabinetEvent;

/// <summary>The main cabinet registered its bank: model type and the indexes of its sub cabinets.</summary>
public sealed record CabinetBankRegistered(string SerialNumber, string Type, IReadOnlyList<int> SubCabinets, DateTimeOffset At) : ICabinetEvent;

public sealed record DoorRegistered(string SerialNumber, int DoorNumber, int CabinetIndex, DoorAttributes Attributes, DateTimeOffset At) : ICabinetEvent;

public sealed record DoorOccupied(string SerialNumber, int DoorNumber, DateTimeOffset At) : ICabinetEvent;

public sealed record DoorReleased(string SerialNumber, int DoorNumber, DateTimeOffset At) : ICabinetEvent;

/// <summary>Capacity of one door kind promised to a booking (ADR-0021): it leaves the free counts until deposit, expiry or cancellation.</summary>
public sealed record DoorPromised(string SerialNumber, string RecordNumber, DoorAttributes Kind, DateTimeOffset At) : ICabinetEvent;

/// <summary>A promise ends: the parcel was deposited, or the booking expired or was cancelled.</summary>
public sealed record PromiseReleased(string SerialNumber, string RecordNumber, DoorAttributes Kind, DateTimeOffset At) : ICabinetEvent;

/// <summary>A parcel now lies behind this door (the door is occupied by its own event).</summary>
public sealed record ParcelPlaced(string SerialNumber, string RecordNumber, int DoorNumber, DateTimeOffset At) : ICabinetEvent;

/// <summary>The parcel behind this door was picked up.</summary>
public sealed record ParcelRemoved(string SerialNumber, string RecordNumber, int DoorNumber, DateTimeOffset At) : ICabinetEvent;

public enum AnomalyKind
{
    /// <summary>A status report said free for a door that holds a parcel: the door was not freed.</summary>
    ReportedFreeWithParcel,

    /// <summary>A full snapshot said occupied for a door with no parcel and no booking that could explain it.</summary>
    ReportedOccupiedWithoutParcel,
}

/// <summary>Reconciliation found a report it will not believe blindly (IBS-PROTOCOL.md §7); an admin looks at it.</summary>
public sealed record DoorAnomalyRaised(string SerialNumber, int DoorNumber, AnomalyKind Kind, string? RecordNumber, DateTimeOffset At) : ICabinetEvent;

/// <summary>An admin looked at the door's open anomaly (`resolveDoorAnomaly`); the next report may raise a new one.</summary>
public sealed record DoorAnomalyResolved(string SerialNumber, int DoorNumber, string Note, DateTimeOffset At) : ICabinetEvent;

/// <summary>`locker_exception`: the firmware reports a fault of the main or a sub cabinet.</summary>
public sealed record CabinetFaultReported(string SerialNumber, string Category, string? DeputySerialNumber, int Status, string Description, DateTimeOffset At) : ICabinetEvent;

/// <summary>`single_exception`: the door is faulted and unusable; it leaves the free counts.</summary>
public sealed record DoorFaulted(string SerialNumber, int DoorNumber, DateTimeOffset At) : ICabinetEvent;

/// <summary>`single_repair`: the firmware says repaired; the door stays unusable until an admin confirms.</summary>
public sealed record DoorRepairReported(string SerialNumber, int DoorNumber, DateTimeOffset At) : ICabinetEvent;

/// <summary>An admin confirmed the repair (`confirmDoorRepair`): the door is back in service.</summary>
public sealed record DoorRepairConfirmed(string SerialNumber, int DoorNumber, DateTimeOffset At) : ICabinetEvent;

/// <summary>Stable, versioned stored names: never the CLR name (STYLE.md, convention 2).</summary>
public static class CabinetEventNames
{
    public static IReadOnlyList<(Type Type, string Name, int Version)> All { get; } =
    [
        (typeof(CabinetProvisioned), "lockers.cabinet_provisioned", 1),
        (typeof(CabinetSiteChanged), "lockers.cabinet_site_changed", 1),
        (typeof(CabinetBankRegistered), "lockers.cabinet_bank_registered", 1),
        (typeof(DoorRegistered), "lockers.door_registered", 1),
        (typeof(DoorOccupied), "lockers.door_occupied", 1),
        (typeof(DoorReleased), "lockers.door_released", 1),
        (typeof(DoorPromised), "lockers.door_promised", 1),
        (typeof(PromiseReleased), "lockers.promise_released", 1),
        (typeof(ParcelPlaced), "lockers.parcel_placed", 1),
        (typeof(ParcelRemoved), "lockers.parcel_removed", 1),
        (typeof(DoorAnomalyRaised), "lockers.door_anomaly_raised", 1),
        (typeof(DoorAnomalyResolved), "lockers.door_anomaly_resolved", 1),
        (typeof(CabinetFaultReported), "lockers.cabinet_fault_reported", 1),
        (typeof(DoorFaulted), "lockers.door_faulted", 1),
        (typeof(DoorRepairReported), "lockers.door_repair_reported", 1),
        (typeof(DoorRepairConfirmed), "lockers.door_repair_confirmed", 1),
    ];

    public static string StreamId(string serialNumber) => $"cabinet-{serialNumber}";

    public const string StreamType = "cabinet";
}
