using System.Text;

namespace Cabinets.Domain.Lockers.Partners;

/// <summary>Events of a partner's stream (`partner-{partnerId}`); stored names in <see cref="PartnerEventNames"/>.</summary>
public interface IPartnerEvent
{
    string PartnerId { get; }
}

/// <summary>
/// A courier partner was registered. Only the sealed secret (AES-GCM under the server key) and the
/// keyed hash of the authorization code are stored; neither can be read back from the event alone.
/// </summary>
public sealed record PartnerRegistered(string PartnerId, string Name, string SealedSecret, string AuthCodeHash, DateTimeOffset At) : IPartnerEvent
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"PartnerId = {PartnerId}, Name = {Name}, SealedSecret = (hidden), AuthCodeHash = (hidden), At = {At:O}");
        return true;
    }
}

/// <summary>The signing secret and the authorization code were replaced; the old ones stopped working at <paramref name="At"/>.</summary>
public sealed record PartnerSecretRotated(string PartnerId, string SealedSecret, string AuthCodeHash, DateTimeOffset At) : IPartnerEvent
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"PartnerId = {PartnerId}, SealedSecret = (hidden), AuthCodeHash = (hidden), At = {At:O}");
        return true;
    }
}

public sealed record PartnerDisabled(string PartnerId, DateTimeOffset At) : IPartnerEvent;

/// <summary>Stable, versioned stored names: never the CLR name (STYLE.md, convention 2).</summary>
public static class PartnerEventNames
{
    public static IReadOnlyList<(Type Type, string Name, int Version)> All { get; } =
    [
        (typeof(PartnerRegistered), "lockers.partner_registered", 1),
        (typeof(PartnerSecretRotated), "lockers.partner_secret_rotated", 1),
        (typeof(PartnerDisabled), "lockers.partner_disabled", 1),
    ];

    public static string StreamId(string partnerId) => $"partner-{partnerId}";

    public const string StreamType = "partner";
}
