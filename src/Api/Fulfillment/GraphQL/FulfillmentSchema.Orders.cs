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
    /// <summary>The console's channel orders, review and an operator's changes of an order (§2.1, §2.7, §2.14).</summary>
    private static SchemaBuilder AddOrders(SchemaBuilder schema) => schema
        .AddConnection(FulfillmentLists.ChannelOrders)
        .Enum<ProcessStatus>("ProcessStatus")
        .Enum<PayStatus>("PayStatus")
        .Enum<ShipStatus>("ShipStatus")
        .Enum<OrderLifecycle>("OrderState")
        .Object<OrderItemLine>("OrderItem", t => t
            .Field("basicMaterialCode", "String!", i => i.BasicMaterialCode)
            .Field("quantity", "Int!", i => i.Quantity))
        .Object<OrderObjectLine>("OrderObject", t => t
            .Field("oid", "String!", o => o.Oid)
            .Field("salesMaterialCode", "String!", o => o.SalesMaterialCode)
            .Field("name", "String", o => o.Title)
            .Field("type", "SalesMaterialType!", o => o.Type)
            .Field("quantity", "Int!", o => o.Quantity)
            .Field("priceFen", "Long!", o => o.PriceFen)
            .Field("amountFen", "Long!", o => o.AmountFen)
            .Field("isOversold", "Boolean!", o => o.IsOversold)
            .Field("items", "[OrderItem!]!", o => o.Items))
        .Object<StockLine>("FreezeLine", t => t
            .Field("basicMaterialCode", "String!", l => l.BasicMaterialCode)
            .Field("quantity", "Int!", l => l.Quantity))
        .Object<OrderPayment>("OrderPayment", t => t
            .Field("paymentId", "ID!", p => p.PaymentId)
            .Field("amountFen", "Long!", p => p.AmountFen)
            .Field("failed", "Boolean!", p => p.Failed))
        .Object<ChannelOrderState>("ChannelOrder", t => t
            .Field("id", "ID!", o => o.OrderId)
            .Field("orderBn", "String!", o => o.OrderBn)
            .Field("tid", "String!", o => o.Tid)
            .Field("shopCode", "String!", o => o.ShopCode)
            .Field("processStatus", "ProcessStatus!", o => o.ProcessStatus)
            .Field("payStatus", "PayStatus!", o => o.PayStatus)
            .Field("shipStatus", "ShipStatus!", o => o.ShipStatus)
            .Field("state", "OrderState!", o => o.State)
            .Field("isCod", "Boolean!", o => o.IsCod)
            .Field("isFail", "Boolean!", o => o.IsFail)
            .Field("paused", "Boolean!", o => o.Paused)
            .Field("unmatchedBns", "[String!]!", o => o.UnmatchedBns)
            .Field("totalAmountFen", "Long!", o => o.TotalFen)
            .Field("payedFen", "Long!", o => o.PayedFen)
            .Field("payments", "[OrderPayment!]!", o => o.Payments)
            .Field("province", "String", o => o.Province)
            .Field("buyerMemo", "String", o => o.BuyerMemo)
            .Field("tradeMemo", "String", o => o.TradeMemo)
            .Field("objects", "[OrderObject!]!", o => o.Objects)
            .Field("shopFreezes", "[FreezeLine!]!", o => o.HoldsShopStock ? o.Items : Array.Empty<StockLine>())
            .Field("channelCreatedAt", "DateTime!", o => o.ChannelCreatedAt)
            .Field("channelModifiedAt", "DateTime!", o => o.ChannelModifiedAt)
            .Field("deliveries", "[Delivery!]!", f => f.ResolveAsync(async ctx =>
            {
                await using var session = FulfillmentRequests.Session(ctx.Untyped);
                var ids = ctx.Source.DeliveryIds.Select(FulfillmentEventNames.Delivery).ToArray();
                return ids.Length == 0 ? Array.Empty<DeliveryState>() : (object?)(await session.LoadManyAsync<DeliverySnapshot>(ctx.Untyped.CancellationToken, ids)).Select(d => d.State!).ToList();
            })))
        .Object<ReviewPayload>("ReviewOrderPayload", t => t
            .Field("order", "ChannelOrder", p => p.Order)
            .Field("delivery", "Delivery", p => p.Delivery)
            .Field("errors", "[UserError!]!", p => p.Errors))
        .Object<FulfillmentPayload>("ChannelOrderPayload", t => t
            .Field("order", "ChannelOrder", p => p.Node)
            .Field("errors", "[UserError!]!", p => p.Errors))
        .InputObject("OrderRefInput", i => i.Field("orderId", "ID!"))
        .InputObject("CloseDeliveryInput", i => i.Field("deliveryId", "ID!").Field("reason", "String"))
        .InputObject("CancelOrderInput", i => i.Field("orderId", "ID!").Field("reason", "String"))
        .InputObject("PauseOrderInput", i => i.Field("orderId", "ID!").Field("reason", "String"))
        .InputObject("BnMappingInput", i => i.Field("bn", "String!").Field("salesMaterialCode", "String!"))
        .InputObject("RepairFailedOrderInput", i => i.Field("orderId", "ID!").Field("mappings", "[BnMappingInput!]!"))
        .InputObject("ReviewOrderInput", i => i
            .Field("orderId", "ID!").Field("branchCode", "String!").Field("logisticsCode", "String", v => v.Description("Left out: the branch's default logistics company.")))
        .Query(q => q
            .Field("channelOrders", FulfillmentLists.ChannelOrders.ConnectionType() + "!", f => f
                .Description("Channel orders with `where` and `order` (§4b); the views and tabs of §2.2 are not built yet.")
                .RequirePermissions(Permissions.FulfillmentRead)
                .UseConnection(FulfillmentLists.ChannelOrders, read: ctx => { var read = BySerializer<ChannelOrderSnapshot>(ctx); return r => read(r).State!; }))
            .Field("channelOrder", "ChannelOrder", f => f
                .Argument("id", "ID!")
                .RequirePermissions(Permissions.FulfillmentRead)
                .ResolveAsync(async ctx => (object?)await OrderByIdAsync(ctx.Untyped, ctx.Argument<string>("id"))))
            .Field("channelOrderByTid", "ChannelOrder", f => f
                .Description("A channel order by its natural key; the consignee is kept sealed and not shown here.")
                .Argument("shopCode", "String!").Argument("tid", "String!")
                .RequirePermissions(Permissions.FulfillmentRead)
                .ResolveAsync(async ctx =>
                {
                    await using var session = FulfillmentRequests.Session(ctx.Untyped);
                    return (object?)(await session.LoadAsync<ChannelOrderSnapshot>(FulfillmentEventNames.Order(ctx.Argument<string>("shopCode"), ctx.Argument<string>("tid")),
                        ctx.Untyped.CancellationToken))?.State;
                })))
        .Mutation(m => m
            .Field("reviewOrder", "ReviewOrderPayload!", f => f
                .Description("Manual review (§2.7): one delivery of the whole order from the branch chosen; the shop freeze moves to the branch.")
                .Argument("input", "ReviewOrderInput!")
                .RequirePermissions(Permissions.FulfillmentOrdersReview)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    var orderId = input.Str("orderId");
                    var payload = await FulfillmentRequests.SendAsync(ctx.Untyped, new ReviewOrderCommand(orderId, input.Str("branchCode"), input.OptStr("logisticsCode"),
                        FulfillmentRequests.Now(ctx.Untyped)), async id => await DeliveryAsync(ctx.Untyped, (string)id!));
                    return new ReviewPayload(await OrderByIdAsync(ctx.Untyped, orderId), (DeliveryState?)payload.Node, payload.Errors);
                }))
            .Field("cancelOrder", "ChannelOrderPayload!", f => f
                .Description("Cancels an order (§2.14): its open deliveries close, everything held for it is released; refused once a delivery shipped.")
                .Argument("input", "CancelOrderInput!")
                .RequirePermissions(Permissions.FulfillmentOrdersReview)
                .ResolveAsync(ctx => OrderChangeAsync(ctx.Untyped, id => new CancelOrderCommand(id, InputFields.Obj(ctx.Arguments["input"]).OptStr("reason"), FulfillmentRequests.Now(ctx.Untyped)))))
            .Field("pauseOrder", "ChannelOrderPayload!", f => f
                .Argument("input", "PauseOrderInput!")
                .RequirePermissions(Permissions.FulfillmentOrdersReview)
                .ResolveAsync(ctx => OrderChangeAsync(ctx.Untyped, id => new PauseOrderCommand(id, InputFields.Obj(ctx.Arguments["input"]).OptStr("reason"), FulfillmentRequests.Now(ctx.Untyped)))))
            .Field("resumeOrder", "ChannelOrderPayload!", f => f
                .Argument("input", "OrderRefInput!")
                .RequirePermissions(Permissions.FulfillmentOrdersReview)
                .ResolveAsync(ctx => OrderChangeAsync(ctx.Untyped, id => new ResumeOrderCommand(id, FulfillmentRequests.Now(ctx.Untyped)))))
            .Field("repairFailedOrder", "ChannelOrderPayload!", f => f
                .Argument("input", "RepairFailedOrderInput!")
                .RequirePermissions(Permissions.FulfillmentOrdersReview)
                .ResolveAsync(ctx => OrderChangeAsync(ctx.Untyped, id => new RepairFailedOrderCommand(id,
                    InputFields.Obj(ctx.Arguments["input"]).List("mappings").Select(m => new BnMapping(m.Str("bn"), m.Str("salesMaterialCode"))).ToList(), FulfillmentRequests.Now(ctx.Untyped)))))
            .Field("revokeDelivery", "ChannelOrderPayload!", f => f
                .Description("撤销 (§2.14): the delivery closes, its units go back to the shop, the order is UNCONFIRMED again.")
                .Argument("input", "CloseDeliveryInput!")
                .RequirePermissions(Permissions.FulfillmentOrdersReview)
                .ResolveAsync(ctx => CloseDeliveryAsync(ctx.Untyped, DeliveryCloseReason.Revoked)))
            .Field("rejectDelivery", "ChannelOrderPayload!", f => f
                .Description("打回 (§2.14): as revoke, recorded as rejected.")
                .Argument("input", "CloseDeliveryInput!")
                .RequirePermissions(Permissions.FulfillmentDeliveriesWork)
                .ResolveAsync(ctx => CloseDeliveryAsync(ctx.Untyped, DeliveryCloseReason.Rejected))));
}
