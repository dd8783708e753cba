using Cabinets.Api.Commands;
using Cabinets.Domain.Operations;
using Marten;

namespace Cabinets.Api.Operations.Handlers;

/// <summary>
/// The audit log of platform interventions: one stream per UTC day. It is append-only and its
/// decider accepts everything (the permission check happened at the door), so nothing is loaded.
/// </summary>
public static class RecordOperatorActionHandler
{
    public static CommandOutcome Handle(RecordOperatorAction command, IDocumentSession session)
    {
        var decision = OperatorActions.Decider.Decide(command, 0);
        session.Events.Append(OperatorActions.StreamId(command.Now), decision.Events.Cast<object>().ToArray());
        return new CommandOutcome.Accepted(null, decision.Events.Count);
    }
}
