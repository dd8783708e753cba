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
    ];

    public static string StreamId(string serialNumber) => $"cabinet-{serialNumber}";

    public const string StreamType = "cabinet";
}
