using Cabinets.Api.Commands;
using Cabinets.Api.Vending.Ports;
using Cabinets.Domain.Deciding;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;
using Cabinets.Projections.Vending.Catalog;
using Marten;
using Wolverine;

namespace Cabinets.Api.Vending.Handlers.Catalog;

/// <summary>Where the next pull starts (§2.11): the start of the last completed pull, kept with its `ProductSyncCompleted`.</summary>
public sealed class ProductPullCursor
{
    public const string TheErp = "erp";

    public string Id { get; set; } = TheErp;

    public DateTimeOffset? LastCompletedStartedAt { get; set; }
}

/// <summary>
/// Asks for one pull: `ProductSyncRequested` starts the pull's stream (its claim: a scheduled slot
/// asked for by every node is pulled once) and `ErpPullProducts` goes to the outbox with
/// `updatedSince` = the last completed pull's start − 5 minutes.
/// </summary>
public static class RequestProductSyncHandler
{
    public static async Task<CommandOutcome> Handle(RequestProductSync command, IDocumentSession session, IMessageContext messages, CancellationToken ct)
    {
        var streamId = VendingEventNames.ProductSync(command.SyncId);
        if (await session.Events.FetchStreamStateAsync(streamId, ct) is not null) return new CommandOutcome.Accepted(new ProductSyncRun(command.SyncId, command.Now), 0);
        var cursor = await session.LoadAsync<ProductPullCursor>(ProductPullCursor.TheErp, ct);
        var since = ProductDecider.UpdatedSince(cursor?.LastCompletedStartedAt);
        session.Events.Append(streamId, 1L, new ProductSyncRequested(command.SyncId, since, command.Now)); // version 1: only a new stream
        await StreamDecisions.SendAsync(messages, new OutgoingMessage(new ErpPullProducts(command.SyncId, since)));
        return new CommandOutcome.Accepted(new ProductSyncRun(command.SyncId, command.Now), 1);
    }
}

/// <summary>
/// `ErpPullProducts` from the outbox. One attempt reads every page (`nextCursor`) with the pull's
/// one idempotency key, and only then records the products that changed and `ProductSyncCompleted`
/// in one transaction: a failure on page 3 records nothing, and its retry starts from page 1.
/// A pull already completed (a redelivery) calls nobody.
/// </summary>
public static class ErpPullProductsHandler
{
    private const int MaxPages = 10_000;

    public static Task Handle(ErpPullProducts message, IErpGateway erp, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        AttemptAsync(message, erp, session, clock, ct);

    public static async Task AttemptAsync(ErpPullProducts message, IErpGateway erp, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var streamId = VendingEventNames.ProductSync(message.SyncId);
        var history = await session.Events.FetchStreamAsync(streamId, token: ct);
        if (history.Any(e => e.Data is ProductSyncCompleted)) return;

        var startedAt = clock.GetUtcNow();
        var items = new List<ErpItem>();
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var page = await erp.PullProductsAsync(message.UpdatedSince, cursor, message.IdempotencyKey, ct);
            items.AddRange(page.Items.Select(i => new ErpItem(i.Code, i.Name, i.Price, i.Category, i.Status, i.UpdatedAt)));
            cursor = page.NextCursor;
            if (cursor is not null && (!cursors.Add(cursor) || cursors.Count > MaxPages))
                throw new ExternalServiceException("erp", "HTTP 200 with a cursor already given"); // the ERP's paging loops: retried, then a task
        }
        while (cursor is not null);

        var now = clock.GetUtcNow();
        var pull = ProductDecider.Sort(items, now);
        var changed = 0;
        foreach (var product in pull.Valid)
        {
            var stream = await session.Events.FetchForWriting<VendingProductSnapshot>(VendingEventNames.Product(product.ProductCode), ct);
            var decision = ProductDecider.Decide(product, stream.Aggregate?.State);
            if (decision.Events.Count == 0) continue;
            stream.AppendMany(decision.Events.ToArray());
            changed++;
        }
        session.Events.Append(streamId, history.Count + 1L, new ProductSyncCompleted(message.SyncId, startedAt, pull.Received, changed, pull.RejectedCodes, now));
        var last = await session.LoadAsync<ProductPullCursor>(ProductPullCursor.TheErp, ct) ?? new ProductPullCursor();
        if (last.LastCompletedStartedAt is null || last.LastCompletedStartedAt < startedAt) last.LastCompletedStartedAt = startedAt;
        session.Store(last);
    }
}
