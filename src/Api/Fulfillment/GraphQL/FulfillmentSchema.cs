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
/// The fulfillment part of the admin schema (FULFILLMENT.md §4b, §4b.1), one file per part:
/// `.Stock` (master data, stock, receipts), `.WriteBack` (rules, preview, formula check), `.Orders`
/// (orders, review, an operator's changes), `.Deliveries` (the warehouse's steps); this file holds
/// their shared loaders. Mutations answer payloads whose `errors` carry a refusal (nothing changed).
/// </summary>
internal static partial class FulfillmentSchema
{
    public static void Add(SchemaBuilder schema)
    {
        AddStock(schema);
        AddWriteBack(schema);
        AddOrders(schema);
        AddDeliveries(schema);
    }

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
