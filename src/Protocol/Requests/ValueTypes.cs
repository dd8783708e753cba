namespace Cabinets.Protocol.Requests;

/// <summary>Cabinet category of the seed: <c>M</c> main (carries the serial) or <c>S</c> sub (§6).</summary>
public enum CabinetCategory
{
    Main,
    Sub,
}

/// <summary>
/// Address fields of §6 (<c>palce</c> on the wire, sic). Null means "any": in queries an empty or
/// missing field matches anything.
/// </summary>
public sealed record AddressFilter(string? Province, string? City, string? Area, string? Street, string? Place);
