using Cabinets.Api.GraphQL.Connections;
using Cabinets.Domain.Access;
using Cabinets.Domain.Stations;
using Cabinets.Domain.Stations.Orders;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;
using Marten;
using Npgsql;
using static Cabinets.Api.Stations.GraphQL.StationEnums;
using static Cabinets.Api.Stations.StationViews;

namespace Cabinets.Api.Stations.GraphQL;

/// <summary>A line of an order, with the order it belongs to (its station, and the time a V1 line stands in for its capture).</summary>
internal sealed record OrderLineView(StationOrderState Order, StationOrderLine Line)
{
    public LineFigures Figures => LineFigures.Of(Line.Quantity, Line.UnitPrice, Line.TaxRate);
}

/// <summary>
/// Station orders of TAX.md §4.3. Taxes are derived at read time from each line's captured rate
/// with §1.7's arithmetic (<see cref="LineFigures"/>, as the REST detail); a rate that was not set
/// is null here where the REST shows 0.
/// </summary>
internal static class StationOrderSchema
{
    public static SchemaBuilder Add(SchemaBuilder schema) => StationOrderMutations.Add(schema
        .AddConnection(StationLists.Orders.Table)
        .Query(q => q
            .Field("stationOrders", StationLists.Orders.Table.ConnectionType() + "!", f => f
                .Description("The caller's station's orders, filtered, sorted and paged in the database.")
                .RequirePermissions(Permissions.StationRead)
                .UseConnection(StationLists.Orders.Table)
                .ResolveAsync(ctx => StationConnections.ResolveAsync(StationLists.Orders, ctx.Untyped))) // the station-scoped resolver
            .Field("stationOrder", "StationOrder", f => f
                .Argument("orderId", "String!")
                .RequirePermissions(Permissions.StationRead)
                .ResolveAsync(ctx => LoadAsync(ctx.Untyped, ctx.Argument<string>("orderId")))))
        .Object<StationOrderView>("StationOrder", t => t
            .Field("orderId", "String!", o => o.State.OrderId)
            .Field("stationId", "String!", o => o.State.StationId)
            .Field("merchant", "StationMerchant!", f => f.ResolveAsync(ctx => StationLoaders.MerchantAsync(ctx.Untyped, ctx.Source.State.StationId, ctx.Source.State.AddressId)))
            .Field("uid", "Int!", o => o.State.Uid)
            .Field("status", "StationOrderStatus!", o => (OrderStatus)o.State.Status)
            .Field("payStatus", "StationPayStatus!", o => (PayStatus)o.State.PayStatus)
            .Field("timeConfigId", "String!", o => o.State.TimeConfigId)
            .Field("receiveBeginTime", "DateTime!", o => o.State.ReceiveBeginTime)
            .Field("receiveEndTime", "DateTime!", o => o.State.ReceiveEndTime)
            .Field("remark", "String", o => o.State.Remark)
            .Field("address", "String", o => o.State.Address)
            .Field("createdAt", "DateTime!", o => o.State.CreatedAt)
            .Field("modifiedAt", "DateTime!", o => o.State.ModifiedAt)
            .Field("version", "Int!", o => checked((int)o.Version))
            .Field("lines", "[StationOrderLine!]!", o => o.State.Lines.Select(l => new OrderLineView(o.State, l)).ToList())
            .Field("totalPrice", "Long!", o => Lines(o).Sum(l => l.Figures.Amount))
            .Field("totalTax", "Long!", o => Lines(o).Sum(l => l.Figures.Tax))
            .Field("totalPriceWithoutTax", "Long!", o => Lines(o).Sum(l => l.Figures.AmountWithoutTax))
            .Field("hasDeliverySheet", "Boolean!", o => o.State.Sheet is not null)
            .Field("taxNumber", "Int", o => o.State.TaxNumber))
        .Object<OrderLineView>("StationOrderLine", t => t
            .Field("sku", "StationSku!", f => f.ResolveAsync(ctx => Sku(ctx)))
            .Field("skuId", "String!", l => l.Line.SkuId)
            .Field("spuId", "String!", l => l.Line.SpuId)
            .Field("name", "String!", f => f.ResolveAsync(async ctx => (await Sku(ctx))?.Name ?? ""))
            .Field("quantity", "Decimal!", l => StationMoney.Qty(l.Line.Quantity))
            .Field("unitPrice", "Long!", f => f.Description("Tax-inclusive, per sale unit, fen.").ResolveFromSource(l => l.Line.UnitPrice))
            .Field("unitPriceWithoutTax", "Long!", l => l.Figures.UnitWithoutTax)
            .Field("stdSalePrice", "Long!", f => f.Description("Per base unit: unitPrice / saleRatio, half up.")
                .ResolveAsync(async ctx => TaxArithmetic.PerBaseUnit(ctx.Source.Line.UnitPrice, (await Sku(ctx))?.SaleRatio ?? 1m)))
            .Field("amount", "Long!", f => f.Description("total_item_price: round(quantity × unitPrice).").ResolveFromSource(l => l.Figures.Amount))
            .Field("isTaxSet", "Boolean!", l => l.Line.IsSetTax)
            .Field("taxRate", "Int", f => f.Description("Basis points captured on the line; null when not set, 0 for a 0 % rule.")
                .ResolveFromSource(l => l.Line.IsSetTax ? l.Line.TaxRate : null))
            .Field("tax", "Long!", l => l.Figures.Tax)
            .Field("amountWithoutTax", "Long!", l => l.Figures.AmountWithoutTax)
            .Field("taxRule", "TaxRule", f => f.Description("The rule the rate came from, as it stands now (its rate may have changed since).")
                .ResolveAsync(ctx => StationLoaders.RuleAsync(ctx.Untyped, ctx.Source.Order.StationId, ctx.Source.Line.TaxRuleId)))
            .Field("rateCapturedAt", "DateTime!", l => l.Line.RateCapturedAt ?? l.Order.CreatedAt)
            .Field("isPriceTiming", "Boolean!", l => l.Line.IsPriceTiming)
            .Field("spuRemark", "String", l => l.Line.SpuRemark)));

    /// <summary>The caller's station's order, read fresh with its version; null when the station has no such order.</summary>
    public static Task<StationOrderView?> LoadAsync(ResolveContext ctx, string orderId) => StationLists.OrderAsync(
        StationRequests.Service<NpgsqlDataSource>(ctx), StationRequests.Service<IDocumentStore>(ctx).Options.Serializer(),
        StationRequests.StationOf(ctx), orderId, ctx.CancellationToken);

    private static IEnumerable<OrderLineView> Lines(StationOrderView o) => o.State.Lines.Select(l => new OrderLineView(o.State, l));

    private static Task<Domain.Stations.Reference.StationSku?> Sku(ResolveContext<OrderLineView> ctx) =>
        StationLoaders.SkuAsync(ctx.Untyped, ctx.Source.Order.StationId, ctx.Source.Line.SkuId);
}
