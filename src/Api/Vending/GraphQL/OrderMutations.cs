using Cabinets.Api.GraphQL;
using Cabinets.Api.Vending.Handlers;
using Cabinets.Domain.Access;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Orders;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;

namespace Cabinets.Api.Vending.GraphQL;

/// <summary>
/// The console's changes to orders (VENDING.md §2.6, §2.7, §4.6): `correctOrder` (多退少补: more
/// is a 补扣 order charged by the order's method, less a refund by it; one settlement at a time),
/// and the review of exception orders, `approveExceptionOrder` (charges, with corrected items,
/// user or method when the push lacked them) and `voidExceptionOrder`. The deciders' codes come
/// back as `extensions.code`, with `extensions.field` in the input's names.
/// </summary>
internal static class OrderMutations
{
    public static SchemaBuilder Add(SchemaBuilder schema) => schema
        .InputObject("CorrectionItemInput", i => i.Field("productCode", "String!").Field("quantity", "Int!"))
        .InputObject("CorrectOrderInput", i => i
            .Field("orderNo", "String!")
            .Field("items", "[CorrectionItemInput!]!", v => v.Description("The order's lines as they should be: a line left out keeps its quantity, 0 removes it."))
            .Field("reason", "String!")
            .Field("idempotencyKey", "String"))
        .InputObject("ApproveExceptionOrderInput", i => i
            .Field("orderNo", "String!")
            .Field("items", "[CorrectionItemInput!]", v => v.Description("Corrected lines, when the push was wrong."))
            .Field("userId", "ID", v => v.Description("The user to charge, when no session links the order to one."))
            .Field("paymentType", "VendingPaymentType")
            .Field("note", "String"))
        .InputObject("VoidExceptionOrderInput", i => i.Field("orderNo", "String!").Field("reason", "String!"))
        .Mutation(m => m
            .Field("correctOrder", "OrderCorrection!", f => f
                .Argument("input", "CorrectOrderInput!")
                .RequirePermissions(Permissions.VendingOrdersCorrect)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    var orderNo = input.Str("orderNo");
                    var correctionId = await VendingRequests.OnceAsync(ctx.Untyped, input, "correctOrder",
                        async () => ((OrderCorrected)(await VendingRequests.SendAsync(ctx.Untyped, Correction(input, VendingRequests.Now(ctx.Untyped))))!).CorrectionId,
                        id => id, id => id);
                    return (object?)await CorrectionAsync(ctx.Untyped, orderNo, correctionId);
                }))
            .Field("approveExceptionOrder", "VendingOrder!", f => f
                .Argument("input", "ApproveExceptionOrderInput!")
                .RequirePermissions(Permissions.VendingOrdersReview)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    var orderNo = input.Str("orderNo");
                    var items = input.GetValueOrDefault("items") is null ? null : Items(input);
                    await VendingRequests.SendAsync(ctx.Untyped, new ApproveExceptionOrderCommand(orderNo, items, input.OptStr("userId"),
                        input.OptEnum<VendingPaymentType>("paymentType"), input.OptStr("note"), VendingRequests.Now(ctx.Untyped)));
                    return (object?)await VendingLoaders.OrderAsync(ctx.Untyped, orderNo);
                }))
            .Field("voidExceptionOrder", "VendingOrder!", f => f
                .Description("Closes the exception order without charging (VOIDED).")
                .Argument("input", "VoidExceptionOrderInput!")
                .RequirePermissions(Permissions.VendingOrdersReview)
                .ResolveAsync(async ctx =>
                {
                    var input = InputFields.Obj(ctx.Arguments["input"]);
                    var orderNo = input.Str("orderNo");
                    await VendingRequests.SendAsync(ctx.Untyped, new VoidExceptionOrderCommand(orderNo, input.Str("reason"), VendingRequests.Now(ctx.Untyped)));
                    return (object?)await VendingLoaders.OrderAsync(ctx.Untyped, orderNo);
                })));

    /// <summary>A `CorrectOrderInput` as the command (`correctOrder`, and `resolveComplaint`'s `correction`).</summary>
    public static CorrectOrderCommand Correction(IReadOnlyDictionary<string, object?> input, DateTimeOffset now) =>
        new(input.Str("orderNo"), Items(input), input.Str("reason"), null, now);

    /// <summary>The correction <paramref name="correctionId"/> of the order, as the console reads it.</summary>
    public static async Task<CorrectionView?> CorrectionAsync(ResolveContext ctx, string orderNo, string correctionId) =>
        await VendingLoaders.OrderAsync(ctx, orderNo) is { State: { } order }
        && order.Corrections.FirstOrDefault(c => c.Correction.CorrectionId == correctionId) is { } record
            ? new CorrectionView(order, record)
            : null;

    private static List<CorrectionItem> Items(IReadOnlyDictionary<string, object?> input) =>
        input.List("items").Select(i => new CorrectionItem(i.Str("productCode"), i.Int("quantity"))).ToList();
}
