using Cabinets.Api.Commands;
using Cabinets.Domain.Deciding;
using Cabinets.Domain.Fulfillment;
using Cabinets.Domain.Fulfillment.WriteBack;
using Cabinets.Projections.Fulfillment;
using Marten;
using Wolverine;

namespace Cabinets.Api.Fulfillment.Handlers;

/// <summary>`createStockWriteBackRule` / `updateStockWriteBackRule` as the console sends them; the handler looks the shops up.</summary>
public sealed record SaveStockWriteBackRuleCommand(bool Create, string Code, string Name, bool Enabled, int Priority, IReadOnlyList<string> ShopCodes,
    IReadOnlyList<string> SalesMaterialCodes, IReadOnlyList<StockCondition> Conditions, string Formula, DateTimeOffset Now);

/// <summary>A rule's stream (`fulfillment-write-back-rule-{code}`), decided by <see cref="WriteBackRuleDecider"/>.</summary>
internal static class WriteBackRuleStream
{
    private static readonly Decider<object, WriteBackRuleState?, object> Rules = new(null, WriteBackRuleState.Evolve, WriteBackRuleDecider.Decide);

    public static Task<CommandOutcome> DecideAsync(string code, Func<WriteBackRuleState?, Task<object>> command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<WriteBackRuleSnapshot, object, WriteBackRuleState?, object>(session, messages, FulfillmentEventNames.WriteBackRule(code), Rules,
            command, s => s.State, ct);
}

public static class SaveStockWriteBackRuleHandler
{
    public static Task<CommandOutcome> Handle(SaveStockWriteBackRuleCommand c, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        WriteBackRuleStream.DecideAsync(c.Code, async _ => new SaveStockWriteBackRule(c.Create, c.Code, c.Name, c.Enabled, c.Priority, c.ShopCodes, c.SalesMaterialCodes,
            c.Conditions, c.Formula, await FulfillmentLookups.ShopCodesAsync(session, c.ShopCodes, ct), c.Now), session, messages, ct);
}

public static class DeleteStockWriteBackRuleHandler
{
    public static Task<CommandOutcome> Handle(DeleteStockWriteBackRule command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        WriteBackRuleStream.DecideAsync(command.Code, _ => Task.FromResult<object>(command), session, messages, ct);
}

public static class SetStockWriteBackRuleEnabledHandler
{
    public static Task<CommandOutcome> Handle(SetStockWriteBackRuleEnabled command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        WriteBackRuleStream.DecideAsync(command.Code, _ => Task.FromResult<object>(command), session, messages, ct);
}
