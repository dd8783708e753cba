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

/// <summary>
/// The fulfillment part of the admin schema built so far (FULFILLMENT.md §4b, §4b.1): master data,
/// branch stock, sellable stock, the stock ledger, purchase receipts and the formula check.
/// Mutations answer payloads whose `errors` carry a refusal (nothing changed); reading needs
/// `fulfillment.read`, master data `fulfillment.catalog.manage`, receipts `fulfillment.stock.manage`.
/// </summary>
internal static class FulfillmentSchema
{
    public static void Add(SchemaBuilder schema) => schema
        .Enum("Platform", e =>
        {
            foreach (var p in Enum.GetValues<Platform>()) e.Value(PlatformName(p), p);
        })
        .Enum<SalesMaterialType>("SalesMaterialType")
        .Enum<WmsType>("WmsType")
        .Enum<BranchRole>("BranchRole")
        .Enum<StockLedgerType>("StockLedgerType")
        .Enum<PurchaseReceiptStatus>("PurchaseReceiptStatus")
        .AddConnection(FulfillmentLists.BranchStocks)
        .AddConnection(FulfillmentLists.StockLedger)
        .AddConnection(FulfillmentLists.PurchaseReceipts)
        .AddConnection(FulfillmentLists.WriteBackRules)
        .AddConnection(FulfillmentLists.ChannelOrders)
        .AddConnection(FulfillmentLists.Deliveries)
        .Enum<StockComparator>("StockComparator")
        .Enum("StockRuleType", e => e.Value("UPDATE_SHOP_STOCK", "UPDATE_SHOP_STOCK"))
        .Object<StockCondition>("StockCondition", t => t
            .Field("comparator", "StockComparator!", c => c.Comparator)
            .Field("value", "Float!", c => (double)c.Value)
            .Field("valueTo", "Float", c => c.ValueTo is { } to ? (double)to : null)
            .Field("percentMode", "Boolean!", c => c.PercentMode))
        .Object<WriteBackRuleSnapshot>("StockWriteBackRule", t => t
            .Field("code", "String!", r => r.State!.Code)
            .Field("name", "String!", r => r.State!.Name)
            .Field("type", "StockRuleType!", _ => "UPDATE_SHOP_STOCK")
            .Field("enabled", "Boolean!", r => r.State!.Enabled)
            .Field("priority", "Int!", r => r.State!.Priority)
            .Field("shopCodes", "[String!]!", r => r.State!.ShopCodes)
            .Field("salesMaterialCodes", "[String!]!", r => r.State!.SalesMaterialCodes)
            .Field("conditions", "[StockCondition!]!", r => r.State!.Conditions)
            .Field("formula", "String!", r => r.State!.Formula))
        .Object<WriteBackPreview>("StockWriteBackPreview", t => t
            .Field("sellable", "Long!", p => p.Sellable)
            .Field("rule", "StockWriteBackRule", f => f.ResolveAsync(async ctx => ctx.Source.Rule is { } rule ? (object?)await RuleAsync(ctx.Untyped, rule.Code) : null))
            .Field("quantity", "Long", p => p.Quantity)
            .Field("willSend", "Boolean!", p => p.WillSend)
            .Field("reason", "String", p => p.Reason))
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
        .Payload("StockWriteBackRulePayload", "stockWriteBackRule", "StockWriteBackRule")
        .Payload("DeletePayload", "deletedCode", "String")
        .InputObject("StockConditionInput", i => i
            .Field("comparator", "StockComparator!").Field("value", "Float!").Field("valueTo", "Float").Field("percentMode", "Boolean"))
        .InputObject("StockWriteBackRuleInput", i => i
            .Field("code", "String!").Field("name", "String!").Field("enabled", "Boolean", v => v.Description("Left out: false (a new rule starts off, L2589)."))
            .Field("priority", "Int").Field("shopCodes", "[String!]!").Field("salesMaterialCodes", "[String!]")
            .Field("conditions", "[StockConditionInput!]").Field("formula", "String!"))
        .Object<UserError>("UserError", t => t
            .Field("code", "String!", e => e.Code)
            .Field("message", "String!", e => e.Message)
            .Field("field", "String", e => e.Field))
        .Object<ShopState>("Shop", t => t
            .Field("shopCode", "String!", s => s.ShopCode)
            .Field("name", "String!", s => s.Name)
            .Field("platform", "Platform!", s => s.Platform)
            .Field("nodeId", "String!", s => s.NodeId)
            .Field("stockWriteBack", "Boolean!", s => s.StockWriteBack))
        .Object<BasicMaterialState>("BasicMaterial", t => t
            .Field("code", "String!", m => m.Code)
            .Field("name", "String!", m => m.Name)
            .Field("barcode", "String", m => m.Barcode)
            .Field("weightGrams", "Int", m => m.WeightGrams))
        .Object<SalesComponent>("SalesComponent", t => t
            .Field("basicMaterialCode", "String!", c => c.BasicMaterialCode)
            .Field("quantity", "Int!", c => c.Quantity))
        .Object<SalesMaterialState>("SalesMaterial", t => t
            .Field("code", "String!", m => m.Code)
            .Field("name", "String!", m => m.Name)
            .Field("type", "SalesMaterialType!", m => m.Type)
            .Field("components", "[SalesComponent!]!", m => m.Components))
        .Object<BranchState>("Branch", t => t
            .Field("code", "String!", b => b.BranchCode)
            .Field("name", "String!", b => b.Name)
            .Field("wmsType", "WmsType!", b => b.WmsType)
            .Field("wmsCode", "String", b => b.WmsCode)
            .Field("online", "Boolean!", b => b.Online)
            .Field("role", "BranchRole!", b => b.Role)
            .Field("linkedShopCodes", "[String!]!", b => b.LinkedShopCodes)
            .Field("defaultLogisticsCode", "String", b => b.DefaultLogisticsCode))
        .Object<BranchStockState>("BranchStock", t => t
            .Field("branch", "Branch!", f => f.ResolveAsync(async ctx => (object?)await BranchAsync(ctx.Untyped, ctx.Source.BranchCode)))
            .Field("basicMaterialCode", "String!", s => s.BasicMaterialCode)
            .Field("onHand", "Int!", s => s.OnHand)
            .Field("inTransit", "Int!", s => s.InTransit)
            .Field("branchFreeze", "Int!", s => s.BranchFreeze)
            .Field("available", "Int!", s => s.Available))
        .Object<SellablePart>("SellablePart", t => t
            .Field("basicMaterialCode", "String!", p => p.BasicMaterialCode)
            .Field("perBundle", "Int!", p => p.PerBundle)
            .Field("sellable", "Int!", p => p.Sellable)
            .Field("bundles", "Int!", p => p.Bundles))
        .Object<SellableStock>("SellableStock", t => t
            .Field("shopCode", "String!", s => s.ShopCode)
            .Field("salesMaterialCode", "String!", s => s.SalesMaterialCode)
            .Field("sellable", "Int!", s => s.Sellable)
            .Field("onHand", "Int!", s => s.OnHand)
            .Field("globalShopFreeze", "Int!", s => s.GlobalShopFreeze)
            .Field("branchFreeze", "Int!", s => s.BranchFreeze)
            .Field("branches", "[BranchStock!]!", s => s.Branches)
            .Field("parts", "[SellablePart!]!", s => s.Parts))
        .Object<StockLedgerEntry>("StockLedgerEntry", t => t
            .Field("id", "ID!", e => e.Id.ToString())
            .Field("branchCode", "String!", e => e.BranchCode)
            .Field("basicMaterialCode", "String!", e => e.BasicMaterialCode)
            .Field("type", "StockLedgerType!", e => Enum.Parse<StockLedgerType>(e.Type))
            .Field("quantity", "Int!", e => e.Quantity)
            .Field("onHandAfter", "Int!", e => e.OnHandAfter)
            .Field("documentId", "ID!", e => e.DocumentId)
            .Field("at", "DateTime!", e => e.At))
        .Object<PurchaseReceiptLineState>("PurchaseReceiptLine", t => t
            .Field("basicMaterialCode", "String!", l => l.BasicMaterialCode)
            .Field("quantity", "Int!", l => l.Quantity)
            .Field("receivedQuantity", "Int!", l => l.ReceivedQuantity))
        .Object<PurchaseReceiptSnapshot>("PurchaseReceipt", t => t
            .Field("id", "ID!", r => r.ReceiptId)
            .Field("branchCode", "String!", r => r.BranchCode)
            .Field("status", "PurchaseReceiptStatus!", r => r.State!.Status)
            .Field("createdAt", "DateTime!", r => r.CreatedAt)
            .Field("lines", "[PurchaseReceiptLine!]!", r => r.State!.Lines))
        .Object<FormulaParse>("FormulaValidation", t => t
            .Field("valid", "Boolean!", p => p.IsValid)
            .Field("formula", "String", p => p.Formula?.ToString())
            .Field("errorPosition", "Int", p => p.Error?.Position)
            .Field("message", "String", p => p.Error?.Message))
        .Payload("ShopPayload", "shop", "Shop")
        .Payload("BasicMaterialPayload", "basicMaterial", "BasicMaterial")
        .Payload("SalesMaterialPayload", "salesMaterial", "SalesMaterial")
        .Payload("BranchPayload", "branch", "Branch")
        .Payload("PurchaseReceiptPayload", "purchaseReceipt", "PurchaseReceipt")
        .InputObject("RegisterShopInput", i => i
            .Field("shopCode", "String!").Field("name", "String!").Field("platform", "Platform!").Field("nodeId", "String!")
            .Field("token", "String!", v => v.Description("The shop's token at the channel gateway (kept for the channel calls, never shown again).")))
        .InputObject("RegisterBasicMaterialInput", i => i
            .Field("code", "String!").Field("name", "String!").Field("barcode", "String").Field("weightGrams", "Int"))
        .InputObject("SalesComponentInput", i => i.Field("basicMaterialCode", "String!").Field("quantity", "Int!"))
        .InputObject("RegisterSalesMaterialInput", i => i
            .Field("code", "String!").Field("name", "String!").Field("type", "SalesMaterialType!").Field("components", "[SalesComponentInput!]!"))
        .InputObject("RegisterBranchInput", i => i
            .Field("branchCode", "String!").Field("name", "String!").Field("wmsType", "WmsType!").Field("wmsCode", "String").Field("online", "Boolean!")
            .Field("role", "BranchRole!").Field("linkedShopCodes", "[String!]!").Field("defaultLogisticsCode", "String"))
        .InputObject("PurchaseLineInput", i => i.Field("basicMaterialCode", "String!").Field("quantity", "Int!"))
        .InputObject("CreatePurchaseReceiptInput", i => i.Field("branchCode", "String!").Field("lines", "[PurchaseLineInput!]!"))
        .InputObject("PurchaseReceiptRefInput", i => i.Field("receiptId", "ID!"))
        .InputObject("ReceivePurchaseReceiptInput", i => i
            .Field("receiptId", "ID!").Field("lines", "[PurchaseLineInput!]", v => v.Description("Left out or empty: everything outstanding.")))
        .Query(q => q
            .Field("shops", "[Shop!]!", f => f
                .RequirePermissions(Permissions.FulfillmentRead)
                .ResolveAsync(async ctx => (object?)await AllAsync<FulfillmentShopSnapshot, ShopState>(ctx.Untyped, s => s.State, s => s.ShopCode)))
            .Field("branches", "[Branch!]!", f => f
                .RequirePermissions(Permissions.FulfillmentRead)
                .ResolveAsync(async ctx => (object?)await AllAsync<BranchSnapshot, BranchState>(ctx.Untyped, s => s.State, b => b.BranchCode)))
            .Field("basicMaterial", "BasicMaterial", f => f
                .Argument("code", "String!")
                .RequirePermissions(Permissions.FulfillmentRead)
                .ResolveAsync(async ctx => (object?)await BasicMaterialAsync(ctx.Untyped, ctx.Argument<string>("code"))))
            .Field("salesMaterial", "SalesMaterial", f => f
                .Argument("code", "String!")
                .RequirePermissions(Permissions.FulfillmentRead)
                .ResolveAsync(async ctx => (object?)await SalesMaterialAsync(ctx.Untyped, ctx.Argument<string>("code"))))
            .Field("branchStocks", FulfillmentLists.BranchStocks.ConnectionType() + "!", f => f
                .Description("On hand, in transit, branch freeze and available per branch and basic material.")
                .RequirePermissions(Permissions.FulfillmentRead)
                .UseConnection(FulfillmentLists.BranchStocks))
            .Field("sellableStock", "SellableStock", f => f
                .Description("可售库存 of a sales material in a shop (§2.8); null when the sales material does not exist.")
                .Argument("shopCode", "String!").Argument("salesMaterialCode", "String!")
                .RequirePermissions(Permissions.FulfillmentRead)
                .ResolveAsync(async ctx => (object?)await GraphQLRequestContext.Of(ctx.Untyped).Service<SellableQueries>()
                    .SellableAsync(ctx.Argument<string>("shopCode"), ctx.Argument<string>("salesMaterialCode"), ctx.Untyped.CancellationToken)))
            .Field("stockLedger", FulfillmentLists.StockLedger.ConnectionType() + "!", f => f
                .Description("出入库明细: every change of on hand, oldest first unless `order` says otherwise.")
                .RequirePermissions(Permissions.FulfillmentRead)
                .UseConnection(FulfillmentLists.StockLedger))
            .Field("purchaseReceipts", FulfillmentLists.PurchaseReceipts.ConnectionType() + "!", f => f
                .RequirePermissions(Permissions.FulfillmentRead)
                .UseConnection(FulfillmentLists.PurchaseReceipts, read: BySerializer<PurchaseReceiptSnapshot>))
            .Field("channelOrders", FulfillmentLists.ChannelOrders.ConnectionType() + "!", f => f
                .Description("Channel orders with `where` and `order` (§4b); the views and tabs of §2.2 are not built yet.")
                .RequirePermissions(Permissions.FulfillmentRead)
                .UseConnection(FulfillmentLists.ChannelOrders, read: ctx => { var read = BySerializer<ChannelOrderSnapshot>(ctx); return r => read(r).State!; }))
            .Field("deliveries", FulfillmentLists.Deliveries.ConnectionType() + "!", f => f
                .RequirePermissions(Permissions.FulfillmentRead)
                .UseConnection(FulfillmentLists.Deliveries, read: ctx => { var read = BySerializer<DeliverySnapshot>(ctx); return r => read(r).State!; }))
            .Field("delivery", "Delivery", f => f
                .Argument("id", "ID!")
                .RequirePermissions(Permissions.FulfillmentRead)
                .ResolveAsync(async ctx => (object?)await DeliveryAsync(ctx.Untyped, ctx.Argument<string>("id"))))
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
                }))
            .Field("stockWriteBackRules", FulfillmentLists.WriteBackRules.ConnectionType() + "!", f => f
                .RequirePermissions(Permissions.FulfillmentRead)
                .UseConnection(FulfillmentLists.WriteBackRules, read: BySerializer<WriteBackRuleSnapshot>))
            .Field("stockWriteBackPreview", "StockWriteBackPreview", f => f
                .Description("What the write-back would send now for one SKU of one shop (§2.10); null when the sales material does not exist. Sends nothing.")
                .Argument("shopCode", "String!").Argument("salesMaterialCode", "String!")
                .RequirePermissions(Permissions.FulfillmentRead)
                .ResolveAsync(async ctx => (object?)await GraphQLRequestContext.Of(ctx.Untyped).Service<WriteBackPreviews>()
                    .PreviewAsync(ctx.Argument<string>("shopCode"), ctx.Argument<string>("salesMaterialCode"), ctx.Untyped.CancellationToken)))
            .Field("purchaseReceipt", "PurchaseReceipt", f => f
                .Argument("id", "ID!")
                .RequirePermissions(Permissions.FulfillmentRead)
                .ResolveAsync(async ctx => (object?)await ReceiptAsync(ctx.Untyped, ctx.Argument<string>("id")))))
        .Mutation(m => m
            .Field("registerShop", "ShopPayload!", f => f
                .Argument("input", "RegisterShopInput!")
                .RequirePermissions(Permissions.FulfillmentCatalogManage)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    var code = input.Str("shopCode");
                    var token = input.Str("token");
                    if (token.Length is 0 or > 200)
                        return new FulfillmentPayload(null, [new UserError(FulfillmentErrors.Validation, "1 to 200 characters", "input.token")]);
                    var sealedToken = await GraphQLRequestContext.Of(ctx.Untyped).Service<Lockers.Partners.PartnerSecrets>().SealAsync("shop:" + code, token, ctx.Untyped.CancellationToken);
                    return await FulfillmentRequests.SendAsync(ctx.Untyped, new RegisterShop(code, input.Str("name"), (Platform)input["platform"]!, input.Str("nodeId"),
                        sealedToken, FulfillmentRequests.Now(ctx.Untyped)), async _ => await ShopAsync(ctx.Untyped, code));
                }))
            .Field("setShopStockWriteBack", "ShopPayload!", f => f
                .Argument("shopCode", "String!").Argument("enabled", "Boolean!")
                .RequirePermissions(Permissions.FulfillmentCatalogManage)
                .ResolveAsync(async ctx =>
                {
                    var code = ctx.Argument<string>("shopCode");
                    return await FulfillmentRequests.SendAsync(ctx.Untyped, new SetShopStockWriteBack(code, ctx.Argument<bool>("enabled"), FulfillmentRequests.Now(ctx.Untyped)),
                        async _ => await ShopAsync(ctx.Untyped, code), "");
                }))
            .Field("registerBasicMaterial", "BasicMaterialPayload!", f => f
                .Argument("input", "RegisterBasicMaterialInput!")
                .RequirePermissions(Permissions.FulfillmentCatalogManage)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    var code = input.Str("code");
                    return await FulfillmentRequests.SendAsync(ctx.Untyped, new RegisterBasicMaterial(code, input.Str("name"), input.OptStr("barcode"), input.OptInt("weightGrams"),
                        FulfillmentRequests.Now(ctx.Untyped)), async _ => await BasicMaterialAsync(ctx.Untyped, code));
                }))
            .Field("registerSalesMaterial", "SalesMaterialPayload!", f => f
                .Argument("input", "RegisterSalesMaterialInput!")
                .RequirePermissions(Permissions.FulfillmentCatalogManage)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    var code = input.Str("code");
                    var components = input.List("components").Select(c => new SalesComponent(c.Str("basicMaterialCode"), c.Int("quantity"))).ToList();
                    return await FulfillmentRequests.SendAsync(ctx.Untyped, new RegisterSalesMaterialCommand(code, input.Str("name"), (SalesMaterialType)input["type"]!, components,
                        FulfillmentRequests.Now(ctx.Untyped)), async _ => await SalesMaterialAsync(ctx.Untyped, code));
                }))
            .Field("registerBranch", "BranchPayload!", f => f
                .Argument("input", "RegisterBranchInput!")
                .RequirePermissions(Permissions.FulfillmentCatalogManage)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    var code = input.Str("branchCode");
                    var shops = ((object?[])input["linkedShopCodes"]!).Cast<string>().ToList();
                    return await FulfillmentRequests.SendAsync(ctx.Untyped, new RegisterBranchCommand(code, input.Str("name"), (WmsType)input["wmsType"]!, input.OptStr("wmsCode"),
                        input.Bool("online"), (BranchRole)input["role"]!, shops, input.OptStr("defaultLogisticsCode"), FulfillmentRequests.Now(ctx.Untyped)),
                        async _ => await BranchAsync(ctx.Untyped, code));
                }))
            .Field("createPurchaseReceipt", "PurchaseReceiptPayload!", f => f
                .Argument("input", "CreatePurchaseReceiptInput!")
                .RequirePermissions(Permissions.FulfillmentStockManage)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    return await FulfillmentRequests.SendAsync(ctx.Untyped, new CreatePurchaseReceiptCommand(input.Str("branchCode"), Lines(input), FulfillmentRequests.Now(ctx.Untyped)),
                        async id => await ReceiptAsync(ctx.Untyped, (string)id!));
                }))
            .Field("approvePurchaseReceipt", "PurchaseReceiptPayload!", f => f
                .Argument("input", "PurchaseReceiptRefInput!")
                .RequirePermissions(Permissions.FulfillmentStockManage)
                .ResolveAsync(async ctx =>
                {
                    var id = InputFields.Obj(ctx.Arguments["input"]).Str("receiptId");
                    return await FulfillmentRequests.SendAsync(ctx.Untyped, new ApprovePurchaseReceipt(id, FulfillmentRequests.Now(ctx.Untyped)), async _ => await ReceiptAsync(ctx.Untyped, id));
                }))
            .Field("receivePurchaseReceipt", "PurchaseReceiptPayload!", f => f
                .Argument("input", "ReceivePurchaseReceiptInput!")
                .RequirePermissions(Permissions.FulfillmentStockManage)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    var id = input.Str("receiptId");
                    return await FulfillmentRequests.SendAsync(ctx.Untyped, new ReceivePurchaseReceipt(id, Lines(input), FulfillmentRequests.Now(ctx.Untyped)),
                        async _ => await ReceiptAsync(ctx.Untyped, id));
                }))
            .Field("cancelPurchaseReceipt", "PurchaseReceiptPayload!", f => f
                .Argument("input", "PurchaseReceiptRefInput!")
                .RequirePermissions(Permissions.FulfillmentStockManage)
                .ResolveAsync(async ctx =>
                {
                    var id = InputFields.Obj(ctx.Arguments["input"]).Str("receiptId");
                    return await FulfillmentRequests.SendAsync(ctx.Untyped, new CancelPurchaseReceipt(id, FulfillmentRequests.Now(ctx.Untyped)), async _ => await ReceiptAsync(ctx.Untyped, id));
                }))
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
                .ResolveAsync(ctx => CloseDeliveryAsync(ctx.Untyped, DeliveryCloseReason.Rejected)))
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
                }))
            .Field("createStockWriteBackRule", "StockWriteBackRulePayload!", f => f
                .Argument("input", "StockWriteBackRuleInput!")
                .RequirePermissions(Permissions.FulfillmentStockManage)
                .ResolveAsync(ctx => SaveRuleAsync(ctx.Untyped, create: true)))
            .Field("updateStockWriteBackRule", "StockWriteBackRulePayload!", f => f
                .Argument("input", "StockWriteBackRuleInput!")
                .RequirePermissions(Permissions.FulfillmentStockManage)
                .ResolveAsync(ctx => SaveRuleAsync(ctx.Untyped, create: false)))
            .Field("setStockWriteBackRuleEnabled", "StockWriteBackRulePayload!", f => f
                .Argument("code", "String!").Argument("enabled", "Boolean!")
                .RequirePermissions(Permissions.FulfillmentStockManage)
                .ResolveAsync(async ctx =>
                {
                    var code = ctx.Argument<string>("code");
                    return await FulfillmentRequests.SendAsync(ctx.Untyped, new SetStockWriteBackRuleEnabled(code, ctx.Argument<bool>("enabled"), FulfillmentRequests.Now(ctx.Untyped)),
                        async _ => await RuleAsync(ctx.Untyped, code), "");
                }))
            .Field("deleteStockWriteBackRule", "DeletePayload!", f => f
                .Argument("code", "String!")
                .RequirePermissions(Permissions.FulfillmentStockManage)
                .ResolveAsync(async ctx =>
                {
                    var code = ctx.Argument<string>("code");
                    return await FulfillmentRequests.SendAsync(ctx.Untyped, new DeleteStockWriteBackRule(code, FulfillmentRequests.Now(ctx.Untyped)),
                        _ => Task.FromResult<object?>(code), "");
                }))
            .Field("validateStockFormula", "FormulaValidation!", f => f
                .Description("Checks a write-back formula (§2.10): valid with its canonical text, or the position and reason of the first error. Changes nothing.")
                .Argument("formula", "String!")
                .RequirePermissions(Permissions.FulfillmentStockManage) // the rule editor's check
                .Resolve(ctx => StockFormula.Parse(ctx.Argument<string>("formula")))));

    private static Func<Npgsql.NpgsqlDataReader, T> BySerializer<T>(ResolveContext ctx)
    {
        var serializer = GraphQLRequestContext.Of(ctx).Service<IDocumentStore>().Options.Serializer();
        return reader => serializer.FromJson<T>(reader, 0);
    }

    private static async Task<object?> SaveRuleAsync(ResolveContext ctx, bool create)
    {
        var input = InputFields.Obj(ctx.Arguments["input"]);
        var code = input.Str("code");
        var conditions = input.List("conditions").Select(c => new StockCondition((StockComparator)c["comparator"]!, c.Dec("value"),
            c.GetValueOrDefault("valueTo") is null ? null : c.Dec("valueTo"), c.GetValueOrDefault("percentMode") is true)).ToList();
        var skus = input.GetValueOrDefault("salesMaterialCodes") is object?[] list ? list.Cast<string>().ToList() : [];
        return await FulfillmentRequests.SendAsync(ctx, new SaveStockWriteBackRuleCommand(create, code, input.Str("name"), input.GetValueOrDefault("enabled") is true,
            input.OptInt("priority") ?? 0, ((object?[])input["shopCodes"]!).Cast<string>().ToList(), skus, conditions, input.Str("formula"), FulfillmentRequests.Now(ctx)),
            async _ => await RuleAsync(ctx, code));
    }

    private static async Task<object?> OrderChangeAsync(ResolveContext ctx, Func<string, object> command)
    {
        var orderId = InputFields.Obj(ctx.Arguments["input"]).Str("orderId");
        return await FulfillmentRequests.SendAsync(ctx, command(orderId), async _ => await OrderByIdAsync(ctx, orderId));
    }

    private static async Task<object?> CloseDeliveryAsync(ResolveContext ctx, DeliveryCloseReason reason)
    {
        var deliveryId = InputFields.Obj(ctx.Arguments["input"]).Str("deliveryId");
        return await FulfillmentRequests.SendAsync(ctx, new CloseDeliveryCommand(deliveryId, reason, FulfillmentRequests.Now(ctx)),
            async _ => await DeliveryAsync(ctx, deliveryId) is { } d ? await OrderByIdAsync(ctx, d.OrderId) : null);
    }

    private sealed record PrintPayload(string? BatchNo, IReadOnlyList<DeliveryState> Deliveries, IReadOnlyList<UserError> Errors);

    private sealed record ReviewPayload(ChannelOrderState? Order, DeliveryState? Delivery, IReadOnlyList<UserError> Errors);

    private static async Task<DeliveryState?> DeliveryAsync(ResolveContext ctx, string id)
    {
        await using var session = FulfillmentRequests.Session(ctx);
        return (await session.LoadAsync<DeliverySnapshot>(FulfillmentEventNames.Delivery(id), ctx.CancellationToken))?.State;
    }

    private static async Task<ChannelOrderState?> OrderByIdAsync(ResolveContext ctx, string orderId)
    {
        await using var session = FulfillmentRequests.Session(ctx);
        return (await session.Query<ChannelOrderSnapshot>().Where(o => o.OrderBn == orderId).FirstOrDefaultAsync(ctx.CancellationToken))?.State;
    }

    private static async Task<WriteBackRuleSnapshot?> RuleAsync(ResolveContext ctx, string code)
    {
        await using var session = FulfillmentRequests.Session(ctx);
        var rule = await session.LoadAsync<WriteBackRuleSnapshot>(FulfillmentEventNames.WriteBackRule(code), ctx.CancellationToken);
        return rule is { Deleted: false } ? rule : null;
    }

    private static SchemaBuilder Payload(this SchemaBuilder schema, string name, string field, string type) =>
        schema.Object<FulfillmentPayload>(name, t => t
            .Field(field, type, p => p.Node)
            .Field("errors", "[UserError!]!", p => p.Errors));

    private static IReadOnlyList<PurchaseLine> Lines(IReadOnlyDictionary<string, object?> input) =>
        input.List("lines").Select(l => new PurchaseLine(l.Str("basicMaterialCode"), l.Int("quantity"))).ToList();

    /// <summary>SHOPEX_485 as the spec spells it; the other platforms by the usual UPPER_SNAKE of their names.</summary>
    private static string PlatformName(Platform p) => p == Platform.Shopex485 ? "SHOPEX_485"
        : string.Concat(p.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    private static async Task<IReadOnlyList<TState>> AllAsync<TSnapshot, TState>(ResolveContext ctx, Func<TSnapshot, TState?> state, Func<TState, string> order)
        where TSnapshot : notnull where TState : class
    {
        await using var session = FulfillmentRequests.Session(ctx);
        return (await session.Query<TSnapshot>().ToListAsync(ctx.CancellationToken)).Select(state).OfType<TState>().OrderBy(order, StringComparer.Ordinal).ToList();
    }

    private static async Task<ShopState?> ShopAsync(ResolveContext ctx, string code)
    {
        await using var session = FulfillmentRequests.Session(ctx);
        return (await session.LoadAsync<FulfillmentShopSnapshot>(FulfillmentEventNames.Shop(code), ctx.CancellationToken))?.State;
    }

    private static async Task<BranchState?> BranchAsync(ResolveContext ctx, string code) =>
        await ctx.DataLoader<string, BranchState?>("fulfillmentBranch", async (codes, ct) =>
        {
            await using var session = FulfillmentRequests.Session(ctx);
            return (await session.LoadManyAsync<BranchSnapshot>(ct, codes.Select(FulfillmentEventNames.Branch).ToArray()))
                .Where(b => b.State is not null).ToDictionary(b => b.State!.BranchCode, b => b.State);
        }).LoadAsync(code);

    private static async Task<BasicMaterialState?> BasicMaterialAsync(ResolveContext ctx, string code)
    {
        await using var session = FulfillmentRequests.Session(ctx);
        return (await session.LoadAsync<BasicMaterialSnapshot>(FulfillmentEventNames.BasicMaterial(code), ctx.CancellationToken))?.State;
    }

    private static async Task<SalesMaterialState?> SalesMaterialAsync(ResolveContext ctx, string code)
    {
        await using var session = FulfillmentRequests.Session(ctx);
        return (await session.LoadAsync<SalesMaterialSnapshot>(FulfillmentEventNames.SalesMaterial(code), ctx.CancellationToken))?.State;
    }

    private static async Task<PurchaseReceiptSnapshot?> ReceiptAsync(ResolveContext ctx, string id)
    {
        await using var session = FulfillmentRequests.Session(ctx);
        return await session.LoadAsync<PurchaseReceiptSnapshot>(FulfillmentEventNames.PurchaseReceipt(id), ctx.CancellationToken);
    }
}
