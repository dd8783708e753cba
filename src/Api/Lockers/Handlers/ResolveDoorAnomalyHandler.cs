using Cabinets.Api.Commands;
using Cabinets.Domain.Lockers.Cabinets;
using Marten;
using Wolverine;

namespace Cabinets.Api.Lockers.Handlers;

/// <summary>The admin `resolveDoorAnomaly`.</summary>
public static class ResolveDoorAnomalyHandler
{
    public static Task<CommandOutcome> Handle(ResolveDoorAnomaly command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        CabinetStream.DecideAsync(command, session, messages, ct);
}
