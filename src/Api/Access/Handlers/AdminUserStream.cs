using Cabinets.Api.Commands;
using Cabinets.Domain.Access.AdminUsers;
using Cabinets.Projections.Access.AdminUsers;
using Marten;
using Wolverine;

namespace Cabinets.Api.Access.Handlers;

/// <summary>An admin account's stream (`admin-user-{username}`), decided on its inline snapshot.</summary>
internal static class AdminUserStream
{
    public static Task<CommandOutcome> DecideAsync(AdminUserCommand command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<AdminUserSnapshot, AdminUserCommand, AdminUserState, IAdminUserEvent>(session, messages,
            AdminUserEventNames.StreamId(command.Username), AdminUserDecider.Instance, command, s => s.State, ct);
}
