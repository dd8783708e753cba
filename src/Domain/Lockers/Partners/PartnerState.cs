using System.Text;

namespace Cabinets.Domain.Lockers.Partners;

/// <summary>One partner, folded from its stream. <see cref="Registered"/> is false before <see cref="PartnerRegistered"/>.</summary>
public sealed record PartnerState(bool Registered, string Name, string SealedSecret, string AuthCodeHash, bool Disabled, DateTimeOffset? RegisteredAt)
{
    public static PartnerState Initial { get; } = new(false, "", "", "", false, null);

    public static PartnerState Evolve(PartnerState state, IPartnerEvent @event) => @event switch
    {
        PartnerRegistered e => new PartnerState(true, e.Name, e.SealedSecret, e.AuthCodeHash, false, e.At),
        PartnerSecretRotated e => state with { SealedSecret = e.SealedSecret, AuthCodeHash = e.AuthCodeHash },
        PartnerDisabled => state with { Disabled = true },
        _ => state,
    };

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Registered = {Registered}, Name = {Name}, Disabled = {Disabled}, RegisteredAt = {RegisteredAt:O}");
        return true;
    }
}
