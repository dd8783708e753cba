using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Cabinets.Domain.Lockers.Cabinets;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cabinets.Projections.Lockers.Cabinets;

/// <summary>
/// The decider's state of one cabinet bank, stored next to its stream so a command loads one row
/// instead of replaying every door event since the bank was installed (ADR-0013). The doors are
/// stored as parallel arrays and two short strings, not as a dictionary of objects: a 60-door bank
/// is about 0.6 KB of JSON instead of 6 KB, which stays under PostgreSQL's 2 KB TOAST threshold and
/// is written on every door report (ADR-0018).
/// </summary>
public sealed class CabinetSnapshot
{
    private CabinetState? state;

    public string Id { get; set; } = "";

    public bool Provisioned { get; set; }

    public Site? Site { get; set; }

    public string? Type { get; set; }

    public int[] SubCabinets { get; set; } = [];

    public int[] DoorNumbers { get; set; } = [];

    public int[] DoorCabinets { get; set; } = [];

    /// <summary>One character per door: size (L, M, S) in upper case when insulated; see <see cref="KindOf"/>.</summary>
    public string DoorKinds { get; set; } = "";

    /// <summary>One character per door: `1` occupied, `0` free.</summary>
    public string DoorsOccupied { get; set; } = "";

    /// <summary>One character per door: `0` in service, `F` faulted, `R` awaiting repair confirmation.</summary>
    public string DoorConditions { get; set; } = "";

    /// <summary>Bookings holding capacity: record numbers, and their door kinds one character each (<see cref="KindOf"/>).</summary>
    public string[] PromiseRecords { get; set; } = [];

    public string PromiseKinds { get; set; } = "";

    /// <summary>Doors holding a parcel, and the parcels' record numbers.</summary>
    public int[] ParcelDoors { get; set; } = [];

    public string[] ParcelRecords { get; set; } = [];

    public int[] FlaggedDoors { get; set; } = [];

    /// <summary>The state this row stands for, unpacked once per load.</summary>
    [JsonIgnore]
    public CabinetState State
    {
        get => state ??= Unpack();
        set
        {
            state = value;
            Provisioned = value.Provisioned;
            Site = value.Site;
            Type = value.Type;
            SubCabinets = [.. value.SubCabinets];
            var doors = value.Doors.OrderBy(d => d.Key).ToList();
            DoorNumbers = doors.Select(d => d.Key).ToArray();
            DoorCabinets = doors.Select(d => d.Value.CabinetIndex).ToArray();
            DoorKinds = new string(doors.Select(d => KindOf(d.Value.Attributes)).ToArray());
            DoorsOccupied = new string(doors.Select(d => d.Value.Occupied ? '1' : '0').ToArray());
            DoorConditions = new string(doors.Select(d => ConditionCode(d.Value.Condition)).ToArray());
            var promises = value.Promises.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
            PromiseRecords = promises.Select(p => p.Key).ToArray();
            PromiseKinds = new string(promises.Select(p => KindOf(p.Value)).ToArray());
            var parcels = value.Parcels.OrderBy(p => p.Key).ToList();
            ParcelDoors = parcels.Select(p => p.Key).ToArray();
            ParcelRecords = parcels.Select(p => p.Value).ToArray();
            FlaggedDoors = value.FlaggedDoors.Order().ToArray();
        }
    }

    /// <summary>Size letter (l/m/s), upper case when insulated; a vertical door adds 3 to the letter (o/p/v).</summary>
    public static char KindOf(DoorAttributes a)
    {
        var letter = a.Size switch { DoorSize.Large => 'l', DoorSize.Medium => 'm', _ => 's' };
        if (a.Vertical) letter = (char)(letter + 3);
        return a.Insulated ? char.ToUpperInvariant(letter) : letter;
    }

    public static DoorAttributes AttributesOf(char kind)
    {
        var lower = char.ToLowerInvariant(kind);
        var vertical = lower is 'o' or 'p' or 'v';
        var letter = vertical ? (char)(lower - 3) : lower;
        var size = letter switch { 'l' => DoorSize.Large, 'm' => DoorSize.Medium, _ => DoorSize.Small };
        return new DoorAttributes(size, char.IsUpper(kind), vertical);
    }

    private static char ConditionCode(DoorCondition c) => c switch
    {
        DoorCondition.Faulted => 'F',
        DoorCondition.AwaitingRepairConfirmation => 'R',
        _ => '0',
    };

    private static DoorCondition ConditionOf(char c) => c switch
    {
        'F' => DoorCondition.Faulted,
        'R' => DoorCondition.AwaitingRepairConfirmation,
        _ => DoorCondition.InService,
    };

    private CabinetState Unpack()
    {
        var doors = ImmutableDictionary.CreateBuilder<int, DoorState>();
        for (var i = 0; i < DoorNumbers.Length; i++)
            doors[DoorNumbers[i]] = new DoorState(DoorCabinets[i], AttributesOf(DoorKinds[i]), DoorsOccupied[i] == '1',
                i < DoorConditions.Length ? ConditionOf(DoorConditions[i]) : DoorCondition.InService);
        var promises = ImmutableDictionary.CreateBuilder<string, DoorAttributes>(StringComparer.Ordinal);
        for (var i = 0; i < PromiseRecords.Length; i++) promises[PromiseRecords[i]] = AttributesOf(PromiseKinds[i]);
        var parcels = ImmutableDictionary.CreateBuilder<int, string>();
        for (var i = 0; i < ParcelDoors.Length; i++) parcels[ParcelDoors[i]] = ParcelRecords[i];
        return new CabinetState(Provisioned, Site, Type, [.. SubCabinets], doors.ToImmutable())
        {
            Promises = promises.ToImmutable(),
            Parcels = parcels.ToImmutable(),
            FlaggedDoors = [.. FlaggedDoors],
        };
    }
}

/// <summary>Inline: written in the command's own transaction, so the next command reads its write.</summary>
public sealed partial class CabinetSnapshotProjection : SingleStreamProjection<CabinetSnapshot, string>
{
    /// <summary>Only its own events: a projection that names none is handed every stream, and loads its snapshot for each (ADR-0018).</summary>
    public CabinetSnapshotProjection()
    {
        foreach (var (type, _, _) in CabinetEventNames.All) IncludeType(type);
    }

    public override CabinetSnapshot? Evolve(CabinetSnapshot? snapshot, string id, IEvent e) => e.Data is ICabinetEvent known
        ? new CabinetSnapshot { Id = id, State = CabinetState.Evolve(snapshot?.State ?? CabinetState.Initial, known) }
        : snapshot;
}
