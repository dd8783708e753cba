using Cabinets.Api.Commands;
using Cabinets.Domain.Stations.TaxRules;
using Cabinets.Projections.Stations;
using Marten;
using Wolverine;

namespace Cabinets.Api.Stations.Handlers;

/// <summary>A station's tax rules live on one stream per station (ADR-0019), decided by <see cref="TaxRuleDecider"/>.</summary>
internal static class TaxRuleStream
{
    public static Task<CommandOutcome> DecideAsync(TaxRuleCommand command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<StationTaxRulesSnapshot, TaxRuleCommand, TaxRuleBook, ITaxRuleEvent>(session, messages,
            TaxRuleEventNames.StreamId(command.StationId), TaxRuleDecider.Instance, command, s => s.Book, ct);
}

public static class CreateTaxRuleHandler
{
    public static Task<CommandOutcome> Handle(CreateTaxRule command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        TaxRuleStream.DecideAsync(command, session, messages, ct);
}

public static class EditTaxRuleHandler
{
    public static Task<CommandOutcome> Handle(EditTaxRule command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        TaxRuleStream.DecideAsync(command, session, messages, ct);
}

public static class SetTaxRuleStatusHandler
{
    public static Task<CommandOutcome> Handle(SetTaxRuleStatus command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        TaxRuleStream.DecideAsync(command, session, messages, ct);
}
