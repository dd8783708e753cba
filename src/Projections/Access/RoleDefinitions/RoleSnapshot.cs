using Cabinets.Domain.Access.RoleDefinitions;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cabinets.Projections.Access.RoleDefinitions;

/// <summary>A defined role as the token check and the console see it (id = stream key `role-{name}`).</summary>
public sealed class RoleSnapshot
{
    public string Id { get; set; } = "";

    public RoleState State { get; set; } = RoleState.Initial;
}

/// <summary>Inline: a role defined by one request is assignable, and grants, on the next (ADR-0026).</summary>
public sealed partial class RoleSnapshotProjection : SingleStreamProjection<RoleSnapshot, string>
{
    public RoleSnapshotProjection()
    {
        foreach (var (type, _, _) in RoleEventNames.All) IncludeType(type);
    }

    public override RoleSnapshot? Evolve(RoleSnapshot? snapshot, string id, IEvent e) => e.Data is IRoleEvent known
        ? new RoleSnapshot { Id = id, State = RoleState.Evolve(snapshot?.State ?? RoleState.Initial, known) }
        : snapshot;
}
