using System.Globalization;
using Cabinets.Domain.Vending;
using Cabinets.Projections.Vending.Orders;
using Cabinets.Projections.Vending.Sessions;
using Cabinets.Projections.Vending.Users;
using Marten;

namespace Cabinets.Vending.Push;

/// <summary>
/// After every push: that the charge was committed with it. For each seat answered 201 RECORDED, its
/// order is PAID by tickets for 5 × its total and belongs to its user, its session is CLOSED with
/// that order, and its user holds <see cref="PushSetup.Tickets"/> less those tickets; and the event
/// log's `TicketsDebited` and `PaymentSucceeded` count and add up to the same.
/// </summary>
internal static class PushVerification
{
    public sealed record Result(bool Ok, string Text);

    public static async Task<Result> CheckAsync(IDocumentStore store, Seat[] seats, PushLedger ledger, CancellationToken ct)
    {
        var recorded = seats.Where(s => ledger.Status(s.Index) == "RECORDED" && ledger.OrderNo(s.Index) is not null).ToArray();
        long expectedTickets = recorded.Sum(s => VendingMoney.TicketsFor(PushCalls.Total(s.Index)));
        int paid = 0, wrongOrder = 0, closed = 0, balanced = 0;
        long balances = 0;
        await using var query = store.QuerySession();
        foreach (var chunk in seats.Chunk(500))
        {
            var mine = chunk.Where(s => ledger.Status(s.Index) == "RECORDED" && ledger.OrderNo(s.Index) is not null).ToArray();
            var orders = (await query.LoadManyAsync<VendingOrderSnapshot>(ct, mine.Select(s => VendingEventNames.Order(ledger.OrderNo(s.Index)!)).ToArray()))
                .Where(o => o.State is not null).ToDictionary(o => o.State!.OrderNo, o => o.State!, StringComparer.Ordinal);
            foreach (var s in mine)
            {
                if (!orders.TryGetValue(ledger.OrderNo(s.Index)!, out var o)) continue;
                var tickets = VendingMoney.TicketsFor(PushCalls.Total(s.Index));
                if (o is { PaymentStatus: VendingPaymentStatus.Paid, PaymentType: VendingPaymentType.Tickets } && o.TicketsPaid == tickets && o.UserId == s.UserId &&
                    o.WheatOrderNo == PushCalls.WheatOrderNo(s.Index) && o.TotalAmount == PushCalls.Total(s.Index)) paid++;
                else wrongOrder++;
            }
            var sessions = await query.LoadManyAsync<VendingSessionSnapshot>(ct, mine.Select(s => VendingEventNames.Session(s.SessionNo)).ToArray());
            var orderOf = mine.ToDictionary(s => s.SessionNo, s => ledger.OrderNo(s.Index), StringComparer.Ordinal);
            closed += sessions.Count(x => x.State is { Status: VendingSessionStatus.Closed } st && st.OrderNo is not null && orderOf.GetValueOrDefault(st.SessionNo) == st.OrderNo);

            var users = (await query.LoadManyAsync<VendingUserSnapshot>(ct, chunk.Select(s => VendingEventNames.User(s.UserId)).ToArray()))
                .Where(u => u.State is not null).ToDictionary(u => u.State!.UserId, u => u.State!.TicketBalance, StringComparer.Ordinal);
            foreach (var s in chunk)
            {
                var charged = ledger.Status(s.Index) == "RECORDED" ? VendingMoney.TicketsFor(PushCalls.Total(s.Index)) : 0;
                if (users.TryGetValue(s.UserId, out var balance))
                {
                    balances += balance;
                    if (balance == PushSetup.Tickets - charged) balanced++;
                }
            }
        }
        var debits = await StoredEvents.AllAsync<TicketsDebited>(query, ct);
        var payments = await StoredEvents.AllAsync<PaymentSucceeded>(query, ct);
        var granted = seats.Length * PushSetup.Tickets;
        var ok = paid == recorded.Length && closed == recorded.Length && balanced == seats.Length && debits.Count == recorded.Length &&
                 debits.Sum(d => d.Tickets) == expectedTickets && payments.Count == recorded.Length && payments.Sum(p => p.Tickets) == expectedTickets &&
                 granted - balances == expectedTickets;
        var text = string.Create(CultureInfo.InvariantCulture, $"""
            check in the database ({(ok ? "ok" : "FAILED")}), over all {seats.Length:N0} seats (primed, traced, warm-up and profile pushes included), {recorded.Length:N0} answered 201 RECORDED:
              orders PAID by tickets for 5 x their total, of their user: {paid:N0} of {recorded.Length:N0}{(wrongOrder > 0 ? $" ({wrongOrder:N0} otherwise)" : "")}
              sessions CLOSED with that order: {closed:N0} of {recorded.Length:N0}
              users holding {PushSetup.Tickets:N0} less what their push cost: {balanced:N0} of {seats.Length:N0}
              tickets: granted {granted:N0}, held now {balances:N0}, so {granted - balances:N0} debited; the pushes' totals x 5 = {expectedTickets:N0}
              event log: {debits.Count:N0} TicketsDebited summing {debits.Sum(d => d.Tickets):N0}, {payments.Count:N0} PaymentSucceeded summing {payments.Sum(p => p.Tickets):N0} tickets
            """);
        return new Result(ok, text);
    }
}
