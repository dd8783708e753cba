using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Inventory;
using Cabinets.Projections.Fulfillment;
using Marten;
using Npgsql;

namespace Cabinets.Fulfillment.Bench;

/// <summary>Sellable as FULFILLMENT.md §2.8 defines it, summed in SQL straight from the stored events.</summary>
internal sealed record Expected(int Sellable, long OnHand, long ShopFreeze, long BranchFreeze);

/// <summary>
/// The answer checked once per measured sales material, two ways. (1) Against the formula computed
/// in SQL from mt_events alone — B(s) and S(s) from the branch_registered events, the parts from
/// sales_material_registered, on hand as the last OnHandAfter, freezes as frozen − released — so
/// neither the snapshot rows nor the C# arithmetic take part. (2) Every snapshot row the answer read
/// against Marten's live aggregation of its stream (AggregateStreamAsync through the same projection).
/// </summary>
internal static class Verification
{
    private const string Sql = """
        with branches as (
          select data->>'BranchCode' as code, data->'LinkedShopCodes' as shops from mt_events
           where type = 'fulfillment.branch_registered.v1' and (data->>'Online')::boolean and (data->>'Role')::int = 0 and data->'LinkedShopCodes' ? $1),
        sharing as (select distinct jsonb_array_elements_text(shops) as code from branches),
        parts as (
          select c->>'BasicMaterialCode' as material, (c->>'Quantity')::int as per
            from mt_events, jsonb_array_elements(data->'Components') c
           where stream_id = 'fulfillment-sales-material-' || $2 and type = 'fulfillment.sales_material_registered.v1'),
        branch_levels as (
          select p.material,
                 coalesce(sum((select (e.data->>'OnHandAfter')::bigint from mt_events e where e.stream_id = 'fulfillment-branch-stock-' || b.code || ':' || p.material
                                 and e.type in ('fulfillment.stock_received.v1', 'fulfillment.stock_issued.v1') order by e.version desc limit 1)), 0) as on_hand,
                 coalesce(sum((select sum(case e.type when 'fulfillment.branch_stock_frozen.v1' then 1 else -1 end * (e.data->>'Quantity')::bigint)
                                 from mt_events e where e.stream_id = 'fulfillment-branch-stock-' || b.code || ':' || p.material
                                 and e.type in ('fulfillment.branch_stock_frozen.v1', 'fulfillment.branch_stock_released.v1'))), 0) as branch_freeze
            from parts p cross join branches b group by p.material),
        shop_levels as (
          select p.material, coalesce(sum(case e.type when 'fulfillment.shop_stock_frozen.v1' then 1 when 'fulfillment.shop_stock_released.v1' then -1 end
                                          * (e.data->>'Quantity')::bigint), 0) as shop_freeze
            from parts p cross join sharing s
            left join mt_events e on e.stream_id = 'fulfillment-shop-freeze-' || s.code || ':' || p.material
           group by p.material)
        select min(floor((b.on_hand - s.shop_freeze - b.branch_freeze)::numeric / p.per))::int, sum(b.on_hand)::bigint, sum(s.shop_freeze)::bigint, sum(b.branch_freeze)::bigint
          from parts p join branch_levels b using (material) join shop_levels s using (material)
        """;

    /// <summary>The measured shop's answer for one sales material against both, as one line of the report.</summary>
    public static async Task<(string Line, bool Ok)> CheckAsync(IDocumentStore store, NpgsqlDataSource db, string code, CancellationToken ct)
    {
        var answer = await QueryCases.AnswerAsync(store, code, ct) ?? throw new InvalidOperationException($"{code} not found");
        var expected = await FromEventsAsync(db, QueryCases.MeasuredShop, code, ct);
        var sharing = await QueryCases.SharingAsync(store, ct);
        var (compared, differing) = await SnapshotsAsync(store, answer, sharing, ct);
        var single = answer.Parts.Count == 1;
        var shape = answer.Branches.Count == StockLayout.Branches * answer.Parts.Count && sharing.Count == StockLayout.Shops;
        var ok = shape && answer.Sellable == expected.Sellable && differing.Count == 0
                 && (!single || (answer.OnHand, answer.GlobalShopFreeze, answer.BranchFreeze) == (expected.OnHand, expected.ShopFreeze, expected.BranchFreeze));
        var parts = string.Join(", ", answer.Parts.Select(p => $"{p.BasicMaterialCode}×{p.PerBundle}: {p.Sellable} → {p.Bundles}"));
        return ($"check {QueryCases.MeasuredShop}/{code}: SellableAsync = {answer.Sellable} [{parts}] over {answer.Branches.Count} branch stocks and {sharing.Count} sharing shops"
                + $"; from mt_events in SQL = {expected.Sellable} (on hand {expected.OnHand} − shop freeze {expected.ShopFreeze} − branch freeze {expected.BranchFreeze}{(single ? "" : ", summed over the parts")})"
                + $"; {compared} snapshot rows = Marten's live aggregation: {(differing.Count == 0 ? "yes" : $"NO ({string.Join(", ", differing.Take(3))})")} → {(ok ? "ok" : "MISMATCH")}", ok);
    }

    private static async Task<Expected> FromEventsAsync(NpgsqlDataSource db, string shopCode, string salesMaterialCode, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(Sql);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = shopCode });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = salesMaterialCode });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct) || reader.IsDBNull(0)) throw new InvalidOperationException($"no events for {salesMaterialCode} in {shopCode}");
        return new Expected(reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <summary>The streams behind <paramref name="answer"/> whose snapshot row differs from Marten's live aggregation (empty when all agree), and how many were compared.</summary>
    private static async Task<(int Compared, IReadOnlyList<string> Differing)> SnapshotsAsync(IDocumentStore store, SellableStock answer, IReadOnlyList<string> sharing, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var differing = new List<string>();
        var compared = 0;
        foreach (var stock in answer.Branches)
        {
            var id = FulfillmentEventNames.BranchStock(stock.BranchCode, stock.BasicMaterialCode);
            var live = await session.Events.AggregateStreamAsync<BranchStockSnapshot>(id, token: ct);
            var row = await session.LoadAsync<BranchStockSnapshot>(id, ct);
            compared++;
            if (live is null || live.ToState() != row?.ToState() || row.ToState() != stock) differing.Add(id);
        }
        foreach (var part in answer.Parts)
        {
            foreach (var shop in sharing)
            {
                var id = FulfillmentEventNames.ShopFreeze(shop, part.BasicMaterialCode);
                var live = await session.Events.AggregateStreamAsync<ShopFreezeSnapshot>(id, token: ct);
                var row = await session.LoadAsync<ShopFreezeSnapshot>(id, ct);
                compared++;
                if (live is null || live.ToState() != row?.ToState()) differing.Add(id);
            }
        }
        return (compared, differing);
    }
}
