using Cabinets.Domain.Operations;
using Cabinets.Messaging.Commands;
using Cabinets.Messaging.Hosting;

namespace Cabinets.Api.Operations;

/// <summary>Platform interventions for admins: projections (status, retry, skip, rebuild) and dead letters.</summary>
internal static class OperationsModule
{
    public static MessagingBuilder AddOperations(this MessagingBuilder messaging) => messaging
        .AddCommand(CommandHandler.For<RecordOperatorAction, object?>("operations.record_action")
            .OnStream(OperatorActions.Decider, c => new StreamRef(OperatorActions.StreamId(c.Now), OperatorActions.StreamType)));
}
