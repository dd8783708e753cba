using Cabinets.Api.GraphQL;
using Cabinets.Domain.Access;
using Cabinets.Domain.Stations.Orders;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;
using Npgsql;
using static Cabinets.Api.Stations.GraphQL.StationEnums;

namespace Cabinets.Api.Stations.GraphQL;

/// <summary>Order commands of TAX.md §2.4–2.7, the same commands the station REST sends, with the console's inputs.</summary>
internal static class StationOrderMutations
{
    public static SchemaBuilder Add(SchemaBuilder schema) => schema
        .Object<OrderLinesAnswer>("CreateStationOrderPayload", t => t
            .Field("newOrderIds", "[String!]!", a => a.NewOrderIds)
            .Field("updateOrderIds", "[String!]!", f => f.Description("The order a forced create merged into.").ResolveFromSource(a => a.UpdateOrderIds))
            .Field("successSkuIds", "[String!]!", a => a.SuccessSkuIds)
            .Field("errorSkus", "[StationLineError!]!", a => a.ErrorSkus))
        .Object<LineError>("StationLineError", t => t
            .Field("skuId", "String!", e => e.SkuId)
            .Field("code", "String!", _ => StationErrors.Validation)
            .Field("message", "String!", e => StationErrors.LineMessage(e)))
        .InputObject("StationOrderLineInput", i => i.Field("skuId", "String!").Field("spuId", "String!").Field("quantity", "Decimal!")
            .Field("unitPrice", "Long!", v => v.Description("Tax-inclusive, per sale unit, fen.")).Field("isPriceTiming", "Boolean!").Field("spuRemark", "String"))
        .InputObject("CreateStationOrderInput", i => i.Field("addressId", "Int!").Field("uid", "Int!").Field("receiveBeginTime", "DateTime!")
            .Field("receiveEndTime", "DateTime!").Field("timeConfigId", "String!").Field("remark", "String").Field("address", "String")
            .Field("force", "Boolean", v => v.DefaultLiteral("false")).Field("lines", "[StationOrderLineInput!]!").Field("idempotencyKey", "String"))
        .InputObject("EditStationOrderInput", i => i.Field("orderId", "String!").Field("mode", "StationOrderEditMode!")
            .Field("lines", "[StationOrderLineInput!]!").Field("receiveBeginTime", "DateTime!").Field("receiveEndTime", "DateTime!")
            .Field("remark", "String", v => v.Description("Absent keeps the remark; \"\" clears it.")).Field("expectedVersion", "Int"))
        .Mutation(m => m
            .Field("createStationOrder", "CreateStationOrderPayload!", f => f
                .Description("A new order, or with `force` the lines merged into the earliest waiting order of the merchant, window and time config.")
                .Argument("input", "CreateStationOrderInput!")
                .RequirePermissions(Permissions.StationOrdersWrite)
                .ResolveAsync(ctx => CreateAsync(ctx.Untyped)))
            .Field("editStationOrder", "StationOrder!", f => f
                .Description("REPLACE: the complete new line set (waiting orders). APPEND: lines upserted (waiting or sorting). Never with a delivery sheet.")
                .Argument("input", "EditStationOrderInput!")
                .RequirePermissions(Permissions.StationOrdersWrite)
                .ResolveAsync(ctx => EditAsync(ctx.Untyped)))
            .Field("setStationOrderProgress", "StationOrder!", f => f
                .Description("Status moves forward only (DELETED from WAITING_SORTING only); the pay status is set as given.")
                .Argument("orderId", "String!").Argument("status", "StationOrderStatus").Argument("payStatus", "StationPayStatus")
                .RequirePermissions(Permissions.StationOrdersWrite)
                .ResolveAsync(async ctx =>
                {
                    var orderId = ctx.Argument<string>("orderId");
                    await StationRequests.SendAsync(ctx.Untyped, new SetStationOrderProgress(orderId, StationRequests.StationOf(ctx.Untyped),
                        ctx.Arguments.GetValueOrDefault("status") is OrderStatus s ? (int)s : null,
                        ctx.Arguments.GetValueOrDefault("payStatus") is PayStatus p ? (int)p : null, StationRequests.Now(ctx.Untyped)));
                    return await StationOrderSchema.LoadAsync(ctx.Untyped, orderId);
                })));

    private static async Task<object?> CreateAsync(ResolveContext ctx)
    {
        var input = InputFields.Obj(ctx.Arguments["input"]);
        return await StationRequests.OnceAsync(ctx, input, "createStationOrder", async () =>
        {
            var orderId = await StationSequences.NextOrderIdAsync(StationRequests.Service<NpgsqlDataSource>(ctx), ctx.CancellationToken);
            return (OrderLinesAnswer)(await StationRequests.SendAsync(ctx, new CreateStationOrder(orderId, StationRequests.StationOf(ctx), input.Int("addressId"),
                input.Int("uid"), input.Time("receiveBeginTime"), input.Time("receiveEndTime"), input.Str("timeConfigId"), input.OptStr("remark"),
                input.OptStr("address"), Lines(input), OrderContexts.Empty, StationRequests.Now(ctx), input.GetValueOrDefault("force") is true)))!;
        }, answer => System.Text.Json.JsonSerializer.Serialize(answer), body => System.Text.Json.JsonSerializer.Deserialize<OrderLinesAnswer>(body)!);
    }

    private static async Task<StationOrderView?> EditAsync(ResolveContext ctx)
    {
        var input = InputFields.Obj(ctx.Arguments["input"]);
        var orderId = input.Str("orderId");
        // EditStationOrder carries no expected version, so the check is made here, on the version
        // just read: it refuses a stale screen, but an edit landing between this read and the
        // command's own load is not detected (the command would need the version to close that gap).
        if (input.OptInt("expectedVersion") is { } expected)
        {
            var current = await StationOrderSchema.LoadAsync(ctx, orderId) ?? throw StationErrors.Missing("order", orderId);
            if (current.Version != expected)
                throw StationErrors.Conflict($"order {orderId} is at version {current.Version}, not {expected}");
        }
        var mode = (EditMode)input["mode"]! == EditMode.Append ? StationOrderEditMode.Append : StationOrderEditMode.Replace;
        await StationRequests.SendAsync(ctx, new EditStationOrder(orderId, StationRequests.StationOf(ctx), mode, Lines(input),
            input.Time("receiveBeginTime"), input.Time("receiveEndTime"), input.OptStr("remark"), OrderContexts.Empty, StationRequests.Now(ctx)), sheetFreezes: true);
        return await StationOrderSchema.LoadAsync(ctx, orderId);
    }

    private static List<LineRequest> Lines(IReadOnlyDictionary<string, object?> input) => input.List("lines")
        .Select(l => new LineRequest(l.Str("skuId"), l.Str("spuId"), l.Dec("quantity"), l.Long("unitPrice"), l.Bool("isPriceTiming"), l.OptStr("spuRemark")))
        .ToList();
}
