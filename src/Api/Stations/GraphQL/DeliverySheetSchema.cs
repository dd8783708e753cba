using Cabinets.Api.GraphQL;
using Cabinets.Domain.Access;
using Cabinets.Domain.Stations.Orders;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;
using static Cabinets.Api.Stations.GraphQL.StationEnums;
using static Cabinets.Api.Stations.StationViews;

namespace Cabinets.Api.Stations.GraphQL;

/// <summary>
/// A delivery sheet as printed (TAX.md §1.6, §4.2.10): ORDERED from the order, EDITED from the
/// sheet or, when none is open, from the order. <see cref="PrintedAt"/> is known right after a
/// print; otherwise it is read from the order's events when asked for.
/// </summary>
internal sealed record SheetView(StationOrderState Order, SheetKind Kind, DateTimeOffset? PrintedAt)
{
    public bool FromSheet => Kind == SheetKind.Edited && Order.Sheet is not null;

    public IReadOnlyList<SheetLineView> Lines => Order.Lines.Select(l =>
    {
        var edited = FromSheet ? Order.Sheet!.Lines.FirstOrDefault(s => s.Ordered.SkuId == l.SkuId) : null;
        return new SheetLineView(Order.StationId, l, edited?.RealQuantity ?? l.Quantity, edited?.UnitPrice ?? l.UnitPrice, edited?.Remark ?? l.SpuRemark);
    }).ToList();
}

/// <summary>One sheet line: the ordered figures at the sheet's price, and the delivered ones (tax on the delivered amount).</summary>
internal sealed record SheetLineView(string StationId, StationOrderLine Line, decimal RealQuantity, long UnitPrice, string? Remark)
{
    public LineFigures Ordered => LineFigures.Of(Line.Quantity, UnitPrice, Line.TaxRate);

    public LineFigures Real => LineFigures.Of(RealQuantity, UnitPrice, Line.TaxRate);
}

/// <summary>The sheet query and the two sheet commands of the REST (`/delivery/update`, `/delivery/print`).</summary>
internal static class DeliverySheetSchema
{
    public static SchemaBuilder Add(SchemaBuilder schema) => schema
        .Query(q => q
            .Field("deliverySheet", "DeliverySheet", f => f
                .Argument("orderId", "String!").Argument("kind", "DeliverySheetKind!", v => v.DefaultLiteral("EDITED"))
                .RequirePermissions(Permissions.StationRead)
                .ResolveAsync(async ctx => await StationOrderSchema.LoadAsync(ctx.Untyped, ctx.Argument<string>("orderId")) is { } order
                    ? new SheetView(order.State, ctx.Argument<SheetKind>("kind"), null)
                    : null)))
        .Object<SheetView>("DeliverySheet", t => t
            .Field("orderId", "String!", s => s.Order.OrderId)
            .Field("kind", "DeliverySheetKind!", s => s.Kind)
            .Field("fromSheet", "Boolean!", s => s.FromSheet)
            .Field("lines", "[DeliverySheetLine!]!", s => s.Lines)
            .Field("totalPrice", "Long!", s => s.Lines.Sum(l => l.Ordered.Amount))
            .Field("realPrice", "Long!", s => s.Lines.Sum(l => l.Real.Amount))
            .Field("totalTax", "Long!", s => s.Lines.Sum(l => l.Real.Tax))
            .Field("realPriceWithoutTax", "Long!", s => s.Lines.Sum(l => l.Real.AmountWithoutTax))
            .Field("totalPay", "Long!", f => f.Description("realPrice: freight, coupons, refunds and abnormals are not held here.")
                .ResolveFromSource(s => s.Lines.Sum(l => l.Real.Amount)))
            .Field("taxNumber", "Int", s => s.Order.TaxNumber)
            .Field("printedAt", "DateTime", f => f.Description("The order's last print.").ResolveAsync(ctx => PrintedAtAsync(ctx.Untyped, ctx.Source))))
        .Object<SheetLineView>("DeliverySheetLine", t => t
            .Field("skuId", "String!", l => l.Line.SkuId)
            .Field("name", "String!", f => f.ResolveAsync(async ctx => (await Sku(ctx))?.Name ?? ""))
            .Field("spuName", "String!", f => f.ResolveAsync(async ctx => (await Sku(ctx))?.SpuName ?? ""))
            .Field("quantity", "Decimal!", l => StationMoney.Qty(l.Line.Quantity))
            .Field("realQuantity", "Decimal!", l => StationMoney.Qty(l.RealQuantity))
            .Field("unitPrice", "Long!", l => l.UnitPrice)
            .Field("unitPriceWithoutTax", "Long!", l => l.Real.UnitWithoutTax)
            .Field("totalItemPrice", "Long!", l => l.Ordered.Amount)
            .Field("realItemPrice", "Long!", l => l.Real.Amount)
            .Field("isTaxSet", "Boolean!", l => l.Line.IsSetTax)
            .Field("taxRate", "Int", f => f.Description("The order line's captured rate: never re-resolved on the sheet; null when not set.")
                .ResolveFromSource(l => l.Line.IsSetTax ? l.Line.TaxRate : null))
            .Field("tax", "Long!", l => l.Real.Tax)
            .Field("realItemPriceWithoutTax", "Long!", l => l.Real.AmountWithoutTax)
            .Field("remark", "String", l => l.Remark))
        .InputObject("DeliverySheetLineInput", i => i.Field("skuId", "String!").Field("realQuantity", "Decimal!")
            .Field("unitPrice", "Long", v => v.Description("Tax-inclusive, fen; absent keeps the line's.")).Field("remark", "String"))
        .InputObject("UpdateDeliverySheetInput", i => i.Field("orderId", "String!").Field("lines", "[DeliverySheetLineInput!]!").Field("remark", "String"))
        .Mutation(m => m
            .Field("updateDeliverySheet", "DeliverySheet!", f => f
                .Description("Opens the sheet from the order's lines on first use, then records delivered quantities, prices and remarks.")
                .Argument("input", "UpdateDeliverySheetInput!")
                .RequirePermissions(Permissions.StationDeliveryWrite)
                .ResolveAsync(ctx => UpdateAsync(ctx.Untyped)))
            .Field("printDeliverySheets", "[DeliverySheet!]!", f => f
                .Description("Prints 1 to 100 orders' sheets; an order printed for the first time takes the station's next tax number.")
                .Argument("orderIds", "[String!]!").Argument("kind", "DeliverySheetKind!")
                .RequirePermissions(Permissions.StationDeliveryWrite)
                .ResolveAsync(ctx => PrintAsync(ctx.Untyped))));

    private static async Task<SheetView> UpdateAsync(ResolveContext ctx)
    {
        var input = InputFields.Obj(ctx.Arguments["input"]);
        var orderId = input.Str("orderId");
        var changes = input.List("lines").Select(l => new DeliverySheetChange(l.Str("skuId"), l.Dec("realQuantity"), l.OptLong("unitPrice"), l.OptStr("remark"))).ToList();
        await StationRequests.SendAsync(ctx, new UpdateDeliverySheet(orderId, StationRequests.StationOf(ctx), changes, input.OptStr("remark"), StationRequests.Now(ctx)));
        return new SheetView((await StationOrderSchema.LoadAsync(ctx, orderId))!.State, SheetKind.Edited, null);
    }

    private static async Task<List<SheetView>> PrintAsync(ResolveContext ctx)
    {
        var ids = ctx.Argument<string[]>("orderIds");
        if (ids.Length is 0 or > 100) throw StationErrors.Invalid("orderIds", "must list 1 to 100 orders");
        var kind = ctx.Argument<SheetKind>("kind");
        var now = StationRequests.Now(ctx);
        await StationRequests.SendAsync(ctx, new PrintDeliverySheets(StationRequests.StationOf(ctx), ids, (int)kind, now));
        var sheets = new List<SheetView>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
            sheets.Add(new SheetView((await StationOrderSchema.LoadAsync(ctx, id))!.State, kind, now));
        return sheets;
    }

    private static async Task<DateTimeOffset?> PrintedAtAsync(ResolveContext ctx, SheetView sheet)
    {
        if (sheet.PrintedAt is not null || !sheet.Order.IsPrinted) return sheet.PrintedAt;
        await using var session = StationRequests.Session(ctx);
        var events = await session.Events.FetchStreamAsync(StationOrderEventNames.StreamId(sheet.Order.OrderId), token: ctx.CancellationToken);
        return events.Select(e => e.Data).OfType<DeliverySheetPrinted>().LastOrDefault()?.At;
    }

    private static Task<Domain.Stations.Reference.StationSku?> Sku(ResolveContext<SheetLineView> ctx) =>
        StationLoaders.SkuAsync(ctx.Untyped, ctx.Source.StationId, ctx.Source.Line.SkuId);
}
