using System.Globalization;
using Cabinets.Domain.Fulfillment;

namespace Cabinets.Fulfillment.Bench;

/// <summary>One stock event in load order: its stream (index into the branch-stock or the shop-freeze streams), version, time and body.</summary>
internal sealed record StockEvent(bool OfBranch, int Stream, int Version, DateTimeOffset At, object Data);

/// <summary>
/// What the bench loads: 50 shops, 20 online SHIPPING branches, N basic materials with one NORMAL
/// sales material each and N/5 BUNDLEs of 3 parts (×1, ×2, ×3). Every branch is linked to the measured
/// shop SHOP001 and to 10 of the other 49, the windows overlapping so that all 50 share them: B(SHOP001)
/// is all 20 branches and S(SHOP001) all 50 shops (FULFILLMENT.md §2.8). Each (branch, material) stream
/// gets 5 events and each (shop, material) stream 2, in rounds over all streams as time goes by, so
/// N = 5,000 gives 5,000 × (20 × 5 + 50 × 2) = 1,000,000 stock events. Quantities come from a fixed hash
/// of the stream, so every run loads the same numbers.
/// </summary>
internal sealed class StockLayout(int materials)
{
    public const int Branches = 20, Shops = 50, BranchEvents = 5, ShopEvents = 2, LinksPerBranch = 10;
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(8));

    public int Materials => materials;
    public int Bundles => Math.Max(1, materials / 5);
    public int BranchStreams => materials * Branches;
    public int ShopStreams => materials * Shops;
    public long EventCount => (long)BranchStreams * BranchEvents + (long)ShopStreams * ShopEvents;

    public static string Shop(int s) => string.Create(CultureInfo.InvariantCulture, $"SHOP{s + 1:000}");
    public static string Branch(int b) => string.Create(CultureInfo.InvariantCulture, $"BR{b + 1:00}");
    public static string Material(int m) => string.Create(CultureInfo.InvariantCulture, $"M{m + 1:00000}");
    public static string Normal(int m) => string.Create(CultureInfo.InvariantCulture, $"SM{m + 1:00000}");
    public static string Bundle(int k) => string.Create(CultureInfo.InvariantCulture, $"BD{k + 1:0000}");

    /// <summary>SHOP001 and a window of 10 of the other 49; the windows of branches 0-9 (offsets 0, 5, … 45) already cover all 49.</summary>
    public static IReadOnlyList<string> LinkedShops(int b) => [Shop(0), .. Enumerable.Range(0, LinksPerBranch).Select(k => Shop(1 + (b * 5 + k) % (Shops - 1)))];

    /// <summary>A bundle's parts: three distinct materials (N ≥ 3), one, two and three of each.</summary>
    public IReadOnlyList<SalesComponent> BundleParts(int k) => [.. Enumerable.Range(0, 3).Select(j => new SalesComponent(Material((k * 3 + j) % materials), j + 1))];

    public string BranchStream(int index) => FulfillmentEventNames.BranchStock(Branch(index % Branches), Material(index / Branches));
    public string ShopStream(int index) => FulfillmentEventNames.ShopFreeze(Shop(index % Shops), Material(index / Shops));

    /// <summary>Every stock event in the order it is stored: round r of every material's branch streams, then (r &lt; 2) its shop streams.</summary>
    public IEnumerable<StockEvent> Events()
    {
        long n = 0;
        for (var r = 0; r < BranchEvents; r++)
        {
            for (var m = 0; m < materials; m++)
            {
                for (var b = 0; b < Branches; b++)
                {
                    var at = At(n++);
                    yield return new(true, m * Branches + b, r + 1, at, BranchEvent(r, b, m, at));
                }
                if (r >= ShopEvents) continue;
                for (var s = 0; s < Shops; s++)
                {
                    var at = At(n++);
                    yield return new(false, m * Shops + s, r + 1, at, ShopEvent(r, s, m, at));
                }
            }
        }
    }

    private static DateTimeOffset At(long n) => Start.AddSeconds(2 * n);

    // A purchase of q1 approved, received and out of transit; a delivery holding f of it; a second purchase of q2 approved, not yet in.
    private static object BranchEvent(int round, int b, int m, DateTimeOffset at)
    {
        var (branch, material) = (Branch(b), Material(m));
        var q1 = 50 + Hash(b, m, 1) % 200;
        var receipt = $"PR-{branch}-{material}";
        return round switch
        {
            0 => new StockInTransitAdded(branch, material, q1, receipt, InTransitCause.Approved, at),
            1 => new StockReceived(branch, material, q1, StockLedgerType.PurchaseIn, receipt, q1, at),
            2 => new StockInTransitRemoved(branch, material, q1, receipt, InTransitCause.Received, at),
            3 => new BranchStockFrozen(branch, material, 1 + Hash(b, m, 2) % (q1 / 4), StockDocumentType.Delivery, $"DL-{branch}-{material}", at),
            _ => new StockInTransitAdded(branch, material, 10 + Hash(b, m, 3) % 40, receipt + "-2", InTransitCause.Approved, at),
        };
    }

    // An order freezes a units in the shop; review moves r ≤ a of them into a delivery.
    private static object ShopEvent(int round, int s, int m, DateTimeOffset at)
    {
        var (shop, material) = (Shop(s), Material(m));
        var frozen = 1 + Hash(s, m, 4) % 8;
        var order = $"O-{shop}-{material}";
        return round == 0
            ? new ShopStockFrozen(shop, material, frozen, order, ShopFreezeCause.OrderCreated, at)
            : new ShopStockReleased(shop, material, 1 + Hash(s, m, 5) % frozen, order, ShopReleaseCause.DeliveryCreated, at);
    }

    /// <summary>A fixed integer mix (not HashCode, which is seeded per process).</summary>
    private static int Hash(int a, int b, int salt)
    {
        var x = (ulong)(uint)a * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)b * 0xC2B2AE3D27D4EB4FUL ^ (ulong)(uint)salt * 0x165667B19E3779F9UL;
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        return (int)(x % int.MaxValue);
    }
}
