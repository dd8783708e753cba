using Cabinets.Api.Commands;
using Cabinets.Api.Vending.Outbound;
using Cabinets.Api.Vending.Ports;
using Cabinets.Domain.Deciding;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.Catalog;
using Cabinets.Domain.Vending.ManualTasks;
using Cabinets.Projections.Vending.Catalog;
using Cabinets.Projections.Vending.ManualTasks;
using Marten;
using Wolverine;

namespace Cabinets.Api.Vending.Handlers.Catalog;

/// <summary>
/// What the daily push sends (VENDING.md §2.11, §2.12): one store's business day by product, and
/// the stores that had money movements that day. Implemented by the statistics
/// (`SalesSummaries.BuildAsync`); past days never change, so every retry sends the same body.
/// </summary>
public interface ISalesSummarySource
{
    Task<SalesSummary> BuildAsync(string storeCode, DateOnly businessDate, CancellationToken ct);

    Task<IReadOnlyList<string>> StoresWithMovementsAsync(DateOnly businessDate, CancellationToken ct);
}

/// <summary>The summaries from the statistics read model (src/Projections/Vending/Statistics).</summary>
internal sealed class StatisticsSalesSummaries(Statistics.SalesSummaries summaries) : ISalesSummarySource
{
    public Task<SalesSummary> BuildAsync(string storeCode, DateOnly businessDate, CancellationToken ct) => summaries.BuildAsync(storeCode, businessDate, ct);

    public Task<IReadOnlyList<string>> StoresWithMovementsAsync(DateOnly businessDate, CancellationToken ct) => summaries.StoresWithMovementsAsync(businessDate, ct);
}

internal static class SalesSummaryStreams
{
    public static SalesSummaryPushRequested Requested(SalesSummary summary, DateTimeOffset now) =>
        new(summary.SummaryId, summary.BusinessDate, summary.StoreCode, summary.Totals.GrossAmount, summary.Totals.RefundAmount, summary.Totals.NetAmount, now);
}

/// <summary>
/// 02:00 Asia/Shanghai: one `ErpPushSalesSummary` per store with movements on the previous business
/// day. Starting the summary's stream is the claim, so the push asked for by every node (or again
/// after a restart) is sent once; a concurrent claim loses on the stream version and finds it taken.
/// </summary>
public static class RequestDailySalesPushHandler
{
    public static async Task<CommandOutcome> Handle(RequestDailySalesPush command, ISalesSummarySource source, IDocumentSession session, IMessageContext messages,
        CancellationToken ct)
    {
        var requested = 0;
        foreach (var store in (await source.StoresWithMovementsAsync(command.BusinessDate, ct)).Distinct(StringComparer.Ordinal))
        {
            var summaryId = SalesSummaryIds.Of(store, command.BusinessDate);
            if (await session.Events.FetchStreamStateAsync(VendingEventNames.SalesSummary(summaryId), ct) is not null) continue;
            var summary = await source.BuildAsync(store, command.BusinessDate, ct);
            session.Events.Append(VendingEventNames.SalesSummary(summaryId), 1L, SalesSummaryStreams.Requested(summary with { SummaryId = summaryId }, command.Now));
            await StreamDecisions.SendAsync(messages, new OutgoingMessage(new ErpPushSalesSummary(summaryId, store, command.BusinessDate)));
            requested++;
        }
        return new CommandOutcome.Accepted(null, requested);
    }
}

/// <summary>
/// `ErpPushSalesSummary` from the outbox: the summary as the statistics hold it, `SalesSummaryPushed`
/// after the ERP accepted it. A summary already pushed since its last request (a redelivery) is not sent again.
/// </summary>
public static class ErpPushSalesSummaryHandler
{
    public static Task Handle(ErpPushSalesSummary message, IErpGateway erp, ISalesSummarySource source, IDocumentSession session, TimeProvider clock,
        CancellationToken ct) =>
        AttemptAsync(message, erp, source, session, clock, ct);

    public static async Task AttemptAsync(ErpPushSalesSummary message, IErpGateway erp, ISalesSummarySource source, IDocumentSession session, TimeProvider clock,
        CancellationToken ct)
    {
        var streamId = VendingEventNames.SalesSummary(message.SummaryId);
        var history = await session.Events.FetchStreamAsync(streamId, token: ct);
        if (history.Count > 0 && history[^1].Data is SalesSummaryPushed) return;
        var summary = await source.BuildAsync(message.StoreCode, message.BusinessDate, ct);
        await erp.PushSalesSummaryAsync(summary with { SummaryId = message.SummaryId }, ct);
        session.Events.Append(streamId, history.Count + 1L, new SalesSummaryPushed(message.SummaryId, clock.GetUtcNow()));
    }
}

/// <summary>
/// `pushSalesSummary`: the request and one immediate attempt in this command's transaction (the
/// admin waits). Accepted → `SalesSummaryPushed` and an open `ERP_SALES_PUSH` task of the summary
/// resolved `SENT`; answer null. Refused or unreachable → the task opens (or stays open) with the
/// error; answer its id. Only a day that has ended can be sent.
/// </summary>
public static class PushSalesSummaryNowHandler
{
    public static async Task<CommandOutcome> Handle(PushSalesSummaryNow command, IErpGateway erp, ISalesSummarySource source, IDocumentSession session,
        TimeProvider clock, CancellationToken ct)
    {
        if (await DeviceStream.StoreAsync(session, command.StoreCode, ct) is null)
            return new CommandOutcome.Rejected(new DomainError(CatalogErrors.NotFound, $"no store {command.StoreCode}", "storeCode"));
        if (command.BusinessDate >= CatalogSchedule.BusinessDate(command.Now))
            return new CommandOutcome.Rejected(new DomainError(CatalogErrors.Validation, "only a business day that has ended can be sent", "date"));

        var summaryId = SalesSummaryIds.Of(command.StoreCode, command.BusinessDate);
        var streamId = VendingEventNames.SalesSummary(summaryId);
        var version = (await session.Events.FetchStreamStateAsync(streamId, ct))?.Version ?? 0;
        var summary = await source.BuildAsync(command.StoreCode, command.BusinessDate, ct) with { SummaryId = summaryId };
        session.Events.Append(streamId, version + 1, SalesSummaryStreams.Requested(summary, command.Now));

        var message = new ErpPushSalesSummary(summaryId, command.StoreCode, command.BusinessDate);
        string? error = null;
        try
        {
            await erp.PushSalesSummaryAsync(summary, ct);
        }
        catch (ExternalServiceException e)
        {
            error = e.Reason;
        }
        catch (ExternalRejectedException e)
        {
            error = $"{e.Code}: {e.Reason}";
        }
        var now = clock.GetUtcNow();
        if (error is null) session.Events.Append(streamId, version + 2, new SalesSummaryPushed(summaryId, now));

        var taskId = OutboundGaveUp.TaskIdOf(message);
        var task = await session.Events.FetchForWriting<ManualTaskSnapshot>(VendingEventNames.Task(taskId), ct);
        // An open task of this summary takes the attempt as its retry (attempts + 1, or resolved SENT); otherwise a failure opens one.
        ManualTaskCommand? taskCommand = task.Aggregate?.State is { Status: ManualTaskStatus.Open }
            ? new RecordManualRetry(taskId, error is null, error, now)
            : error is null ? null : OutboundGaveUp.OpenTask(message, ManualTaskKind.ErpSalesPush, 1, error, now);
        if (taskCommand is not null)
        {
            var decision = ManualTaskDecider.Decide(taskCommand, task.Aggregate?.State);
            if (decision.Events.Count > 0) task.AppendMany(decision.Events.ToArray());
        }
        return new CommandOutcome.Accepted(error is null ? null : taskId, error is null ? 2 : 1);
    }
}
