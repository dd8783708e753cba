using System.Diagnostics;
using Cabinets.Api.Fulfillment.Stock;
using Cabinets.Domain.Fulfillment.Inventory;
using Cabinets.Projections.Fulfillment;
using Marten;
using Npgsql;

namespace Cabinets.Fulfillment.Bench;

/// <summary>One timed case: its name, whether issue 12's target applies to it, and one call (the run index picks its arguments, so the cases walk over materials).</summary>
internal sealed record QueryCase(string Name, bool Targeted, Func<int, CancellationToken, Task> Run);

/// <summary>Latencies of one case, in milliseconds.</summary>
internal sealed record Timing(string Name, bool Targeted, double P50, double P99, double Max);

/// <summary>
/// The timed cases: <see cref="SellableQueries.SellableAsync"/> as the Api registers it (in process,
/// no GraphQL or HTTP) for the measured shop, over NORMAL sales materials and over BUNDLEs of 3; the
/// same primary-key look-up through a Marten query session, to show what the session itself costs;
/// and the baseline, a primary-key look-up of one snapshot row by raw Npgsql on the same data source.
/// </summary>
internal static class QueryCases
{
    public const string MeasuredShop = "SHOP001";

    private static int Walk(int i, int count) => (int)((long)i * 7919 % count);

    public static QueryCase Baseline(NpgsqlDataSource db, StockLayout layout) => new("baseline: one branch-stock snapshot row by primary key (Npgsql)", false, async (i, ct) =>
    {
        await using var cmd = db.CreateCommand("select data from mt_doc_branchstocksnapshot where id = $1");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = layout.BranchStream(Walk(i, layout.BranchStreams)) });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) { }
    });

    public static IReadOnlyList<QueryCase> All(IDocumentStore store, StockLayout layout)
    {
        var sellable = new SellableQueries(store);
        return
        [
            new($"SellableAsync NORMAL (1 part: {StockLayout.Branches} stock + {StockLayout.Shops} freeze rows)", true,
                async (i, ct) => Found(await sellable.SellableAsync(MeasuredShop, StockLayout.Normal(Walk(i, layout.Materials)), ct))),
            new($"SellableAsync BUNDLE of 3 ({3 * StockLayout.Branches} stock + {3 * StockLayout.Shops} freeze rows)", true,
                async (i, ct) => Found(await sellable.SellableAsync(MeasuredShop, StockLayout.Bundle(Walk(i, layout.Bundles)), ct))),
            new("Marten LoadAsync<BranchStockSnapshot> of one row (query session)", false, async (i, ct) =>
            {
                await using var session = store.QuerySession();
                Found(await session.LoadAsync<BranchStockSnapshot>(layout.BranchStream(Walk(i, layout.BranchStreams)), ct));
            }),
        ];
    }

    private static void Found(object? answer)
    {
        if (answer is null) throw new InvalidOperationException("a measured sales material or stock row was not found");
    }

    public static async Task<Timing> TimeAsync(QueryCase c, int runs, CancellationToken ct)
    {
        for (var i = 0; i < Math.Max(5, runs / 10); i++) await c.Run(i, ct); // warm-up: plans, pool, buffers, JIT
        var ms = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await c.Run(i, ct);
            ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(ms);
        return new Timing(c.Name, c.Targeted, ms[runs / 2], ms[Math.Min(runs - 1, (int)(runs * 0.99))], ms[^1]);
    }

    /// <summary>The measured shop's answers for one sales material, for the check.</summary>
    public static Task<SellableStock?> AnswerAsync(IDocumentStore store, string salesMaterialCode, CancellationToken ct) =>
        new SellableQueries(store).SellableAsync(MeasuredShop, salesMaterialCode, ct);

    /// <summary>S(s) of the measured shop as the query sees it: every shop linked to one of its branches.</summary>
    public static async Task<IReadOnlyList<string>> SharingAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var branches = (await session.Query<BranchSnapshot>().ToListAsync(ct)).Select(b => b.State!).ToList();
        return SellableStocks.ShopsSharing(SellableStocks.BranchesOf(MeasuredShop, branches));
    }
}
