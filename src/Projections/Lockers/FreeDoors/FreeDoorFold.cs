using Cabinets.Domain.Lockers.Cabinets;
using JasperFx.Events;

namespace Cabinets.Projections.Lockers.FreeDoors;

/// <summary>The last known value per cabinet and door within one batch of events.</summary>
internal sealed class FreeDoorFold
{
    public sealed record CabinetChange(Site? Site, bool Provisioned, string? Type, DateTimeOffset At);

    public Dictionary<string, CabinetChange> Cabinets { get; } = new(StringComparer.Ordinal);
    public Dictionary<(string Serial, int Door), DoorRegistered> Registrations { get; } = [];
    public Dictionary<(string Serial, int Door), (bool Occupied, DateTimeOffset At)> Occupancy { get; } = [];
    public HashSet<string> Serials { get; } = new(StringComparer.Ordinal);
    public HashSet<string> RegisteredSerials { get; } = new(StringComparer.Ordinal);

    /// <summary>Doors whose service state changed (null = in service); their banks are recomputed.</summary>
    public Dictionary<(string Serial, int Door), (string? Fault, DateTimeOffset At)> Faults { get; } = [];

    /// <summary>Net change of promised capacity per bank and door kind (ADR-0021).</summary>
    public Dictionary<(string Serial, DoorAttributes Kind), int> Promised { get; } = [];

    public static FreeDoorFold Of(IReadOnlyList<IEvent> events)
    {
        var fold = new FreeDoorFold();
        foreach (var e in events)
            if (e.Data is ICabinetEvent ce) fold.Apply(ce);
        return fold;
    }

    private void Apply(ICabinetEvent e)
    {
        Serials.Add(e.SerialNumber);
        var cabinet = Cabinets.GetValueOrDefault(e.SerialNumber);
        switch (e)
        {
            case CabinetProvisioned p:
                Cabinets[p.SerialNumber] = new CabinetChange(p.Site, true, cabinet?.Type, p.At);
                break;
            case CabinetSiteChanged s:
                Cabinets[s.SerialNumber] = new CabinetChange(s.Site, true, cabinet?.Type, s.At);
                break;
            case CabinetBankRegistered b:
                Cabinets[b.SerialNumber] = new CabinetChange(cabinet?.Site, cabinet?.Provisioned ?? false, b.Type, b.At);
                break;
            case DoorRegistered d:
                Registrations[(d.SerialNumber, d.DoorNumber)] = d;
                RegisteredSerials.Add(d.SerialNumber);
                break;
            case DoorOccupied o:
                Occupancy[(o.SerialNumber, o.DoorNumber)] = (true, o.At);
                break;
            case DoorReleased r:
                Occupancy[(r.SerialNumber, r.DoorNumber)] = (false, r.At);
                break;
            case DoorFaulted f:
                Faults[(f.SerialNumber, f.DoorNumber)] = (DoorFaultCodes.Faulted, f.At);
                break;
            case DoorRepairReported rr:
                Faults[(rr.SerialNumber, rr.DoorNumber)] = (DoorFaultCodes.AwaitingRepairConfirmation, rr.At);
                break;
            case DoorRepairConfirmed rc:
                Faults[(rc.SerialNumber, rc.DoorNumber)] = (null, rc.At);
                break;
            case DoorPromised p:
                Promised[(p.SerialNumber, p.Kind)] = Promised.GetValueOrDefault((p.SerialNumber, p.Kind)) + 1;
                break;
            case PromiseReleased pr:
                Promised[(pr.SerialNumber, pr.Kind)] = Promised.GetValueOrDefault((pr.SerialNumber, pr.Kind)) - 1;
                break;
        }
    }
}
