using Cabinets.Api.Commands;
using Cabinets.Domain.Access.AdminUsers;
using Marten;
using Wolverine;

namespace Cabinets.Api.Access.Handlers;

public static class CreateAdminUserHandler
{
    public static Task<CommandOutcome> Handle(CreateAdminUser command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        AdminUserStream.DecideAsync(command,
            async _ => command with { DefinedRoles = await AdminUserStream.DefinedAmongAsync(session, command.Roles, ct) }, session, messages, ct);
}
