using Cabinets.Api.Commands;
using Cabinets.Domain.Access.RoleDefinitions;
using Cabinets.Projections.Access.RoleDefinitions;
using Marten;
using Wolverine;

namespace Cabinets.Api.Access.Handlers;

/// <summary>A role's stream (`role-{name}`), decided on its inline snapshot.</summary>
public static class DefineRoleHandler
{
    public static Task<CommandOutcome> Handle(DefineRole command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        StreamDecisions.DecideAsync<RoleSnapshot, DefineRole, RoleState, IRoleEvent>(session, messages,
            RoleEventNames.StreamId(command.Name), RoleDecider.Instance, command, s => s.State, ct);
}
