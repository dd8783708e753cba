namespace Cabinets.Domain.Lockers.Cabinets;

/// <summary>Commands on one cabinet bank. Time comes in on the command: the domain never reads a clock.</summary>
public abstract record CabinetCommand(string SerialNumber, DateTimeOffset Now);

/// <summary>An admin allows a serial to register and sets (or moves) its site.</summary>
public sealed record ProvisionCabinet(string SerialNumber, Site Site, DateTimeOffset Now) : CabinetCommand(SerialNumber, Now);

/// <summary>`insert_locker_info`: the bank announces its model type and sub cabinets.</summary>
/// <param name="AllowUnprovisioned">Bench deployments (`Ibs__AutoProvision`) accept serials no admin provisioned.</param>
public sealed record RegisterCabinetBank(string SerialNumber, string Type, IReadOnlyList<int> SubCabinets, DateTimeOffset Now, bool AllowUnprovisioned = false)
    : CabinetCommand(SerialNumber, Now);

public sealed record DoorRegistration(int CabinetIndex, int DoorNumber, DoorAttributes Attributes);

/// <summary>`insert_single_info`: registers doors or updates their attributes.</summary>
public sealed record RegisterDoors(string SerialNumber, IReadOnlyList<DoorRegistration> Doors, DateTimeOffset Now)
    : CabinetCommand(SerialNumber, Now);

public sealed record DoorStatusReport(int DoorNumber, bool Occupied);

/// <summary>`insert_single_status`: a change, or a full snapshot at boot / 02:00 (only differences become events).</summary>
public sealed record ReportDoorStatus(string SerialNumber, IReadOnlyList<DoorStatusReport> Doors, DateTimeOffset Now)
    : CabinetCommand(SerialNumber, Now);

/// <summary>`locker_exception`: a fault of the main cabinet or of a sub cabinet (<paramref name="DeputySerialNumber"/>).</summary>
public sealed record ReportCabinetFault(string SerialNumber, string Category, string? DeputySerialNumber, int Status, string Description, DateTimeOffset Now)
    : CabinetCommand(SerialNumber, Now);

/// <summary>`single_exception`: the door is faulted and unusable.</summary>
public sealed record ReportDoorFault(string SerialNumber, int DoorNumber, DateTimeOffset Now) : CabinetCommand(SerialNumber, Now);

/// <summary>`single_repair`: the firmware reports the door repaired.</summary>
public sealed record ReportDoorRepaired(string SerialNumber, int DoorNumber, DateTimeOffset Now) : CabinetCommand(SerialNumber, Now);

/// <summary>The admin `resolveDoorAnomaly`: the door's open anomaly was looked at, with what was found.</summary>
public sealed record ResolveDoorAnomaly(string SerialNumber, int DoorNumber, string Note, DateTimeOffset Now) : CabinetCommand(SerialNumber, Now);

/// <summary>The admin `confirmDoorRepair`: a door awaiting confirmation goes back into service.</summary>
public sealed record ConfirmDoorRepair(string SerialNumber, int DoorNumber, DateTimeOffset Now) : CabinetCommand(SerialNumber, Now);
