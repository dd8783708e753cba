using System.Diagnostics;
using Cabinets.Projections.Lockers.FreeDoors;
using Npgsql;
using NpgsqlTypes;

namespace Cabinets.Lockers.Bench;

/// <summary>
/// Synthetic banks for the free-door model: 30 provinces × 10 cities × 6 areas × 5 streets × 3
/// places (27,000 sites); each province's first city is its capital and holds three times the
/// banks of another city. Every bank has 60 doors in three cabinets of 20, in one of four layouts
/// (plain L/M/S, with insulated M, with vertical S, with both), a utilisation of 20–90% (occupied
/// doors), about 1% faulted and 0.3% awaiting repair confirmation. Deterministic (one seed per
/// bank); loaded by binary COPY straight into the tables of <see cref="FreeDoorTables"/>, then
/// `free_door_counts` is derived from the doors in one statement, with bookings' `promised`
/// capacity on about a fifth of its rows.
/// </summary>
internal sealed class LockerData
{
    public const int Provinces = 30;
    public const int CitiesPerProvince = 10;
    public const int AreasPerCity = 6;
    public const int StreetsPerArea = 5;
    public const int PlacesPerStreet = 3;
    public const int DoorsPerCabinet = 20;
    private const string Rm = FreeDoorTables.LiveSchema;

    public static readonly string[] ProvinceNames =
    [
        "广东省", "浙江省", "江苏省", "山东省", "河南省", "四川省", "湖北省", "湖南省", "河北省", "福建省", "安徽省", "辽宁省", "江西省", "陕西省",
        "云南省", "广西壮族自治区", "山西省", "贵州省", "吉林省", "黑龙江省", "内蒙古自治区", "新疆维吾尔自治区", "甘肃省", "海南省",
        "宁夏回族自治区", "青海省", "西藏自治区", "北京市", "上海市", "天津市",
    ];

    private static readonly string[] CityWords = ["中州", "东阳", "西平", "南江", "北岭", "安宁", "长乐", "新华", "永和", "金川"];
    private static readonly string[] AreaNames = ["中心区", "高新区", "东城区", "西城区", "南湖区", "北山区"];
    private static readonly string[] StreetNames = ["人民路街道", "解放路街道", "建设路街道", "和平街道", "新华街道"];
    private static readonly string[] PlaceNames = ["科技园", "阳光小区", "花园广场"];
    private static readonly string[] Communities = ["阳光小区", "幸福家园", "锦绣花园", "翠湖苑", "金地名都", "滨江花城"];

    /// <summary>A door kind: size code (L/M/S) and attributes.</summary>
    public readonly record struct Kind(string Size, bool Insulated, bool Vertical);

    /// <summary>The four layouts of 60 doors, as (kind, how many) in door-number order.</summary>
    public static readonly (string Name, (Kind Kind, int Count)[] Doors)[] Layouts =
    [
        ("10 L + 20 M + 30 S", [(new("L", false, false), 10), (new("M", false, false), 20), (new("S", false, false), 30)]),
        ("8 L + 18 M + 6 M insulated + 28 S", [(new("L", false, false), 8), (new("M", false, false), 18), (new("M", true, false), 6), (new("S", false, false), 28)]),
        ("10 L + 20 M + 24 S + 6 S vertical", [(new("L", false, false), 10), (new("M", false, false), 20), (new("S", false, false), 24), (new("S", false, true), 6)]),
        ("6 L + 4 L insulated + 18 M + 26 S + 6 S vertical",
            [(new("L", false, false), 6), (new("L", true, false), 4), (new("M", false, false), 18), (new("S", false, false), 26), (new("S", false, true), 6)]),
    ];

    /// <summary>One bank: its site (indexes into the name lists), layout and utilisation.</summary>
    public readonly record struct Bank(int Province, int City, int Area, int Street, int Place, int Layout, double Utilisation);

    public static readonly DateTimeOffset At = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    public LockerData(int banks)
    {
        Banks = new Bank[banks];
        for (var b = 0; b < banks; b++)
        {
            var rng = new Random(unchecked(20261202 + b * 7919));
            var unit = rng.Next(CitiesPerProvince + 2); // the capital (city 0) draws 3 units of 12
            var layout = rng.Next(10) switch
            {
                < 5 => 0,
                < 7 => 1,
                < 9 => 2,
                _ => 3,
            };
            Banks[b] = new Bank(rng.Next(Provinces), unit < 3 ? 0 : unit - 2, rng.Next(AreasPerCity), rng.Next(StreetsPerArea), rng.Next(PlacesPerStreet),
                layout, 0.2 + 0.7 * rng.NextDouble());
        }
    }

    public Bank[] Banks { get; }

    public long DoorCount => (long)Banks.Length * BenchSettings.DoorsPerBank;

    public static string Serial(int bank) => $"IBS{bank + 1:D8}";

    public static string Province(int p) => ProvinceNames[p];

    public static string City(int p, int c) => $"{ProvinceNames[p][..2]}{CityWords[c]}市";

    public static string Area(int a) => AreaNames[a];

    public static string Street(int s) => StreetNames[s];

    public static string Place(int p) => PlaceNames[p];

    /// <summary>Binary COPY of cabinets, then doors (two connections, half the banks each), then the counts.</summary>
    public async Task LoadAsync(NpgsqlDataSource db, Action<string> progress, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var w = await conn.BeginBinaryImportAsync(
                         $"copy {Rm}.cabinets (serial_number, type, province, city, area, street, place, community_name, address_note, provisioned, registered, updated_at) from stdin (format binary)", ct))
        {
            for (var b = 0; b < Banks.Length; b++)
            {
                var k = Banks[b];
                await w.StartRowAsync(ct);
                await w.WriteAsync(Serial(b), NpgsqlDbType.Text, ct);
                await w.WriteAsync("快递柜", NpgsqlDbType.Text, ct);
                await w.WriteAsync(Province(k.Province), NpgsqlDbType.Text, ct);
                await w.WriteAsync(City(k.Province, k.City), NpgsqlDbType.Text, ct);
                await w.WriteAsync(Area(k.Area), NpgsqlDbType.Text, ct);
                await w.WriteAsync(Street(k.Street), NpgsqlDbType.Text, ct);
                await w.WriteAsync(Place(k.Place), NpgsqlDbType.Text, ct);
                await w.WriteAsync(Communities[b % Communities.Length], NpgsqlDbType.Text, ct);
                if (b % 3 == 0) await w.WriteNullAsync(ct);
                else await w.WriteAsync($"{1 + b % 12}号楼东侧", NpgsqlDbType.Text, ct);
                await w.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(At, NpgsqlDbType.TimestampTz, ct);
            }
            await w.CompleteAsync(ct);
        }
        progress($"free doors: {Banks.Length:N0} cabinets copied in {sw.Elapsed.TotalSeconds:0.0} s; doors next");

        sw.Restart();
        var half = Banks.Length / 2;
        await Task.WhenAll(CopyDoorsAsync(db, 0, half, ct), CopyDoorsAsync(db, half, Banks.Length, ct));
        progress($"free doors: {DoorCount:N0} doors copied in {sw.Elapsed.TotalSeconds:0.0} s; free_door_counts from the doors");

        // What the projection's recompute writes (FreeDoorSql.AddCountRecompute), for every bank at once;
        // bookings not yet deposited hold 1-3 doors of about a fifth of the kinds (never more than are free).
        sw.Restart();
        await using (var cmd = db.CreateCommand($"""
            insert into {Rm}.free_door_counts (serial_number, size, insulated, vertical, province, city, area, street, place, free, promised)
            select g.serial_number, g.size, g.insulated, g.vertical, g.province, g.city, g.area, g.street, g.place, g.free,
                   case when g.free > 0 and g.h % 5 = 0 then least(g.free, 1 + (g.h / 5) % 3) else 0 end
              from (select d.serial_number, d.size, d.insulated, d.vertical, c.province, c.city, c.area, c.street, c.place,
                           (count(*) filter (where not d.occupied and d.usable))::int as free,
                           hashtext(d.serial_number || d.size || d.insulated::text || d.vertical::text) & 1023 as h
                      from {Rm}.doors d join {Rm}.cabinets c on c.serial_number = d.serial_number
                     group by d.serial_number, d.size, d.insulated, d.vertical, c.province, c.city, c.area, c.street, c.place) g
            """))
        {
            cmd.CommandTimeout = 0;
            await cmd.ExecuteNonQueryAsync(ct);
        }
        progress($"free doors: free_door_counts in {sw.Elapsed.TotalSeconds:0.0} s");
    }

    private async Task CopyDoorsAsync(NpgsqlDataSource db, int from, int to, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var w = await conn.BeginBinaryImportAsync(
            $"copy {Rm}.doors (serial_number, door_number, cabinet_index, size, insulated, vertical, occupied, usable, fault, updated_at) from stdin (format binary)", ct);
        for (var b = from; b < to; b++)
        {
            var bank = Banks[b];
            var serial = Serial(b);
            var rng = new Random(unchecked(77_000_001 + b * 104_729));
            var door = 0;
            foreach (var (kind, count) in Layouts[bank.Layout].Doors)
            {
                for (var i = 0; i < count; i++, door++)
                {
                    var roll = rng.NextDouble();
                    var fault = roll < 0.010 ? DoorFaultCodes.Faulted : roll < 0.013 ? DoorFaultCodes.AwaitingRepairConfirmation : null;
                    var occupied = fault is null && rng.NextDouble() < bank.Utilisation;
                    await w.StartRowAsync(ct);
                    await w.WriteAsync(serial, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(door + 1, NpgsqlDbType.Integer, ct);
                    await w.WriteAsync(door / DoorsPerCabinet, NpgsqlDbType.Integer, ct);
                    await w.WriteAsync(kind.Size, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(kind.Insulated, NpgsqlDbType.Boolean, ct);
                    await w.WriteAsync(kind.Vertical, NpgsqlDbType.Boolean, ct);
                    await w.WriteAsync(occupied, NpgsqlDbType.Boolean, ct);
                    await w.WriteAsync(fault is null, NpgsqlDbType.Boolean, ct);
                    if (fault is null) await w.WriteNullAsync(ct);
                    else await w.WriteAsync(fault, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(At, NpgsqlDbType.TimestampTz, ct);
                }
            }
        }
        await w.CompleteAsync(ct);
    }
}
