using Cabinets.Api.GraphQL;
using Cabinets.Api.GraphQL.Connections;
using Cabinets.Api.PersonalData;
using Cabinets.Domain.Access;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Orders;
using Cabinets.GraphQL.Execution;
using Cabinets.GraphQL.Types;
using Cabinets.Projections.Vending.Complaints;
using Cabinets.Projections.Vending.Orders;
using Cabinets.Projections.Vending.Sessions;
using Cabinets.Projections.Vending.Users;
using Marten;

namespace Cabinets.Api.Vending.GraphQL;

/// <summary>A correction with the order it belongs to (its refunds and 补扣 order are found there).</summary>
internal sealed record CorrectionView(VendingOrderState Order, CorrectionRecord Record)
{
    public OrderCorrected Correction => Record.Correction;
}

/// <summary>
/// Orders, their payments, refunds and corrections, and sessions in the admin schema (VENDING.md
/// §4.6): `vendingOrders` (by `userPhone:` with `vending.pii.read`), `vendingOrder`,
/// `exceptionOrders` (oldest first), `vendingSession`; every query `vending.read`.
/// </summary>
internal static class OrderSchema
{
    public static SchemaBuilder Add(SchemaBuilder schema) => schema
        .Enum<VendingPaymentType>("VendingPaymentType")
        .Enum<VendingOrderType>("VendingOrderType")
        .Enum<VendingPaymentStatus>("VendingPaymentStatus")
        .Enum<PaymentFailureReason>("PaymentFailureReason")
        .Enum<ExceptionKind>("ExceptionKind")
        .Enum<ReviewStatus>("ReviewStatus")
        .Enum<VendingSessionStatus>("VendingSessionStatus")
        .Enum<SessionFailureReason>("SessionFailureReason")
        .Enum<PaymentRecordStatus>("PaymentRecordStatus")
        .Enum<RefundStatus>("RefundStatus")
        .Enum<RefundMethod>("RefundMethod")
        .Enum<CorrectionSettlement>("CorrectionSettlement")
        .AddConnection(VendingLists.Orders)
        .Query(q => q
            .Field("vendingOrders", VendingLists.Orders.ConnectionType() + "!", f => f
                .Description("Orders; `userPhone:` (exact, needs vending.pii.read) narrows to the user with that phone.")
                .Argument("userPhone", "String")
                .RequirePermissions(Permissions.VendingRead)
                .UseVendingConnection(VendingLists.Orders, ByUserPhoneAsync))
            .Field("vendingOrder", "VendingOrder", f => f
                .Argument("orderNo", "String!")
                .RequirePermissions(Permissions.VendingRead)
                .ResolveAsync(async ctx => (object?)await VendingLoaders.OrderAsync(ctx.Untyped, ctx.Argument<string>("orderNo"))))
            .Field("exceptionOrders", VendingLists.Orders.ConnectionType() + "!", f => f
                .Description("Orders with an exception kind (over the amount limit, reported by the vendor, an invalid push), reviewed or not; oldest first unless `order` says otherwise.")
                .RequirePermissions(Permissions.VendingRead)
                .UseVendingConnection(VendingLists.Orders, _ => Task.FromResult(VendingConnections.Equal(VendingLists.ExceptionColumn, true))))
            .Field("vendingSession", "VendingSession", f => f
                .Argument("sessionNo", "String!")
                .RequirePermissions(Permissions.VendingRead)
                .ResolveAsync(async ctx => (object?)await VendingLoaders.SessionAsync(ctx.Untyped, ctx.Argument<string>("sessionNo")))))
        .Object<VendingOrderSnapshot>("VendingOrder", t => t
            .Field("orderNo", "String!", o => o.State!.OrderNo)
            .Field("orderType", "VendingOrderType!", o => o.State!.OrderType)
            .Field("wheatOrderNo", "String", o => o.State!.WheatOrderNo)
            .Field("relatedOrderNo", "String", o => o.State!.RelatedOrderNo)
            .Field("relatedOrder", "VendingOrder", f => f.ResolveAsync(async ctx =>
                (object?)(ctx.Source.State!.RelatedOrderNo is { } no ? await VendingLoaders.OrderAsync(ctx.Untyped, no) : null)))
            .Field("supplementaryOrders", "[VendingOrder!]!", f => f.ResolveAsync(async ctx =>
                (object?)(await Task.WhenAll(ctx.Source.State!.SupplementaryOrderNos.Select(no => VendingLoaders.OrderAsync(ctx.Untyped, no)))).OfType<VendingOrderSnapshot>().ToList()))
            .Field("session", "VendingSession", f => f.ResolveAsync(async ctx =>
                (object?)(ctx.Source.State!.SessionNo is { } no ? await VendingLoaders.SessionAsync(ctx.Untyped, no) : null)))
            .Field("user", "VendingUser", f => f.ResolveAsync(async ctx =>
                (object?)(ctx.Source.State!.UserId is { } id ? await VendingLoaders.UserAsync(ctx.Untyped, id) : null)))
            .Field("userPhoneMasked", "String", f => f
                .Description("138****8000; \"erased\" once the person's data was erased.")
                .ResolveAsync(async ctx => (object?)(ctx.Source.State!.UserId is { } id && await VendingLoaders.UserAsync(ctx.Untyped, id) is { State: { } user }
                    ? UserSchema.MaskedPhone(await Vault(ctx.Untyped).RevealAsync(user.SealedPhone, ctx.CancellationToken))
                    : null)))
            .Field("store", "Store!", f => f.ResolveAsync(async ctx => (object?)await VendingLoaders.StoreAsync(ctx.Untyped, ctx.Source.State!.StoreCode)))
            .Field("device", "Device!", f => f.ResolveAsync(async ctx => (object?)await VendingLoaders.DeviceAsync(ctx.Untyped, ctx.Source.State!.DeviceCode)))
            .Field("orderTime", "DateTime!", o => o.State!.OrderTime)
            .Field("recordedAt", "DateTime!", o => o.State!.RecordedAt)
            .Field("items", "[VendingOrderItem!]!", o => o.State!.Items)
            .Field("totalAmount", "Long!", o => o.State!.TotalAmount)
            .Field("paymentType", "VendingPaymentType!", o => o.State!.PaymentType)
            .Field("paymentStatus", "VendingPaymentStatus!", o => o.State!.PaymentStatus)
            .Field("failureReason", "PaymentFailureReason", o => o.State!.FailureReason)
            .Field("wxPaymentAmount", "Long!", o => o.State!.WxPaymentAmount)
            .Field("ticketPaymentAmount", "Long!", o => o.State!.TicketPaymentAmount)
            .Field("ticketsPaid", "Long!", o => o.State!.TicketsPaid)
            .Field("paidAt", "DateTime", o => o.State!.PaidAt)
            .Field("refundedAmount", "Long!", o => o.State!.RefundedAmount)
            .Field("refundedTickets", "Long!", o => o.State!.RefundedTickets)
            .Field("exceptionKind", "ExceptionKind", o => o.State!.ExceptionKind)
            .Field("exceptionReason", "String", o => o.State!.ExceptionReason)
            .Field("reviewStatus", "ReviewStatus", o => o.State!.ReviewStatus)
            .Field("payments", "[VendingPayment!]!", o => o.State!.Payments)
            .Field("refunds", "[VendingRefund!]!", o => o.State!.Refunds)
            .Field("corrections", "[OrderCorrection!]!", o => o.State!.Corrections.Select(c => new CorrectionView(o.State, c)).ToList())
            .Field("complaints", "[Complaint!]!", f => f.ResolveAsync(async ctx => (object?)await ComplaintsOfOrderAsync(ctx.Untyped, ctx.Source.State!.OrderNo)))
            .Field("manualTasks", "[ManualTask!]!", f => f.ResolveAsync(async ctx => (object?)await VendingLoaders.ManualTasksOfOrderAsync(ctx.Untyped, ctx.Source.State!.OrderNo))))
        .Object<OrderItem>("VendingOrderItem", t => t
            .Field("productCode", "String!", i => i.ProductCode)
            .Field("productName", "String!", i => i.ProductName)
            .Field("quantity", "Int!", i => i.Quantity)
            .Field("unitPrice", "Long!", i => i.UnitPrice)
            .Field("amount", "Long!", i => i.Amount)
            .Field("knownProduct", "Boolean!", i => i.KnownProduct))
        .Object<PaymentRecord>("VendingPayment", t => t
            .Field("paymentNo", "String!", p => p.PaymentNo)
            .Field("paymentType", "VendingPaymentType!", p => p.PaymentType)
            .Field("amount", "Long!", p => p.Amount)
            .Field("tickets", "Long!", p => p.Tickets)
            .Field("status", "PaymentRecordStatus!", p => p.Status)
            .Field("failureReason", "PaymentFailureReason", p => p.FailureReason)
            .Field("wechatTransactionId", "String", p => p.WechatTransactionId)
            .Field("startedAt", "DateTime!", p => p.StartedAt)
            .Field("succeededAt", "DateTime", p => p.SucceededAt))
        .Object<RefundRecord>("VendingRefund", t => t
            .Field("refundNo", "String!", r => r.RefundNo)
            .Field("method", "RefundMethod!", r => r.Method)
            .Field("amount", "Long!", r => r.Amount)
            .Field("tickets", "Long!", r => r.Tickets)
            .Field("status", "RefundStatus!", r => r.Status)
            .Field("paymentNo", "String", r => r.PaymentNo)
            .Field("wechatRefundId", "String", r => r.WechatRefundId)
            .Field("requestedAt", "DateTime!", r => r.RequestedAt)
            .Field("succeededAt", "DateTime", r => r.SucceededAt)
            .Field("correctionId", "ID", r => r.CorrectionId))
        .Object<CorrectionView>("OrderCorrection", t => t
            .Field("correctionId", "ID!", c => c.Correction.CorrectionId)
            .Field("order", "VendingOrder!", f => f.ResolveAsync(async ctx => (object?)await VendingLoaders.OrderAsync(ctx.Untyped, ctx.Source.Order.OrderNo)))
            .Field("reason", "String!", c => c.Correction.Reason)
            .Field("actor", "String!", c => c.Record.Actor ?? "")
            .Field("correctedAt", "DateTime!", c => c.Correction.At)
            .Field("lines", "[CorrectionLine!]!", c => c.Correction.Lines)
            .Field("previousTotal", "Long!", c => c.Correction.PreviousTotal)
            .Field("newTotal", "Long!", c => c.Correction.NewTotal)
            .Field("settledAmount", "Long!", c => c.Correction.SettledAmount)
            .Field("delta", "Long!", c => c.Correction.Delta)
            .Field("settlement", "CorrectionSettlement!", c => c.Correction.Settlement)
            .Field("supplementaryOrder", "VendingOrder", f => f.ResolveAsync(async ctx =>
                (object?)(ctx.Source.Correction.SupplementaryOrderNo is { } no ? await VendingLoaders.OrderAsync(ctx.Untyped, no) : null)))
            .Field("refunds", "[VendingRefund!]!", f => f
                .Description("The refunds this correction asked for, on the order and its 补扣 orders.")
                .ResolveAsync(async ctx => (object?)await RefundsOfAsync(ctx.Untyped, ctx.Source)))
            .Field("complaintId", "ID", c => c.Correction.ComplaintId))
        .Object<CorrectionLine>("CorrectionLine", t => t
            .Field("productCode", "String!", l => l.ProductCode)
            .Field("productName", "String!", l => l.ProductName)
            .Field("unitPrice", "Long!", l => l.UnitPrice)
            .Field("previousQuantity", "Int!", l => l.PreviousQuantity)
            .Field("newQuantity", "Int!", l => l.NewQuantity)
            .Field("amountDelta", "Long!", l => (l.NewQuantity - l.PreviousQuantity) * l.UnitPrice))
        .Object<VendingSessionSnapshot>("VendingSession", t => t
            .Field("sessionNo", "String!", s => s.State!.SessionNo)
            .Field("status", "VendingSessionStatus!", s => s.State!.Status)
            .Field("failureReason", "SessionFailureReason", s => s.State!.FailureReason)
            .Field("paymentType", "VendingPaymentType!", s => s.State!.PaymentType)
            .Field("user", "VendingUser!", f => f.ResolveAsync(async ctx => (object?)await VendingLoaders.UserAsync(ctx.Untyped, ctx.Source.State!.UserId)))
            .Field("device", "Device!", f => f.ResolveAsync(async ctx => (object?)await VendingLoaders.DeviceAsync(ctx.Untyped, ctx.Source.State!.DeviceCode)))
            .Field("createdAt", "DateTime!", s => s.State!.CreatedAt)
            .Field("openedAt", "DateTime", s => s.State!.OpenedAt)
            .Field("expiresAt", "DateTime!", s => s.State!.ExpiresAt)
            .Field("order", "VendingOrder", f => f.ResolveAsync(async ctx =>
                (object?)(ctx.Source.State!.OrderNo is { } no ? await VendingLoaders.OrderAsync(ctx.Untyped, no) : null))));

    /// <summary>Refunds with this correction's id, wherever they were asked (a 补扣 order's payment may be refunded too).</summary>
    private static async Task<IReadOnlyList<RefundRecord>> RefundsOfAsync(ResolveContext ctx, CorrectionView view)
    {
        var refunds = view.Order.Refunds.Where(r => r.CorrectionId == view.Correction.CorrectionId).ToList();
        foreach (var no in view.Order.SupplementaryOrderNos)
            if (await VendingLoaders.OrderAsync(ctx, no) is { State: { } s })
                refunds.AddRange(s.Refunds.Where(r => r.CorrectionId == view.Correction.CorrectionId));
        return refunds;
    }

    private static Task<IReadOnlyList<ComplaintSnapshot>> ComplaintsOfOrderAsync(ResolveContext ctx, string orderNo) =>
        ctx.DataLoader<string, IReadOnlyList<ComplaintSnapshot>>("vendingOrderComplaints", async (orderNos, ct) =>
        {
            await using var session = VendingLoaders.Session(ctx);
            var list = orderNos.ToList();
            var found = await session.Query<ComplaintSnapshot>().Where(c => list.Contains(c.OrderNo)).ToListAsync(ct);
            return orderNos.ToDictionary(o => o, o => (IReadOnlyList<ComplaintSnapshot>)found.Where(c => c.OrderNo == o).OrderBy(c => c.State?.FiledAt).ToList());
        }).LoadAsync(orderNo);

    /// <summary>`userPhone:` as the keyed hash of the number (the clear number never reaches SQL); the read is audited.</summary>
    private static async Task<IReadOnlyDictionary<string, object?>> ByUserPhoneAsync(ResolveContext ctx)
    {
        if (ctx.Arguments.GetValueOrDefault("userPhone") is not string phone) return new Dictionary<string, object?>();
        var ids = await UserSchema.UserIdsByPhoneAsync(ctx, phone, "userPhone");
        return VendingConnections.In(VendingLists.OwnerColumn, ids.Cast<object?>().ToList());
    }

    private static PersonalDataVault Vault(ResolveContext ctx) => GraphQLRequestContext.Of(ctx).Service<PersonalDataVault>();
}
