using System.Text;

namespace Cabinets.Domain.Lockers.Partners;

/// <summary>
/// Commands on one courier partner (`partner-{partnerId}`). The Api generates the id and the
/// credentials and hands them in already sealed: the domain reads no clock and no random source,
/// and never sees a clear secret or authorization code (ADR-0023).
/// </summary>
public abstract record PartnerCommand(string PartnerId, DateTimeOffset Now);

/// <param name="SealedSecret">The HMAC signing secret, encrypted under the server key (`ps1:` value).</param>
/// <param name="AuthCodeHash">The keyed hash of the IBS authorization `code`.</param>
public sealed record RegisterPartner(string PartnerId, string Name, string SealedSecret, string AuthCodeHash, DateTimeOffset Now)
    : PartnerCommand(PartnerId, Now)
{
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"PartnerId = {PartnerId}, Name = {Name}, SealedSecret = (hidden), AuthCodeHash = (hidden), Now = {Now:O}");
        return true;
    }
}

/// <summary>New credentials replace the old ones at once: no grace window (ADR-0023).</summary>
public sealed record RotatePartnerSecret(string PartnerId, string SealedSecret, string AuthCodeHash, DateTimeOffset Now)
    : PartnerCommand(PartnerId, Now)
{
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"PartnerId = {PartnerId}, SealedSecret = (hidden), AuthCodeHash = (hidden), Now = {Now:O}");
        return true;
    }
}

/// <summary>The partner's signed requests and IBS code are refused from now on; disabling is final.</summary>
public sealed record DisablePartner(string PartnerId, DateTimeOffset Now) : PartnerCommand(PartnerId, Now);
