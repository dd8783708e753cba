using Cabinets.Api.Commands;
using Cabinets.Domain.Access;
using Cabinets.Domain.Access.AdminUsers;
using Cabinets.Domain.Access.RoleDefinitions;
using Cabinets.Projections.Access.AdminUsers;
using Cabinets.Projections.Access.RoleDefinitions;
using Marten;
using Wolverine;

namespace Cabinets.Api.Access.Handlers;

/// <summary>An admin account's stream (`admin-user-{username}`), decided on its inline snapshot.</summary>
internal static class AdminUserStream
{
    public static Task<CommandOutcome> DecideAsync(AdminUserCommand command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        DecideAsync(command, _ => Task.FromResult(command), session, messages, ct);

    public static Task<CommandOutcome> DecideAsync(AdminUserCommand command, Func<AdminUserState, Task<AdminUserCommand>> commandFor,
        IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<AdminUserSnapshot, AdminUserCommand, AdminUserState, IAdminUserEvent>(session, messages,
            AdminUserEventNames.StreamId(command.Username), AdminUserDecider.Instance, commandFor, s => s.State, ct);

    /// <summary>Which of <paramref name="roles"/> that are not built in are defined (their role snapshots exist).</summary>
    public static async Task<IReadOnlySet<string>> DefinedAmongAsync(IQuerySession session, IEnumerable<string> roles, CancellationToken ct)
    {
        var ids = roles.Where(r => !Roles.IsBuiltIn(r)).Distinct(StringComparer.Ordinal).Select(RoleEventNames.StreamId).ToArray();
        if (ids.Length == 0) return new HashSet<string>();
        var found = await session.LoadManyAsync<RoleSnapshot>(ct, ids);
        return found.Where(r => r.State.Exists).Select(r => r.State.Name!).ToHashSet(StringComparer.Ordinal);
    }
}
