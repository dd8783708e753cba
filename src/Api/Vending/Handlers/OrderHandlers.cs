using Cabinets.Api.Commands;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Orders;
using Cabinets.Projections.Vending.Orders;
using Cabinets.Projections.Vending.Users;
using Marten;
using Wolverine;

namespace Cabinets.Api.Vending.Handlers;

/// <summary>`POST /api/app/orders/{orderNo}/pay-again` (§2.8).</summary>
public sealed record PayAgainCommand(string UserId, string OrderNo, VendingPaymentType? PaymentType, DateTimeOffset Now);

/// <summary>An admin's `correctOrder` (§2.7), optionally for a complaint.</summary>
public sealed record CorrectOrderCommand(string OrderNo, IReadOnlyList<CorrectionItem> Items, string Reason, string? ComplaintId, DateTimeOffset Now);

public static class PayAgainHandler
{
    public static async Task<CommandOutcome> Handle(PayAgainCommand command, IDocumentSession session, IMessageContext messages, VendingNumbers numbers, CancellationToken ct)
    {
        var streams = new StreamSet(session);
        var order = (await streams.LoadAsync<VendingOrderSnapshot>(VendingEventNames.Order(command.OrderNo), ct))?.State;
        var user = (await streams.LoadAsync<VendingUserSnapshot>(VendingEventNames.User(command.UserId), ct))?.State;
        if (order is null || user is null || order.UserId != command.UserId)
            return new CommandOutcome.Rejected(new Domain.Deciding.DomainError("not-found", $"no order {command.OrderNo}"));
        var store = await VendingLookups.StoreAsync(session, order.StoreCode, ct);
        return await streams.CommitAsync(PayAgainRules.Decide(new PayAgain(order, command.PaymentType, user, await numbers.PaymentAsync(ct), store?.StoreName ?? "", command.Now)), messages);
    }
}

/// <summary>
/// 多退少补 over the order, its 补扣 orders and the user, all loaded for writing: a concurrent charge
/// or refund on any of them makes the commit fail and the correction is decided again.
/// </summary>
public static class CorrectOrderHandler
{
    public static async Task<CommandOutcome> Handle(CorrectOrderCommand command, IDocumentSession session, IMessageContext messages, VendingNumbers numbers, CancellationToken ct)
    {
        var streams = new StreamSet(session);
        var correction = await LoadAsync(streams, numbers, command, ct);
        return correction is null
            ? new CommandOutcome.Rejected(new Domain.Deciding.DomainError("NOT_FOUND", $"no order {command.OrderNo}", "orderNo"))
            : await streams.CommitAsync(Corrections.Correct(correction), messages);
    }

    /// <summary>What <see cref="Corrections.Correct"/> decides over, its streams loaded for writing into <paramref name="streams"/>; null when there is no such order.</summary>
    internal static async Task<CorrectOrder?> LoadAsync(StreamSet streams, VendingNumbers numbers, CorrectOrderCommand command, CancellationToken ct)
    {
        var session = streams.Session;
        var order = (await streams.LoadAsync<VendingOrderSnapshot>(VendingEventNames.Order(command.OrderNo), ct))?.State;
        if (order is null) return null;
        var supplementaries = new List<VendingOrderState>();
        foreach (var no in order.SupplementaryOrderNos)
            if ((await streams.LoadAsync<VendingOrderSnapshot>(VendingEventNames.Order(no), ct))?.State is { } s) supplementaries.Add(s);
        var user = order.UserId is null ? null : (await streams.LoadAsync<VendingUserSnapshot>(VendingEventNames.User(order.UserId), ct))?.State;
        var catalog = await VendingLookups.CatalogAsync(session, command.Items.Select(i => i.ProductCode), ct);
        var store = await VendingLookups.StoreAsync(session, order.StoreCode, ct);
        var refundNos = new List<string>();
        for (var i = 0; i < 1 + order.Payments.Count + supplementaries.Sum(s => s.Payments.Count); i++) refundNos.Add(await numbers.RefundAsync(ct));
        var numbersUsed = new CorrectionNumbers(await numbers.CorrectionAsync(ct), await numbers.OrderAsync(ct), await numbers.PaymentAsync(ct), refundNos);
        return new CorrectOrder(order, supplementaries, command.Items, catalog, command.Reason, command.ComplaintId, numbersUsed, user, store?.StoreName ?? "", command.Now);
    }
}
