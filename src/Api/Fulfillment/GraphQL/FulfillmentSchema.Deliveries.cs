using Cabinets.Api.Fulfillment.Handlers;
using Cabinets.Api.Fulfillment.Stock;
using Cabinets.Api.GraphQL;
using Cabinets.Api.GraphQL.Connections;
using Cabinets.Domain.Access;
using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.Catalog;
using Cabinets.Domain.Fulfillment.Inventory;
using Cabinets.Domain.Fulfillment.Orders;
using Cabinets.Domain.Fulfillment.Purchasing;
using Cabinets.Domain.Fulfillment.WriteBack;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;
using Cabinets.Projections.Fulfillment;
using Marten;

namespace Cabinets.Api.Fulfillment.GraphQL;

internal static partial class FulfillmentSchema
{
    /// <summary>The console's deliveries and the warehouse's steps on them (§2.11-2.13).</summary>
    private static SchemaBuilder AddDeliveries(SchemaBuilder schema) => schema
        .AddConnection(FulfillmentLists.Deliveries)
        .Enum<DeliveryStatus>("DeliveryStatus")
        .Enum<DeliveryCloseReason>("DeliveryCloseReason")
        .Enum("PrintDocument", e => e.Value("STOCK_LIST", PrintDocuments.StockList).Value("DELIVERY_NOTE", PrintDocuments.DeliveryNote).Value("EXPRESS_LABEL", PrintDocuments.ExpressLabel))
        .Enum("DeliveryProcessStatus", e => e.Value("NONE", 0).Value("PRINTED", 1).Value("VERIFIED", 3).Value("CONSIGNED", 7))
        .Object<(DeliveryState Delivery, DeliveryLine Line)>("DeliveryLine", t => t
            .Field("id", "ID!", l => l.Line.LineId)
            .Field("basicMaterialCode", "String!", l => l.Line.BasicMaterialCode)
            .Field("barcode", "String", l => l.Line.Barcode)
            .Field("number", "Int!", l => l.Line.Number)
            .Field("verifyNum", "Int!", l => l.Delivery.VerifiedOf(l.Line.LineId))
            .Field("verified", "Boolean!", l => l.Delivery.Verified || l.Delivery.VerifiedOf(l.Line.LineId) >= l.Line.Number))
        .Object<DeliveryState>("Delivery", t => t
            .Field("id", "ID!", d => d.DeliveryId)
            .Field("deliveryBn", "String!", d => d.DeliveryBn)
            .Field("orderId", "ID!", d => d.OrderId)
            .Field("branch", "Branch!", f => f.ResolveAsync(async ctx => (object?)await BranchAsync(ctx.Untyped, ctx.Source.BranchCode)))
            .Field("logisticsCode", "String", d => d.LogisticsCode)
            .Field("status", "DeliveryStatus!", d => d.Status)
            .Field("lines", "[DeliveryLine!]!", d => d.Lines.Select(l => (d, l)).ToList())
            .Field("logisticsNo", "String", d => d.LogisticsNo)
            .Field("closeReason", "DeliveryCloseReason", d => d.CloseReason)
            .Field("printStatus", "Int!", d => (int)d.PrintStatus)
            .Field("processStatus", "DeliveryProcessStatus!", d => d.ProcessStatus)
            .Field("batchNo", "String", d => d.BatchNo)
            .Field("weightGrams", "Int", d => d.WeightGrams)
            .Field("consignedAt", "DateTime", d => d.ConsignedAt)
            .Field("createdAt", "DateTime!", d => d.CreatedAt))
        .Payload("DeliveryPayload", "delivery", "Delivery")
        .Object<PrintPayload>("PrintDeliveriesPayload", t => t
            .Field("batchNo", "String", p => p.BatchNo)
            .Field("deliveries", "[Delivery!]!", p => p.Deliveries)
            .Field("errors", "[UserError!]!", p => p.Errors))
        .InputObject("SetLogisticsNoInput", i => i.Field("deliveryId", "ID!").Field("logisticsNo", "String!"))
        .InputObject("PrintDeliveriesInput", i => i.Field("deliveryIds", "[ID!]!").Field("documents", "[PrintDocument!]!"))
        .InputObject("VerifyDeliveryItemInput", i => i.Field("logisticsNo", "String!").Field("barcode", "String!"))
        .InputObject("LogisticsNoInput", i => i.Field("logisticsNo", "String!"))
        .InputObject("ConsignDeliveryInput", i => i.Field("logisticsNo", "String!").Field("weightGrams", "Int"))
        .Query(q => q
            .Field("deliveries", FulfillmentLists.Deliveries.ConnectionType() + "!", f => f
                .RequirePermissions(Permissions.FulfillmentRead)
                .UseConnection(FulfillmentLists.Deliveries, read: ctx => { var read = BySerializer<DeliverySnapshot>(ctx); return r => read(r).State!; }))
            .Field("delivery", "Delivery", f => f
                .Argument("id", "ID!")
                .RequirePermissions(Permissions.FulfillmentRead)
                .ResolveAsync(async ctx => (object?)await DeliveryAsync(ctx.Untyped, ctx.Argument<string>("id")))))
        .Mutation(m => m
            .Field("setLogisticsNo", "DeliveryPayload!", f => f
                .Argument("input", "SetLogisticsNoInput!")
                .RequirePermissions(Permissions.FulfillmentDeliveriesWork)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    return await FulfillmentRequests.SendAsync(ctx.Untyped, new SetLogisticsNoCommand(input.Str("deliveryId"), input.Str("logisticsNo"), FulfillmentRequests.Now(ctx.Untyped)),
                        async id => await DeliveryAsync(ctx.Untyped, (string)id!));
                }))
            .Field("printDeliveries", "PrintDeliveriesPayload!", f => f
                .Description("Prints documents of NORMAL deliveries in one batch (§2.11): all of them or, on a refusal, none.")
                .Argument("input", "PrintDeliveriesInput!")
                .RequirePermissions(Permissions.FulfillmentDeliveriesWork)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    var ids = ((object?[])input["deliveryIds"]!).Cast<string>().ToList();
                    var documents = ((object?[])input["documents"]!).Cast<PrintDocuments>().Aggregate(PrintDocuments.None, (all, d) => all | d);
                    var payload = await FulfillmentRequests.SendAsync(ctx.Untyped, new PrintDeliveriesCommand(ids, documents, GraphQLRequestContext.Of(ctx.Untyped).Actor.Id,
                        FulfillmentRequests.Now(ctx.Untyped)), id => Task.FromResult(id));
                    var deliveries = new List<DeliveryState>();
                    if (payload.Errors.Count == 0)
                        foreach (var id in ids) if (await DeliveryAsync(ctx.Untyped, id) is { } d) deliveries.Add(d);
                    return new PrintPayload((string?)payload.Node, deliveries, payload.Errors);
                }))
            .Field("verifyDeliveryItem", "DeliveryPayload!", f => f
                .Argument("input", "VerifyDeliveryItemInput!")
                .RequirePermissions(Permissions.FulfillmentDeliveriesWork)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    return await FulfillmentRequests.SendAsync(ctx.Untyped, new VerifyDeliveryItemCommand(input.Str("logisticsNo"), input.Str("barcode"), FulfillmentRequests.Now(ctx.Untyped)),
                        async id => await DeliveryAsync(ctx.Untyped, (string)id!));
                }))
            .Field("verifyDeliveryWhole", "DeliveryPayload!", f => f
                .Argument("input", "LogisticsNoInput!")
                .RequirePermissions(Permissions.FulfillmentDeliveriesWork)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    return await FulfillmentRequests.SendAsync(ctx.Untyped, new VerifyDeliveryWholeCommand(input.Str("logisticsNo"), FulfillmentRequests.Now(ctx.Untyped)),
                        async id => await DeliveryAsync(ctx.Untyped, (string)id!));
                }))
            .Field("consignDelivery", "DeliveryPayload!", f => f
                .Description("Ships a verified delivery (§2.13): its units leave the branch, the order is shipped. The channel is not told yet (its port is not built).")
                .Argument("input", "ConsignDeliveryInput!")
                .RequirePermissions(Permissions.FulfillmentDeliveriesWork)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    return await FulfillmentRequests.SendAsync(ctx.Untyped, new ConsignDeliveryCommand(input.Str("logisticsNo"), input.OptInt("weightGrams"), FulfillmentRequests.Now(ctx.Untyped)),
                        async id => await DeliveryAsync(ctx.Untyped, (string)id!));
                })));
}
