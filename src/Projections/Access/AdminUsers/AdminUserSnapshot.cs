using Cabinets.Domain.Access.AdminUsers;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cabinets.Projections.Access.AdminUsers;

/// <summary>An admin account as the decider and the sign-in see it (password hash, roles, last sign-in).</summary>
public sealed class AdminUserSnapshot
{
    public string Id { get; set; } = "";

    public AdminUserState State { get; set; } = AdminUserState.Initial;
}

/// <summary>Inline, so a user created by one request can sign in on the next.</summary>
public sealed partial class AdminUserSnapshotProjection : SingleStreamProjection<AdminUserSnapshot, string>
{
    /// <summary>Only its own events: a projection that names none is handed every stream, and loads its snapshot for each (ADR-0018).</summary>
    public AdminUserSnapshotProjection()
    {
        foreach (var (type, _, _) in AdminUserEventNames.All) IncludeType(type);
    }

    public override AdminUserSnapshot? Evolve(AdminUserSnapshot? snapshot, string id, IEvent e) => e.Data is IAdminUserEvent known
        ? new AdminUserSnapshot { Id = id, State = AdminUserState.Evolve(snapshot?.State ?? AdminUserState.Initial, known) }
        : snapshot;
}
