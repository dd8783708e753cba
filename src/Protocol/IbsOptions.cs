namespace Cabinets.Protocol;

/// <summary>
/// Deployment switches of the codec (API-CONTRACT.md: <c>Ibs__Key</c>, <c>Ibs__AllowPlaintext</c>).
/// </summary>
public sealed class IbsOptions
{
    /// <summary>The DES key as text; its UTF-8 bytes are right-padded with 0x00 to 8 (§3).</summary>
    public string Key { get; set; } = "ibs_key";

    /// <summary>Accept plaintext payloads (starting with <c>[</c> or <c>{</c>) for bench testing (§2).</summary>
    public bool AllowPlaintext { get; set; }
}
