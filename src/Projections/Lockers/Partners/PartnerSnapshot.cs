using Cabinets.Domain.Lockers.Partners;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cabinets.Projections.Lockers.Partners;

/// <summary>
/// One partner as its decider, the signed REST and the console read it, kept inline next to its
/// stream (`partner-{partnerId}`) so a request right after a registration or a rotation sees it.
/// <see cref="AuthCodeHash"/> is indexed (CritterStackSetup) for the IBS `code` look-up; the secret
/// stays sealed (ADR-0023).
/// </summary>
public sealed class PartnerSnapshot
{
    public string Id { get; set; } = "";

    public string PartnerId { get; set; } = "";

    public string Name { get; set; } = "";

    public string SealedSecret { get; set; } = "";

    public string AuthCodeHash { get; set; } = "";

    public bool Disabled { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The decider's state this row stands for.</summary>
    public PartnerState State() => new(true, Name, SealedSecret, AuthCodeHash, Disabled, RegisteredAt);

    public void Fold(IPartnerEvent e)
    {
        switch (e)
        {
            case PartnerRegistered r:
                PartnerId = r.PartnerId;
                Name = r.Name;
                SealedSecret = r.SealedSecret;
                AuthCodeHash = r.AuthCodeHash;
                RegisteredAt = r.At;
                UpdatedAt = r.At;
                break;
            case PartnerSecretRotated s:
                SealedSecret = s.SealedSecret;
                AuthCodeHash = s.AuthCodeHash;
                UpdatedAt = s.At;
                break;
            case PartnerDisabled d:
                Disabled = true;
                UpdatedAt = d.At;
                break;
        }
    }
}

/// <summary>Inline: written in the command's own transaction, so the next signed request reads it.</summary>
public sealed partial class PartnerSnapshotProjection : SingleStreamProjection<PartnerSnapshot, string>
{
    /// <summary>Only its own events: a projection that names none is handed every stream (ADR-0018).</summary>
    public PartnerSnapshotProjection()
    {
        foreach (var (type, _, _) in PartnerEventNames.All) IncludeType(type);
    }

    public override PartnerSnapshot? Evolve(PartnerSnapshot? snapshot, string id, IEvent e)
    {
        if (e.Data is not IPartnerEvent known) return snapshot;
        snapshot ??= new PartnerSnapshot { Id = id };
        snapshot.Fold(known);
        return snapshot;
    }
}
