using Cabinets.Api.Commands;
using Cabinets.Domain.Lockers.Cabinets;
using Marten;
using Wolverine;

namespace Cabinets.Api.Lockers.Handlers;

public static class RegisterCabinetBankHandler
{
    public static Task<CommandOutcome> Handle(RegisterCabinetBank command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        CabinetStream.DecideAsync(command, session, messages, ct);
}
