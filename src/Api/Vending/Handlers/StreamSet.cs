using Cabinets.Api.Commands;
using Cabinets.Domain.Vending;
using Marten;
using Wolverine;

namespace Cabinets.Api.Vending.Handlers;

/// <summary>
/// The streams one vending command decides over (ADR-0030): each is loaded for writing (its
/// version becomes the expected version), the decision's <see cref="VendingEffects"/> are appended
/// to them — a stream it did not load only if it is started new — and its messages go to the
/// outbox. Wolverine's transaction commits it all in one `SaveChangesAsync`; a concurrent writer on
/// any of the streams makes it throw, and the retry policy decides again from the load.
/// </summary>
public sealed class StreamSet(IDocumentSession session)
{
    private readonly Dictionary<string, Action<object>> appenders = new(StringComparer.Ordinal);

    public IDocumentSession Session => session;

    public async Task<TSnapshot?> LoadAsync<TSnapshot>(string streamId, CancellationToken ct) where TSnapshot : class
    {
        var stream = await session.Events.FetchForWriting<TSnapshot>(streamId, ct);
        appenders[streamId] = e => stream.AppendOne(e);
        return stream.Aggregate;
    }

    public async Task<CommandOutcome> CommitAsync(VendingEffects effects, IMessageContext messages)
    {
        if (effects.Error is { } error) return new CommandOutcome.Rejected(error);
        foreach (var (stream, e) in effects.Appends)
        {
            if (!appenders.TryGetValue(stream, out var append))
                throw new InvalidOperationException($"the decision appends to {stream}, which the handler did not load");
            append(e);
        }
        foreach (var group in effects.Starts.GroupBy(s => s.Stream))
            session.Events.StartStream(group.Key, group.Select(s => s.Event).ToArray());
        foreach (var (_, e) in effects.Appends.Concat(effects.Starts)) Reference(e);
        foreach (var message in effects.Messages) await StreamDecisions.SendAsync(messages, message);
        return new CommandOutcome.Accepted(effects.Answer, effects.Appends.Count + effects.Starts.Count);
    }

    /// <summary>Payment and refund numbers are found again by WeChat's callbacks (<see cref="VendingReference"/>).</summary>
    private void Reference(object e)
    {
        switch (e)
        {
            case VendingSessionStarted { PaymentNo: { } paymentNo } started:
                session.Store(new VendingReference { Id = paymentNo, SessionNo = started.SessionNo });
                break;
            case ChargeStarted charge:
                session.Store(new VendingReference { Id = charge.PaymentNo, OrderNo = charge.OrderNo });
                break;
            case RefundRequested refund:
                session.Store(new VendingReference { Id = refund.RefundNo, OrderNo = refund.OrderNo });
                break;
        }
    }
}
