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
    /// <summary>The console's write-back rules, their preview and the formula check (§2.10).</summary>
    private static SchemaBuilder AddWriteBack(SchemaBuilder schema) => schema
        .AddConnection(FulfillmentLists.WriteBackRules)
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
        .Payload("StockWriteBackRulePayload", "stockWriteBackRule", "StockWriteBackRule")
        .Payload("DeletePayload", "deletedCode", "String")
        .InputObject("StockConditionInput", i => i
            .Field("comparator", "StockComparator!").Field("value", "Float!").Field("valueTo", "Float").Field("percentMode", "Boolean"))
        .InputObject("StockWriteBackRuleInput", i => i
            .Field("code", "String!").Field("name", "String!").Field("enabled", "Boolean", v => v.Description("Left out: false (a new rule starts off, L2589)."))
            .Field("priority", "Int").Field("shopCodes", "[String!]!").Field("salesMaterialCodes", "[String!]")
            .Field("conditions", "[StockConditionInput!]").Field("formula", "String!"))
        .Object<FormulaParse>("FormulaValidation", t => t
            .Field("valid", "Boolean!", p => p.IsValid)
            .Field("formula", "String", p => p.Formula?.ToString())
            .Field("errorPosition", "Int", p => p.Error?.Position)
            .Field("message", "String", p => p.Error?.Message))
        .Query(q => q
            .Field("stockWriteBackRules", FulfillmentLists.WriteBackRules.ConnectionType() + "!", f => f
                .RequirePermissions(Permissions.FulfillmentRead)
                .UseConnection(FulfillmentLists.WriteBackRules, read: BySerializer<WriteBackRuleSnapshot>))
            .Field("stockWriteBackPreview", "StockWriteBackPreview", f => f
                .Description("What the write-back would send now for one SKU of one shop (§2.10); null when the sales material does not exist. Sends nothing.")
                .Argument("shopCode", "String!").Argument("salesMaterialCode", "String!")
                .RequirePermissions(Permissions.FulfillmentRead)
                .ResolveAsync(async ctx => (object?)await GraphQLRequestContext.Of(ctx.Untyped).Service<WriteBackPreviews>()
                    .PreviewAsync(ctx.Argument<string>("shopCode"), ctx.Argument<string>("salesMaterialCode"), ctx.Untyped.CancellationToken))))
        .Mutation(m => m
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
}
