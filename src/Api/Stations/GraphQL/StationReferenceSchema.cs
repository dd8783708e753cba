using Cabinets.Api.GraphQL;
using Cabinets.Api.GraphQL.Connections;
using Cabinets.Api.Stations;
using Cabinets.Domain.Access;
using Cabinets.Domain.Stations.Reference;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;

namespace Cabinets.Api.Stations.GraphQL;

/// <summary>
/// The station's merchants and SKUs (TAX.md §1.1): lists over their snapshots and the upserts that
/// load them (§6.19: the console is where this reference data comes from).
/// </summary>
internal static class StationReferenceSchema
{
    public static SchemaBuilder Add(SchemaBuilder schema) => schema
        .AddConnection(StationLists.Merchants.Table)
        .AddConnection(StationLists.Skus.Table)
        .Query(q => q
            .Field("stationMerchants", StationLists.Merchants.Table.ConnectionType() + "!", f => f
                .RequirePermissions(Permissions.StationRead)
                .UseConnection(StationLists.Merchants.Table)
                .ResolveAsync(ctx => StationConnections.ResolveAsync(StationLists.Merchants, ctx.Untyped))) // the station-scoped resolver
            .Field("stationSkus", StationLists.Skus.Table.ConnectionType() + "!", f => f
                .RequirePermissions(Permissions.StationRead)
                .UseConnection(StationLists.Skus.Table)
                .ResolveAsync(ctx => StationConnections.ResolveAsync(StationLists.Skus, ctx.Untyped))))
        .Object<StationMerchant>("StationMerchant", t => t
            .Field("addressId", "Int!", m => m.AddressId)
            .Field("uid", "Int!", m => m.Uid)
            .Field("resname", "String!", m => m.Resname)
            .Field("address", "String!", m => m.Address)
            .Field("receiverName", "String", f => f.Description("In clear, or \"erased\" once the receiver's key is deleted (ADR-0020).")
                .ResolveAsync(ctx => Vault(ctx.Untyped).RevealAsync(ctx.Source.ReceiverName, ctx.CancellationToken)))
            .Field("receiverPhoneMasked", "String", f => f.Description("The phone with its middle digits hidden: 138****0000.")
                .ResolveAsync(async ctx => Masked(await Vault(ctx.Untyped).RevealAsync(ctx.Source.ReceiverPhone, ctx.CancellationToken))))
            .Field("routeId", "Int", m => m.RouteId)
            .Field("routeName", "String", m => m.RouteName)
            .Field("districtCode", "String", m => m.DistrictCode)
            .Field("districtName", "String", m => m.DistrictName)
            .Field("city", "String", m => m.City)
            .Field("areaL1", "String", m => m.AreaL1)
            .Field("areaL2", "String", m => m.AreaL2)
            .Field("addressSignId", "String", m => m.AddressSignId)
            .Field("addressSign", "String", m => m.AddressSign)
            .Field("cname", "String", m => m.Cname)
            .Field("receiveWay", "Int", m => m.ReceiveWay))
        .Object<StationSku>("StationSku", t => t
            .Field("skuId", "String!", s => s.SkuId)
            .Field("spuId", "String!", s => s.SpuId)
            .Field("spuName", "String!", s => s.SpuName)
            .Field("name", "String!", s => s.Name)
            .Field("saleUnitName", "String!", s => s.SaleUnitName)
            .Field("stdUnitName", "String!", s => s.StdUnitName)
            .Field("saleRatio", "Decimal!", s => StationMoney.Qty(s.SaleRatio))
            .Field("salePrice", "Long!", s => s.SalePrice)
            .Field("isWeigh", "Boolean!", s => s.IsWeigh)
            .Field("state", "Boolean!", s => s.State)
            .Field("salemenuId", "String", s => s.SalemenuId)
            .Field("salemenuName", "String", s => s.SalemenuName)
            .Field("category1Id", "String", s => s.Category1Id)
            .Field("category1Title", "String", s => s.Category1Title)
            .Field("category2Id", "String", s => s.Category2Id)
            .Field("category2Title", "String", s => s.Category2Title)
            .Field("pinleiId", "String", s => s.PinleiId)
            .Field("pinleiTitle", "String", s => s.PinleiTitle)
            .Field("outerId", "String", s => s.OuterId)
            .Field("supplierId", "String", s => s.SupplierId)
            .Field("supplierName", "String", s => s.SupplierName)
            .Field("specs", "String", s => s.Specs))
        .InputObject("StationMerchantInput", i => Fields(i, "addressId: Int!, uid: Int!, resname: String!, address: String!, receiverName: String, " +
            "receiverPhone: String, routeId: Int, routeName: String, districtCode: String, districtName: String, city: String, areaL1: String, " +
            "areaL2: String, addressSignId: String, addressSign: String, cname: String").Field("receiveWay", "Int", v => v.DefaultLiteral("1")))
        .InputObject("StationSkuInput", i => Fields(i, "skuId: String!, spuId: String!, spuName: String!, name: String!, saleUnitName: String!, " +
            "stdUnitName: String!, saleRatio: Decimal!, salePrice: Long!, isWeigh: Boolean!, state: Boolean!, salemenuId: String, salemenuName: String, " +
            "category1Id: String, category1Title: String, category2Id: String, category2Title: String, pinleiId: String, pinleiTitle: String, " +
            "outerId: String, supplierId: String, supplierName: String, specs: String"))
        .Mutation(m => m
            .Field("upsertStationMerchants", "[StationMerchant!]!", f => f
                .Description("One command per merchant, in order; the first refusal stops the list (the ones before it are written).")
                .Argument("input", "[StationMerchantInput!]!")
                .RequirePermissions(Permissions.StationReferenceWrite)
                .ResolveAsync(ctx => UpsertAsync(ctx.Untyped, Merchant, m => new UpsertStationMerchant(m, StationRequests.Now(ctx.Untyped)))))
            .Field("upsertStationSkus", "[StationSku!]!", f => f
                .Description("One command per SKU, in order; the first refusal stops the list (the ones before it are written). An SKU keeps its SPU.")
                .Argument("input", "[StationSkuInput!]!")
                .RequirePermissions(Permissions.StationReferenceWrite)
                .ResolveAsync(ctx => UpsertAsync(ctx.Untyped, Sku, s => new UpsertStationSku(s, StationRequests.Now(ctx.Untyped))))));

    /// <summary>Keeps the first 3 and last 4 digits of a phone (the whole number is personal data).</summary>
    public static string? Masked(string? phone) => PersonalData.PhoneMask.Masked(phone);

    // Each item is its own stream, so a list is never one transaction; stopping at the first refusal keeps the answer simple to act on.
    private static async Task<List<T>> UpsertAsync<T>(ResolveContext ctx, Func<string, IReadOnlyDictionary<string, object?>, T> read, Func<T, object> command)
    {
        var station = StationRequests.StationOf(ctx);
        var items = ((object?[])ctx.Arguments["input"]!).Select(InputFields.Obj).Select(i => read(station, i)).ToList();
        for (var i = 0; i < items.Count; i++)
            await StationRequests.SendAsync(ctx, command(items[i]), fieldPrefix: $"input[{i}].");
        return items;
    }

    private static StationMerchant Merchant(string station, IReadOnlyDictionary<string, object?> m) => new(station, m.Int("addressId"), m.Int("uid"),
        m.Str("resname"), m.Str("address"), m.OptStr("receiverName"), m.OptStr("receiverPhone"), m.OptInt("routeId"), m.OptStr("routeName"),
        m.OptStr("districtCode"), m.OptStr("districtName"), m.OptStr("city"), m.OptStr("areaL1"), m.OptStr("areaL2"), m.OptStr("addressSignId"),
        m.OptStr("addressSign"), m.OptStr("cname"), m.OptInt("receiveWay") ?? 1);

    private static StationSku Sku(string station, IReadOnlyDictionary<string, object?> s) => new(station, s.Str("skuId"), s.Str("spuId"), s.Str("spuName"),
        s.Str("name"), s.Str("saleUnitName"), s.Str("stdUnitName"), s.Dec("saleRatio"), s.Long("salePrice"), s.Bool("isWeigh"), s.Bool("state"),
        s.OptStr("salemenuId"), s.OptStr("salemenuName"), s.OptStr("category1Id"), s.OptStr("category1Title"), s.OptStr("category2Id"),
        s.OptStr("category2Title"), s.OptStr("pinleiId"), s.OptStr("pinleiTitle"), s.OptStr("outerId"), s.OptStr("supplierId"),
        s.OptStr("supplierName"), s.OptStr("specs"));

    /// <summary>Declares input fields from their SDL, <c>"name: Type, …"</c>, for the two wide inputs.</summary>
    private static InputObjectTypeBuilder Fields(InputObjectTypeBuilder input, string sdl)
    {
        foreach (var field in sdl.Split(',', StringSplitOptions.TrimEntries))
        {
            var (name, type) = (field[..field.IndexOf(':', StringComparison.Ordinal)], field[(field.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
            input.Field(name, type);
        }
        return input;
    }

    private static Cabinets.Api.PersonalData.PersonalDataVault Vault(Cabinets.GraphQL.Execution.ResolveContext ctx) =>
        StationRequests.Service<Cabinets.Api.PersonalData.PersonalDataVault>(ctx);
}
