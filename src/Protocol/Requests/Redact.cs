namespace Cabinets.Protocol.Requests;

/// <summary>
/// Record <c>ToString</c> output ends up in logs; phone numbers, pickup codes and partner codes
/// must never be written there (IBS-PROTOCOL.md §7, STYLE.md convention 10).
/// </summary>
internal static class Redact
{
    public const string Hidden = "***";
}
