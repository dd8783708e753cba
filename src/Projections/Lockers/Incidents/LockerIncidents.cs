using Cabinets.Domain.Lockers.Cabinets;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Cabinets.Projections.Lockers.Incidents;

/// <summary>A reconciliation anomaly for the admins (IBS-PROTOCOL.md §7), one per raised event.</summary>
public sealed class DoorAnomaly
{
    public Guid Id { get; set; }

    public string SerialNumber { get; set; } = "";

    public int DoorNumber { get; set; }

    /// <summary>REPORTED_FREE_WITH_PARCEL or REPORTED_OCCUPIED_WITHOUT_PARCEL.</summary>
    public string Kind { get; set; } = "";

    public string? RecordNumber { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The event's global sequence, read from `mt_events` by the console's lists (an inline projection runs before the quick append assigns it).</summary>
    public long Sequence { get; set; }

    /// <summary>The first resolution of this door after the anomaly, if any (read with it; not stored on it).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DoorAnomalyResolution? Resolution { get; set; }
}

/// <summary>An admin's resolution of a door's open anomalies: every anomaly of the door raised before it.</summary>
public sealed class DoorAnomalyResolution
{
    public Guid Id { get; set; }

    public string SerialNumber { get; set; } = "";

    public int DoorNumber { get; set; }

    public string Note { get; set; } = "";

    public string? ResolvedBy { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The event's global sequence, read from `mt_events` by the console's lists (an inline projection runs before the quick append assigns it).</summary>
    public long Sequence { get; set; }
}

/// <summary>One entry of a bank's fault history (item 16): cabinet faults, door faults, repairs and their confirmation.</summary>
public sealed class DoorFaultRecord
{
    public Guid Id { get; set; }

    public string SerialNumber { get; set; } = "";

    /// <summary>Null for a cabinet fault.</summary>
    public int? DoorNumber { get; set; }

    /// <summary>CABINET_FAULT, DOOR_FAULTED, DOOR_REPAIR_REPORTED or DOOR_REPAIR_CONFIRMED.</summary>
    public string Kind { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Who reported it: the bank's firmware, or the admin who confirmed the repair.</summary>
    public string? Actor { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The event's global sequence, read from `mt_events` by the console's lists (an inline projection runs before the quick append assigns it).</summary>
    public long Sequence { get; set; }
}

/// <summary>
/// Inline: an anomaly or a fault is visible to the admins as soon as the frame is answered. Each
/// event becomes one document keyed by the event's id, so a replay writes the same rows.
/// </summary>
public sealed partial class LockerIncidentsProjection : EventProjection
{
    public LockerIncidentsProjection()
    {
        IncludeType<DoorAnomalyRaised>();
        IncludeType<DoorAnomalyResolved>();
        IncludeType<CabinetFaultReported>();
        IncludeType<DoorFaulted>();
        IncludeType<DoorRepairReported>();
        IncludeType<DoorRepairConfirmed>();
    }

    public DoorAnomaly Create(IEvent<DoorAnomalyRaised> e) => new()
    {
        Id = e.Id, SerialNumber = e.Data.SerialNumber, DoorNumber = e.Data.DoorNumber, RecordNumber = e.Data.RecordNumber, At = e.Data.At,
        Kind = e.Data.Kind == AnomalyKind.ReportedFreeWithParcel ? "REPORTED_FREE_WITH_PARCEL" : "REPORTED_OCCUPIED_WITHOUT_PARCEL",
    };

    public DoorAnomalyResolution Create(IEvent<DoorAnomalyResolved> e) => new()
    {
        Id = e.Id, SerialNumber = e.Data.SerialNumber, DoorNumber = e.Data.DoorNumber, Note = e.Data.Note, ResolvedBy = e.UserName, At = e.Data.At,
    };

    public DoorFaultRecord Create(IEvent<CabinetFaultReported> e) =>
        Fault(e, null, "CABINET_FAULT", $"{e.Data.Category}{(e.Data.DeputySerialNumber is { } d ? " " + d : "")}: {e.Data.Description}".Trim(), e.Data.At);

    public DoorFaultRecord Create(IEvent<DoorFaulted> e) => Fault(e, e.Data.DoorNumber, "DOOR_FAULTED", null, e.Data.At);

    public DoorFaultRecord Create(IEvent<DoorRepairReported> e) => Fault(e, e.Data.DoorNumber, "DOOR_REPAIR_REPORTED", null, e.Data.At);

    public DoorFaultRecord Create(IEvent<DoorRepairConfirmed> e) => Fault(e, e.Data.DoorNumber, "DOOR_REPAIR_CONFIRMED", null, e.Data.At);

    private static DoorFaultRecord Fault<T>(IEvent<T> e, int? door, string kind, string? description, DateTimeOffset at) where T : ICabinetEvent => new()
    {
        Id = e.Id, SerialNumber = e.Data.SerialNumber, DoorNumber = door, Kind = kind, Description = description, Actor = e.UserName, At = at,
    };
}
