namespace Cabinets.Protocol;

/// <summary>
/// A refusal with a stable code and a human-readable <c>msg</c> (IBS-PROTOCOL.md §5).
/// Bad input is a value, never an exception (STYLE.md convention 4).
/// </summary>
public sealed record IbsError(IbsErrorCode Code, string Message)
{
    public static IbsError Of(IbsErrorCode code) => new(code, IbsErrorCodes.DefaultMessage(code));

    public override string ToString() => $"{(int)Code} {Message}";
}
