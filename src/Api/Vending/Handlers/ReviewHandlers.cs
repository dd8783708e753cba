using Cabinets.Api.Commands;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Orders;
using Cabinets.Projections.Vending.Orders;
using Cabinets.Projections.Vending.Sessions;
using Cabinets.Projections.Vending.Users;
using Marten;
using Wolverine;

namespace Cabinets.Api.Vending.Handlers;

/// <summary>An admin's `approveExceptionOrder` (§2.6): optionally corrected items, the user and method when no session is known.</summary>
public sealed record ApproveExceptionOrderCommand(string OrderNo, IReadOnlyList<CorrectionItem>? Items, string? UserId, VendingPaymentType? PaymentType,
    string? Note, DateTimeOffset Now);

/// <summary>An admin's `voidExceptionOrder` (§2.6).</summary>
public sealed record VoidExceptionOrderCommand(string OrderNo, string Reason, DateTimeOffset Now);

/// <summary>
/// Review of exception orders: the order and the user it charges are loaded for writing (a ticket
/// debit commits with the approval), the session for its pay-score service order.
/// </summary>
public static class ApproveExceptionOrderHandler
{
    public static async Task<CommandOutcome> Handle(ApproveExceptionOrderCommand command, IDocumentSession session, IMessageContext messages, VendingNumbers numbers, CancellationToken ct)
    {
        var streams = new StreamSet(session);
        var order = (await streams.LoadAsync<VendingOrderSnapshot>(VendingEventNames.Order(command.OrderNo), ct))?.State;
        if (order is null) return NotFound(command.OrderNo);
        var userId = command.UserId ?? order.UserId;
        var user = userId is null ? null : (await streams.LoadAsync<VendingUserSnapshot>(VendingEventNames.User(userId), ct))?.State;
        var vendingSession = order.SessionNo is null ? null : (await session.LoadAsync<VendingSessionSnapshot>(VendingEventNames.Session(order.SessionNo), ct))?.State;
        var catalog = await VendingLookups.CatalogAsync(session, command.Items?.Select(i => i.ProductCode) ?? [], ct);
        var store = await VendingLookups.StoreAsync(session, order.StoreCode, ct);
        return await streams.CommitAsync(Review.Approve(new ApproveExceptionOrder(order, command.Items, catalog, command.UserId, command.PaymentType, command.Note,
            user, vendingSession, await numbers.CorrectionAsync(ct), await numbers.PaymentAsync(ct), store?.StoreName ?? "", command.Now)), messages);
    }

    internal static CommandOutcome NotFound(string orderNo) => new CommandOutcome.Rejected(new Domain.Deciding.DomainError("NOT_FOUND", $"no order {orderNo}", "orderNo"));
}

public static class VoidExceptionOrderHandler
{
    public static async Task<CommandOutcome> Handle(VoidExceptionOrderCommand command, IDocumentSession session, IMessageContext messages, CancellationToken ct)
    {
        var streams = new StreamSet(session);
        var order = (await streams.LoadAsync<VendingOrderSnapshot>(VendingEventNames.Order(command.OrderNo), ct))?.State;
        if (order is null) return ApproveExceptionOrderHandler.NotFound(command.OrderNo);
        var vendingSession = order.SessionNo is null ? null : (await session.LoadAsync<VendingSessionSnapshot>(VendingEventNames.Session(order.SessionNo), ct))?.State;
        return await streams.CommitAsync(Review.Void(order, command.Reason, vendingSession, command.Now), messages);
    }
}
