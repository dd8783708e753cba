using Cabinets.Api.Commands;
using Cabinets.Domain.Access.AdminUsers;
using Marten;
using Wolverine;

namespace Cabinets.Api.Access.Handlers;

public static class RecordSignInHandler
{
    public static Task<CommandOutcome> Handle(RecordSignIn command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        AdminUserStream.DecideAsync(command, session, messages, ct);
}
