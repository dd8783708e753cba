using Cabinets.Protocol.Json;

namespace Cabinets.Protocol.Requests;

/// <summary><c>insert_single_info</c>: registers or updates doors, <c>single_code = "idx,door,attrs"</c> (§6, §7).</summary>
public sealed record InsertSingleInfoRequest : IbsRequest<DoorRegistration>
{
    internal InsertSingleInfoRequest(IReadOnlyList<DoorRegistration> items)
        : base(items)
    {
    }

    public override string Method => IbsMethods.InsertSingleInfo;

    internal static DoorRegistration ReadItem(FieldReader f)
    {
        var serial = f.Serial("series_number");
        var (index, door, attributes) = f.DoorRegistration("single_code");
        return new DoorRegistration(serial, index, door, attributes);
    }
}

/// <summary>A door of the bank <see cref="SeriesNumber"/> (always the main serial, §6) in cabinet 0–7.</summary>
public sealed record DoorRegistration(string SeriesNumber, int CabinetIndex, int Door, DoorAttributes Attributes);

/// <summary>
/// <c>insert_single_status</c>: door occupied/freed, <c>single_code = "door,0|1"</c>. Sent on change,
/// as a full snapshot at boot and daily at 02:00 (§7); the server reconciles snapshots.
/// </summary>
public sealed record InsertSingleStatusRequest : IbsRequest<DoorStatusReport>
{
    internal InsertSingleStatusRequest(IReadOnlyList<DoorStatusReport> items)
        : base(items)
    {
    }

    public override string Method => IbsMethods.InsertSingleStatus;

    internal static DoorStatusReport ReadItem(FieldReader f)
    {
        var serial = f.Serial("series_number");
        var (door, occupied) = f.DoorStatus("single_code");
        return new DoorStatusReport(serial, door, occupied);
    }
}

public sealed record DoorStatusReport(string SeriesNumber, int Door, bool Occupied);

/// <summary><c>single_exception</c>: door faulted and unusable; <c>single_status</c> and <c>use_status</c> are 3 (§6).</summary>
public sealed record SingleExceptionRequest : IbsRequest<DoorFault>
{
    internal SingleExceptionRequest(IReadOnlyList<DoorFault> items)
        : base(items)
    {
    }

    public override string Method => IbsMethods.SingleException;

    internal static DoorFault ReadItem(FieldReader f)
    {
        var serial = f.Serial("series_number");
        var door = f.Door("name");
        f.Status("single_status", 3);
        f.Status("use_status", 3);
        return new DoorFault(serial, door);
    }
}

public sealed record DoorFault(string SeriesNumber, int Door);

/// <summary>
/// <c>single_repair</c>: door repaired, <c>single_status</c> 4 (§6); it stays unusable until an
/// admin confirms it (§7).
/// </summary>
public sealed record SingleRepairRequest : IbsRequest<DoorRepair>
{
    internal SingleRepairRequest(IReadOnlyList<DoorRepair> items)
        : base(items)
    {
    }

    public override string Method => IbsMethods.SingleRepair;

    internal static DoorRepair ReadItem(FieldReader f)
    {
        var serial = f.Serial("series_number");
        var door = f.Door("name");
        f.Status("single_status", 4);
        return new DoorRepair(serial, door);
    }
}

public sealed record DoorRepair(string SeriesNumber, int Door);

/// <summary><c>locker_exception</c>: cabinet fault report, <c>status</c> 4 (§6, §7).</summary>
public sealed record LockerExceptionRequest : IbsRequest<CabinetFault>
{
    internal LockerExceptionRequest(IReadOnlyList<CabinetFault> items)
        : base(items)
    {
    }

    public override string Method => IbsMethods.LockerException;

    internal static CabinetFault ReadItem(FieldReader f)
    {
        var category = f.Category("category");
        var main = f.Serial("main_series_number");
        // Sub cabinets have no serial of their own (§7 insert_locker_info), so this may be empty.
        var deputy = f.OptionalSerial("deputy_series_number");
        f.Status("status", 4);
        var description = f.OptionalText("description", FieldReader.MaxDescription);
        return new CabinetFault(category, main, deputy, description);
    }
}

public sealed record CabinetFault(CabinetCategory Category, string MainSeriesNumber, string? DeputySeriesNumber, string? Description);
