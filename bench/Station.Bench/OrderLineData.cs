using Cabinets.Projections.Stations.OrderLines;
using Npgsql;
using NpgsqlTypes;

namespace Cabinets.Station.Bench;

/// <summary>
/// Synthetic station data for `order_sku_list`: 10 stations, each with ~200 merchants and ~2,000
/// SKUs whose names are brand + product + pack ("光明牛奶250ml"); ~100 orders per station and day of
/// ~10 lines each, over as many days as the line count asks (1,000,000 lines = 100 days). A product
/// word ("牛奶") is in ~1/40 of a station's SKU names, so a search for it matches a few percent of
/// the lines. Deterministic (fixed seeds); loaded by binary COPY straight into the tables of
/// <see cref="StationOrderLineTables"/>.
/// </summary>
internal sealed class OrderLineData
{
    public const int Stations = 10;
    public const int MerchantsPerStation = 200;
    public const int SkusPerStation = 2_000;
    public const int OrdersPerStationDay = 100;
    public const int LinesPerOrder = 10;
    private const string S = StationOrderLineTables.Schema;

    /// <summary>The first day of the data, in Asia/Shanghai.</summary>
    public static readonly DateOnly FirstDay = new(2026, 1, 1);

    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    /// <summary>Product words: each char is in no brand, pack or merchant name, so a search finds only its product.</summary>
    public static readonly string[] Products =
    [
        "牛奶", "苹果", "香蕉", "鸡蛋", "大米", "面粉", "白菜", "土豆", "番茄", "黄瓜", "猪肉", "牛腩", "鸡翅", "豆腐", "酱油", "米醋", "花生", "绿豆",
        "红枣", "核桃", "酸乳", "饼干", "面包", "薯片", "可乐", "啤酒", "茶叶", "咖啡", "蜂蜜", "白砂糖", "粗盐", "木耳", "香菇", "海带", "紫菜", "虾仁",
        "鱿鱼", "带鱼", "米线", "粉丝",
    ];

    private static readonly string[] Brands = ["金龙", "福临", "康达", "统一", "光明", "恒顺", "良品", "百盛", "华丰", "东方", "永和", "天润"];
    private static readonly string[] Packs = ["250ml", "500g", "1kg", "2.5kg", "散称", "袋装", "箱装", "礼盒", "12入", "6入"];
    private static readonly string[] Units = ["斤", "个", "瓶", "包", "箱", "袋"];
    private static readonly string[] Districts = ["朝阳", "海淀", "丰台", "通州", "昌平", "西城", "东城", "顺义"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "周", "吴", "徐"];
    private static readonly string[] Kinds = ["餐厅", "饭馆", "小吃", "食堂", "超市", "酒家", "面馆", "快餐"];
    private static readonly string[] Remarks = ["少放冰", "要新鲜的", "分开装", "上午送到"];
    private static readonly int[] TaxRates = [0, 300, 900, 1300];

    public int Days { get; }

    public IReadOnlyList<Order> Orders { get; }

    public long LineCount { get; }

    private readonly Sku[][] _skus;

    public OrderLineData(int targetLines)
    {
        Days = Math.Max(1, (int)Math.Round(targetLines / (double)(Stations * OrdersPerStationDay * LinesPerOrder)));
        _skus = Enumerable.Range(0, Stations).Select(SkusOf).ToArray();
        var rng = new Random(20261202);
        var orders = new List<Order>(Stations * Days * OrdersPerStationDay * 11 / 10);
        long lines = 0;
        var number = 10_000_000;
        for (var day = 0; day < Days; day++)
        {
            for (var s = 0; s < Stations; s++)
            {
                var count = OrdersPerStationDay * 8 / 10 + rng.Next(OrdersPerStationDay * 4 / 10 + 1);
                for (var i = 0; i < count; i++)
                {
                    var created = StartOf(day).AddSeconds(6 * 3600 + rng.Next(17 * 3600));
                    var recent = day >= Days - 2;
                    var status = rng.Next(100) switch
                    {
                        0 => -1,
                        < 70 => recent ? 1 : 15,
                        < 90 => recent ? 5 : 10,
                        _ => recent ? 1 : 5,
                    };
                    var hasSheet = status is 10 or 15;
                    var order = new Order($"PL{number++}", s, day, MerchantId(s, rng.Next(MerchantsPerStation)), created,
                        StartOf(day + 1).AddHours(rng.Next(2) == 0 ? 6 : 8), $"ST{1 + rng.Next(3)}", status,
                        status == 15 ? 10 : rng.Next(3) switch { 0 => 1, 1 => 5, _ => 10 }, hasSheet, hasSheet && rng.Next(10) > 0,
                        LinesPerOrder / 2 + rng.Next(LinesPerOrder + 1), rng.Next());
                    orders.Add(order);
                    lines += order.LineCount;
                }
            }
        }
        Orders = orders;
        LineCount = lines;
    }

    public static string StationId(int s) => $"T{7936 + s}";

    public static int MerchantId(int s, int i) => 100_000 + s * 1_000 + i;

    public static DateTimeOffset StartOf(int day) => new(FirstDay.AddDays(day).ToDateTime(TimeOnly.MinValue), Shanghai);

    public sealed record Order(string Id, int Station, int Day, int AddressId, DateTimeOffset CreatedAt, DateTimeOffset ReceiveBeginTime,
        string TimeConfigId, int Status, int PayStatus, bool HasSheet, bool IsPrint, int LineCount, int Seed);

    public sealed record Sku(string SkuId, string SpuId, string Name, string Unit, decimal SaleRatio, long Price, bool IsWeigh, string Salemenu,
        string Category1, string Category2, string Pinlei, string? OuterId);

    public sealed record Merchant(int AddressId, int Uid, string Resname, int RouteId, string RouteName);

    public sealed record Line(Sku Sku, decimal Quantity, long UnitPrice, bool IsPriceTiming, string? Remark, int TaxRate, bool IsSetTax,
        decimal? RealQuantity, long? RealUnitPrice, bool Weighted);

    /// <summary>A station's SKUs: two per SPU, names brand + product + pack.</summary>
    public static Sku[] SkusOf(int s)
    {
        var rng = new Random(1_000 + s);
        return Enumerable.Range(0, SkusPerStation).Select(i =>
        {
            var weigh = rng.Next(10) == 0;
            var c1 = rng.Next(8);
            return new Sku($"D{10_000_000 + s * 10_000 + i}", $"C{2_000_000 + s * 10_000 + i / 2}",
                Brands[rng.Next(Brands.Length)] + Products[rng.Next(Products.Length)] + Packs[rng.Next(Packs.Length)], Units[rng.Next(Units.Length)],
                weigh ? 1m : 1 + rng.Next(12), 100 + rng.Next(20_000), weigh, $"S{1 + rng.Next(3)}", $"c1-{c1}", $"c2-{c1}-{rng.Next(4)}",
                $"p-{rng.Next(40)}", rng.Next(5) == 0 ? $"OUT{s}{i:D5}" : null);
        }).ToArray();
    }

    public static Merchant[] MerchantsOf(int s)
    {
        var rng = new Random(2_000 + s);
        return Enumerable.Range(0, MerchantsPerStation).Select(i =>
        {
            var route = 1 + rng.Next(10);
            return new Merchant(MerchantId(s, i), 300_000 + s * 1_000 + i,
                $"{Districts[rng.Next(Districts.Length)]}{Surnames[rng.Next(Surnames.Length)]}记{Kinds[rng.Next(Kinds.Length)]}{1 + i % 30}号店",
                route, $"{route}号线");
        }).ToArray();
    }

    /// <summary>An order's lines, from its seed: distinct SKUs, popular ones more often.</summary>
    public IEnumerable<Line> LinesOf(Order o)
    {
        var rng = new Random(o.Seed);
        var skus = _skus[o.Station];
        var seen = new HashSet<int>();
        while (seen.Count < o.LineCount)
        {
            var k = (int)(Math.Pow(rng.NextDouble(), 2) * skus.Length);
            if (!seen.Add(k)) continue;
            var sku = skus[k];
            var quantity = sku.IsWeigh ? Math.Round((decimal)(0.5 + rng.NextDouble() * 20), 2) : 1 + rng.Next(20);
            var price = sku.Price + rng.Next(-50, 51);
            decimal? real = o.HasSheet ? (sku.IsWeigh ? Math.Round(quantity * (decimal)(0.9 + rng.NextDouble() * 0.2), 2) : quantity) : null;
            yield return new Line(sku, quantity, Math.Max(0, price), rng.Next(30) == 0, rng.Next(20) == 0 ? Remarks[rng.Next(Remarks.Length)] : null,
                TaxRates[rng.Next(TaxRates.Length)], rng.Next(5) > 0, real, o.HasSheet ? Math.Max(0, price) : null, o.HasSheet && sku.IsWeigh);
        }
    }

    /// <summary>Binary COPY of every row into the four tables (which must exist and be empty).</summary>
    public async Task LoadAsync(NpgsqlDataSource db, Action<string> progress, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using (var w = await conn.BeginBinaryImportAsync(
                         $"copy {S}.station_merchants (station_id, address_id, resname, route_id, route_name) from stdin (format binary)", ct))
        {
            for (var s = 0; s < Stations; s++)
                foreach (var m in MerchantsOf(s))
                {
                    await w.StartRowAsync(ct);
                    await w.WriteAsync(StationId(s), NpgsqlDbType.Text, ct);
                    await w.WriteAsync(m.AddressId, NpgsqlDbType.Integer, ct);
                    await w.WriteAsync(m.Resname, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(m.RouteId, NpgsqlDbType.Integer, ct);
                    await w.WriteAsync(m.RouteName, NpgsqlDbType.Text, ct);
                }
            await w.CompleteAsync(ct);
        }
        await using (var w = await conn.BeginBinaryImportAsync($"""
                         copy {S}.station_skus (station_id, sku_id, spu_id, name, outer_id, salemenu_id, salemenu_name, category1_id, category2_id,
                                                pinlei_id, is_weigh, std_unit_name, sale_ratio) from stdin (format binary)
                         """, ct))
        {
            for (var s = 0; s < Stations; s++)
                foreach (var k in _skus[s])
                {
                    await w.StartRowAsync(ct);
                    await w.WriteAsync(StationId(s), NpgsqlDbType.Text, ct);
                    await w.WriteAsync(k.SkuId, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(k.SpuId, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(k.Name, NpgsqlDbType.Text, ct);
                    await WriteNullableAsync(w, k.OuterId, ct);
                    await w.WriteAsync(k.Salemenu, NpgsqlDbType.Text, ct);
                    await w.WriteAsync($"菜单{k.Salemenu[1..]}", NpgsqlDbType.Text, ct);
                    await w.WriteAsync(k.Category1, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(k.Category2, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(k.Pinlei, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(k.IsWeigh, NpgsqlDbType.Boolean, ct);
                    await w.WriteAsync(k.Unit, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(k.SaleRatio, NpgsqlDbType.Numeric, ct);
                }
            await w.CompleteAsync(ct);
        }
        progress($"  {Stations * MerchantsPerStation:N0} merchants, {Stations * SkusPerStation:N0} SKUs loaded; copying {Orders.Count:N0} orders");
        await using (var w = await conn.BeginBinaryImportAsync($"""
                         copy {S}.station_orders (order_id, station_id, address_id, created_at, receive_begin_time, time_config_id, status, pay_status,
                                                  has_sheet, is_print) from stdin (format binary)
                         """, ct))
        {
            foreach (var o in Orders)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(o.Id, NpgsqlDbType.Text, ct);
                await w.WriteAsync(StationId(o.Station), NpgsqlDbType.Text, ct);
                await w.WriteAsync(o.AddressId, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(o.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(o.ReceiveBeginTime.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(o.TimeConfigId, NpgsqlDbType.Text, ct);
                await w.WriteAsync(o.Status, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(o.PayStatus, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(o.HasSheet, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(o.IsPrint, NpgsqlDbType.Boolean, ct);
            }
            await w.CompleteAsync(ct);
        }
        progress($"  copying {LineCount:N0} order lines");
        await using (var w = await conn.BeginBinaryImportAsync($"""
                         copy {S}.station_order_lines (order_id, sku_id, spu_id, quantity, unit_price, is_price_timing, spu_remark, tax_rate, is_set_tax,
                                                       real_quantity, real_unit_price, weighted) from stdin (format binary)
                         """, ct))
        {
            w.Timeout = TimeSpan.Zero;
            foreach (var o in Orders)
                foreach (var l in LinesOf(o))
                {
                    await w.StartRowAsync(ct);
                    await w.WriteAsync(o.Id, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(l.Sku.SkuId, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(l.Sku.SpuId, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(l.Quantity, NpgsqlDbType.Numeric, ct);
                    await w.WriteAsync(l.UnitPrice, NpgsqlDbType.Bigint, ct);
                    await w.WriteAsync(l.IsPriceTiming, NpgsqlDbType.Boolean, ct);
                    await WriteNullableAsync(w, l.Remark, ct);
                    await w.WriteAsync(l.TaxRate, NpgsqlDbType.Integer, ct);
                    await w.WriteAsync(l.IsSetTax, NpgsqlDbType.Boolean, ct);
                    if (l.RealQuantity is { } rq) await w.WriteAsync(rq, NpgsqlDbType.Numeric, ct);
                    else await w.WriteNullAsync(ct);
                    if (l.RealUnitPrice is { } rp) await w.WriteAsync(rp, NpgsqlDbType.Bigint, ct);
                    else await w.WriteNullAsync(ct);
                    await w.WriteAsync(l.Weighted, NpgsqlDbType.Boolean, ct);
                }
            await w.CompleteAsync(ct);
        }
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter w, string? value, CancellationToken ct)
    {
        if (value is null) await w.WriteNullAsync(ct);
        else await w.WriteAsync(value, NpgsqlDbType.Text, ct);
    }
}
