using Cabinets.Api.Commands;
using Cabinets.Domain.Lockers.Partners;
using Marten;
using Wolverine;

namespace Cabinets.Api.Lockers.Partners.Handlers;

public static class RegisterPartnerHandler
{
    public static Task<CommandOutcome> Handle(RegisterPartner command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        PartnerStream.DecideAsync(command, session, messages, ct);
}
