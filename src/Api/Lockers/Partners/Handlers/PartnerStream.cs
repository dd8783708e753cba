using Cabinets.Api.Commands;
using Cabinets.Domain.Lockers.Partners;
using Cabinets.Projections.Lockers.Partners;
using Marten;
using Wolverine;

namespace Cabinets.Api.Lockers.Partners.Handlers;

/// <summary>A partner's stream (`partner-{partnerId}`), decided on its inline snapshot by <see cref="PartnerDecider"/>.</summary>
internal static class PartnerStream
{
    public static Task<CommandOutcome> DecideAsync(PartnerCommand command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<PartnerSnapshot, PartnerCommand, PartnerState, IPartnerEvent>(session, messages,
            PartnerEventNames.StreamId(command.PartnerId), PartnerDecider.Instance, command, s => s.State(), ct);
}
