using System.Security.Cryptography;
using System.Text;

namespace Cabinets.Api.Lockers.Partners;

/// <summary>
/// What `registerPartner` and `rotatePartnerSecret` answer, the only time the secret and the code
/// are shown (ADR-0023). Never printed: <see cref="PrintMembers"/> hides both.
/// </summary>
public sealed record PartnerCredentials(string PartnerId, string Secret, string AuthCode)
{
    /// <summary>A new partner id (`ptn` + 20 hex digits) with fresh credentials from the OS's CSPRNG.</summary>
    public static PartnerCredentials New() => ForPartner("ptn" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10)));

    /// <summary>Fresh credentials: a 256-bit signing secret and a 128-bit code, lower-case hex (safe in shells, headers and IBS frames).</summary>
    public static PartnerCredentials ForPartner(string partnerId) => new(partnerId,
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"PartnerId = {PartnerId}, Secret = (hidden), AuthCode = (hidden)");
        return true;
    }
}
