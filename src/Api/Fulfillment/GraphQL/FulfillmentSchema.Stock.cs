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
    /// <summary>The console's master data, branch stock, sellable stock, the ledger and purchase receipts (§4b.1, §2.8, §2.15).</summary>
    private static SchemaBuilder AddStock(SchemaBuilder schema) => schema
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
                })));
}
