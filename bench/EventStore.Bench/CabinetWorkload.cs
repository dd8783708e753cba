using Cabinets.Domain.Lockers.Cabinets;

namespace Cabinets.EventStore.Bench;

/// <summary>Our real cabinet events on `cabinet-{serial}` streams: a bank's registration, then door flips.</summary>
internal static class CabinetWorkload
{
    public const int DoorsPerBank = 48;

    /// <summary>Events per bank registration: provisioned, bank registered, one per door.</summary>
    public const int RegistrationEvents = 2 + DoorsPerBank;

    private static readonly string[] Provinces = ["Guangdong", "Zhejiang", "Jiangsu", "Sichuan", "Hubei"];
    private static readonly string[] Cities = ["Shenzhen", "Hangzhou", "Nanjing", "Chengdu", "Wuhan", "Foshan", "Suzhou"];

    /// <summary>Stored names as the Api maps them (`{name}.v{version}`, StoredEventNames), for the raw table.</summary>
    public static IReadOnlyDictionary<Type, string> StoredNames { get; } =
        CabinetEventNames.All.ToDictionary(e => e.Type, e => $"{e.Name}.v{e.Version}");

    public static IEnumerable<ICabinetEvent> Registration(string serial, int bank, DateTimeOffset at)
    {
        var site = new Site(Provinces[bank % Provinces.Length], Cities[bank % Cities.Length], $"Area {bank % 23}",
            $"Street {bank % 101}", $"Place {bank}", $"Community {bank % 37}", bank % 3 == 0 ? "by the gate" : null);
        yield return new CabinetProvisioned(serial, site, at);
        yield return new CabinetBankRegistered(serial, "IBS-48", [0, 1, 2], at);
        for (var door = 1; door <= DoorsPerBank; door++)
        {
            var size = (door % 3) switch { 0 => DoorSize.Large, 1 => DoorSize.Medium, _ => DoorSize.Small };
            yield return new DoorRegistered(serial, door, (door - 1) / 16, new DoorAttributes(size, door % 7 == 0, door % 11 == 0), at);
        }
    }

    public static DateTimeOffset At(ICabinetEvent e) => e switch
    {
        CabinetProvisioned x => x.At,
        CabinetSiteChanged x => x.At,
        CabinetBankRegistered x => x.At,
        DoorRegistered x => x.At,
        DoorOccupied x => x.At,
        DoorReleased x => x.At,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name),
    };

    /// <summary>Flips a door: occupied when free, released when occupied.</summary>
    public static ICabinetEvent Flip(string serial, bool[] occupied, int door, DateTimeOffset at)
    {
        var nowOccupied = !occupied[door - 1];
        occupied[door - 1] = nowOccupied;
        return nowOccupied ? new DoorOccupied(serial, door, at) : new DoorReleased(serial, door, at);
    }
}

/// <summary>One bank a writer owns: its stream and the doors it believes occupied.</summary>
internal sealed class Bank(string serial)
{
    public string Serial { get; } = serial;

    public string StreamId { get; } = CabinetEventNames.StreamId(serial);

    public bool[] Occupied { get; } = new bool[CabinetWorkload.DoorsPerBank];

    public ICabinetEvent NextFlip(Random rng) => CabinetWorkload.Flip(Serial, Occupied, rng.Next(1, CabinetWorkload.DoorsPerBank + 1), DateTimeOffset.UtcNow);
}

/// <summary>
/// The catch-up and rebuild data set: N events over N/500 banks, each bank registered (50 events)
/// and then random door flips across all banks. Deterministic: every enumeration yields the same
/// events, so it is never materialised.
/// </summary>
internal sealed class EventPlan
{
    private const int Seed = 20261202;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public EventPlan(int total)
    {
        Total = total;
        Banks = Math.Max(1, total / 500);
        Serials = Enumerable.Range(0, Banks).Select(b => $"L{b:D7}").ToArray();
        Versions = new long[Banks];
        var occupied = 0;
        foreach (var (bank, e) in Events())
        {
            Versions[bank]++;
            occupied += e switch { DoorOccupied => 1, DoorReleased => -1, _ => 0 };
        }
        ExpectedFreeDoors = Banks * CabinetWorkload.DoorsPerBank - occupied;
    }

    public int Total { get; }

    public int Banks { get; }

    public string[] Serials { get; }

    /// <summary>Each bank stream's final version.</summary>
    public long[] Versions { get; }

    public long ExpectedFreeDoors { get; }

    public long ExpectedDoors => (long)Banks * CabinetWorkload.DoorsPerBank;

    public IEnumerable<(int Bank, ICabinetEvent Event)> Events()
    {
        var n = 0;
        DateTimeOffset At() => Start.AddMilliseconds(n);
        for (var b = 0; b < Banks && n < Total; b++)
            foreach (var e in CabinetWorkload.Registration(Serials[b], b, At()))
            {
                if (n++ >= Total) yield break;
                yield return (b, e);
            }

        var rng = new Random(Seed);
        var occupied = new bool[Banks][];
        for (var b = 0; b < Banks; b++) occupied[b] = new bool[CabinetWorkload.DoorsPerBank];
        while (n < Total)
        {
            var b = rng.Next(Banks);
            var e = CabinetWorkload.Flip(Serials[b], occupied[b], rng.Next(1, CabinetWorkload.DoorsPerBank + 1), At());
            n++;
            yield return (b, e);
        }
    }
}
