using Cabinets.Api.Commands;
using Cabinets.Domain.Access.AdminUsers;
using Marten;
using Wolverine;

namespace Cabinets.Api.Access.Handlers;

// One handler per command (ADR-0013); each decides on the account's stream (AdminUserStream).

public static class RecordSignOutHandler
{
    public static Task<CommandOutcome> Handle(RecordSignOut command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        AdminUserStream.DecideAsync(command, session, messages, ct);
}

public static class DisableAdminUserHandler
{
    public static Task<CommandOutcome> Handle(DisableAdminUser command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        AdminUserStream.DecideAsync(command, session, messages, ct);
}

public static class ResetAdminPasswordHandler
{
    public static Task<CommandOutcome> Handle(ResetAdminPassword command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        AdminUserStream.DecideAsync(command, session, messages, ct);
}

public static class ChangeAdminPasswordHandler
{
    public static Task<CommandOutcome> Handle(ChangeAdminPassword command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        AdminUserStream.DecideAsync(command, session, messages, ct);
}

public static class AssignAdminRolesHandler
{
    public static Task<CommandOutcome> Handle(AssignAdminRoles command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        AdminUserStream.DecideAsync(command,
            async _ => command with { DefinedRoles = await AdminUserStream.DefinedAmongAsync(session, command.Roles, ct) }, session, messages, ct);
}

public static class RevokeAdminSessionsHandler
{
    public static Task<CommandOutcome> Handle(RevokeAdminSessions command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        AdminUserStream.DecideAsync(command, session, messages, ct);
}
