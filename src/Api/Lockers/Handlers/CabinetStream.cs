using Cabinets.Api.Commands;
using Cabinets.Domain.Lockers.Cabinets;
using Cabinets.Projections.Lockers.Cabinets;
using Marten;
using Wolverine;

namespace Cabinets.Api.Lockers.Handlers;

/// <summary>A cabinet bank's stream (`cabinet-{serial}`), decided on its inline snapshot by <see cref="CabinetDecider"/>.</summary>
internal static class CabinetStream
{
    public static Task<CommandOutcome> DecideAsync(CabinetCommand command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<CabinetSnapshot, CabinetCommand, CabinetState, ICabinetEvent>(session, messages,
            CabinetEventNames.StreamId(command.SerialNumber), CabinetDecider.Instance, command, s => s.State, ct);
}
