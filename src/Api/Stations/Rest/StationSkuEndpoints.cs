using Cabinets.Domain.Access;
using Cabinets.Domain.Stations.Reference;
using Cabinets.Projections.Stations;
using Cabinets.Projections.Stations.OrderLines;
using Marten;
using Npgsql;
using static Cabinets.Api.Stations.Rest.StationRest;
using static Cabinets.Api.Stations.StationMoney;

namespace Cabinets.Api.Stations.Rest;

/// <summary>
/// `GET /station/skus/addr` (TAX.md §2.3, §4.2.3): the station's SKUs for a merchant with the rate a
/// line of each would capture now. `usual_type` 1 lists what the merchant ordered before, most
/// ordered first (from the order-lines model); 2 lists every match.
/// </summary>
internal static class StationSkuEndpoints
{
    public static IEndpointRouteBuilder MapStationSkuEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/station/skus/addr", Preview);
        return app;
    }

    private static async Task<IResult> Preview(HttpContext http, IQuerySession session, NpgsqlDataSource db, CancellationToken ct)
    {
        if (Caller(http, Permissions.StationRead, out var refusal) is not var (station, _)) return refusal!;
        var q = http.Request.Query;
        string? One(string key) => q.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        if (!int.TryParse(One("address_id"), out var addressId) || addressId <= 0) return Invalid("address_id", "must be a positive integer");
        var active = One("active") ?? "0";
        if (active is not ("0" or "1")) return Invalid("active", "must be 0 or 1");
        var usual = One("usual_type") ?? "2";
        if (usual is not ("1" or "2")) return Invalid("usual_type", "must be 1 or 2");
        if (!int.TryParse(One("offset") ?? "0", out var offset) || offset < 0) return Invalid("offset", "must be >= 0");
        if (!int.TryParse(One("limit") ?? "20", out var limit) || limit is < 1 or > 100) return Invalid("limit", "must be 1 to 100");
        var text = One("search_text");

        IReadOnlyList<StationSku> skus;
        if (usual == "1")
        {
            // What the merchant ordered before, most ordered first; then the same filters.
            var usualIds = await UsualSkusAsync(db, station, addressId, ct);
            var docs = usualIds.Count == 0 ? [] : await session.LoadManyAsync<StationSkuSnapshot>(ct,
                usualIds.Select(id => StationReferenceEventNames.SkuStreamId(station, id)).ToArray());
            var byId = docs.Where(d => d.Sku is not null).ToDictionary(d => d.SkuId, d => d.Sku!);
            skus = usualIds.Where(byId.ContainsKey).Select(id => byId[id]).Where(s => Matches(s, text) && (active == "0" || s.State))
                .Skip(offset).Take(limit).ToList();
        }
        else
        {
            var query = session.Query<StationSkuSnapshot>().Where(x => x.StationId == station);
            if (active == "1") query = query.Where(x => x.Sku!.State);
            if (text is not null)
                query = query.Where(x => x.Sku!.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || x.SkuId == text || x.Sku.SpuId == text || x.Sku.OuterId == text);
            skus = (await query.OrderBy(x => x.SkuId).Skip(offset).Take(limit).ToListAsync(ct)).Select(x => x.Sku!).ToList();
        }

        var book = await StationLookups.TaxRulesAsync(session, station, ct);
        return Ok(skus.Select(s =>
        {
            var rate = book.RateFor(addressId, s.SpuId);
            return new Dictionary<string, object?>
            {
                ["id"] = s.SkuId, ["spu_id"] = s.SpuId, ["name"] = s.Name, ["sale_unit_name"] = s.SaleUnitName, ["std_unit_name"] = s.StdUnitName,
                ["sale_ratio"] = Qty(s.SaleRatio), ["sale_price"] = Yuan(s.SalePrice),
                ["unit_price"] = Yuan(Domain.Stations.TaxArithmetic.PerBaseUnit(s.SalePrice, s.SaleRatio)), ["is_weigh"] = s.IsWeigh ? 1 : 0,
                ["state"] = s.State ? 1 : 0, ["salemenu_id"] = s.SalemenuId ?? "", ["salemenu_name"] = s.SalemenuName ?? "",
                ["category_id_1"] = s.Category1Id ?? "", ["category_title_1"] = s.Category1Title ?? "", ["category_id_2"] = s.Category2Id ?? "",
                ["category_title_2"] = s.Category2Title ?? "", ["outer_id"] = s.OuterId ?? "", ["supplier_name"] = s.SupplierName ?? "",
                ["tax_rate"] = rate.TaxRate, ["is_set_tax"] = rate.IsSet ? 1 : 0,
            };
        }).ToList());
    }

    private static bool Matches(StationSku s, string? text) => text is null || s.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
        || s.SkuId == text || s.SpuId == text || s.OuterId == text;

    private static async Task<List<string>> UsualSkusAsync(NpgsqlDataSource db, string station, int addressId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            select l.sku_id from {StationOrderLineTables.Schema}.station_order_lines l
              join {StationOrderLineTables.Schema}.station_orders o on o.order_id = l.order_id
             where o.station_id = $1 and o.address_id = $2 and o.status <> -1
             group by l.sku_id order by count(*) desc, l.sku_id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = station });
        cmd.Parameters.Add(new NpgsqlParameter { Value = addressId });
        var ids = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetString(0));
        return ids;
    }
}
