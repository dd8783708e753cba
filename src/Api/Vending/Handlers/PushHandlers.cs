using Cabinets.Api.Commands;
using Cabinets.Domain.Deciding;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Orders;
using Cabinets.Projections.Vending.Sessions;
using Cabinets.Projections.Vending.Users;
using Marten;
using Wolverine;

namespace Cabinets.Api.Vending.Handlers;

/// <summary>A validated vendor push (`/api/vendors/wheat/orders` or `exception-orders`).</summary>
public sealed record RecordVendorPush(VendorPush Push, DateTimeOffset Now);

/// <summary>
/// The vendor's push (§2.4), idempotent by `wheatOrderNo`: the number is claimed by starting its
/// stream, so a repeat finds the first answer (same body) or a conflict (another body), and two
/// pushes of one order at once collide on that start — the loser decides again and finds the winner's.
/// </summary>
public static class RecordVendorPushHandler
{
    public const string Conflict = "wheat-order-conflict";

    public static async Task<CommandOutcome> Handle(RecordVendorPush command, IDocumentSession session, IMessageContext messages, VendingNumbers numbers, CancellationToken ct)
    {
        var push = command.Push;
        var claimed = await session.Events.FetchStreamAsync(VendingEventNames.WheatOrder(push.WheatOrderNo), token: ct);
        if (claimed.Count > 0 && claimed[0].Data is WheatOrderReceived first)
            return first.BodyHash == push.BodyHash
                ? new CommandOutcome.Accepted(new PushAnswer(first.OrderNo, first.Status), 0)
                : new CommandOutcome.Rejected(new DomainError(Conflict, $"order {push.WheatOrderNo} was pushed before with other content", "wheatOrderNo"));

        var streams = new StreamSet(session);
        var vendingSession = (await streams.LoadAsync<VendingSessionSnapshot>(VendingEventNames.Session(push.SessionNo), ct))?.State;
        var device = await VendingLookups.DeviceAsync(session, push.DeviceCode, ct);
        var store = await VendingLookups.StoreAsync(session, device?.StoreCode ?? vendingSession?.StoreCode ?? "", ct);
        var user = vendingSession is null ? null : (await streams.LoadAsync<VendingUserSnapshot>(VendingEventNames.User(vendingSession.UserId), ct))?.State;
        var known = (await VendingLookups.CatalogAsync(session, push.Items.Select(i => i.ProductCode), ct)).Keys.ToHashSet(StringComparer.Ordinal);
        var (orderNo, paymentNo) = await numbers.OrderAndPaymentAsync(ct);
        var context = new PushContext(push, orderNo, paymentNo, vendingSession, device, store, user, known, command.Now);
        return await streams.CommitAsync(VendorPushes.Record(context), messages);
    }
}
