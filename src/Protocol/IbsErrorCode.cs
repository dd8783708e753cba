namespace Cabinets.Protocol;

/// <summary>
/// The <c>code</c> of a response frame (IBS-PROTOCOL.md §5). The numbers are the public contract
/// with firmware vendors: never renumber, only add.
/// </summary>
public enum IbsErrorCode
{
    Ok = 0,

    // 1xxx: the frame itself is wrong; the codec decides these.
    MalformedFrame = 1001,
    CrcMismatch = 1002,
    LengthMismatch = 1003,
    CannotDecrypt = 1004,
    UnknownMethod = 1005,
    InvalidParam = 1006,
    TooLarge = 1007,

    // 2xxx: the frame is fine but the server refuses; the command handlers decide these.
    UnknownCabinet = 2001,
    UnknownDoor = 2002,
    RecordNotFound = 2003,
    OrderAmbiguous = 2004,
    NoFreeDoor = 2005,
    WrongPickupCode = 2006,
    PartnerRefused = 2007,
    TooManyAttempts = 2008,
    PickupCodeCollision = 2009,

    /// <summary>Nothing was changed; the firmware may retry.</summary>
    ServerError = 5000,
}

/// <summary>Default <c>msg</c> texts, for handlers that have nothing more specific to say.</summary>
public static class IbsErrorCodes
{
    public static string DefaultMessage(IbsErrorCode code) => code switch
    {
        IbsErrorCode.Ok => "ok",
        IbsErrorCode.MalformedFrame => "malformed frame",
        IbsErrorCode.CrcMismatch => "CRC32 mismatch",
        IbsErrorCode.LengthMismatch => "len mismatch",
        IbsErrorCode.CannotDecrypt => "cannot decrypt param",
        IbsErrorCode.UnknownMethod => "unknown method",
        IbsErrorCode.InvalidParam => "invalid param",
        IbsErrorCode.TooLarge => "frame too large",
        IbsErrorCode.UnknownCabinet => "unknown or unprovisioned cabinet serial",
        IbsErrorCode.UnknownDoor => "unknown door",
        IbsErrorCode.RecordNotFound => "order or record not found for this cabinet",
        IbsErrorCode.OrderAmbiguous => "order number ambiguous: send the last 4 digits of the record number",
        IbsErrorCode.NoFreeDoor => "no free door matches",
        IbsErrorCode.WrongPickupCode => "wrong or expired pickup code",
        IbsErrorCode.PartnerRefused => "partner authorization code refused",
        IbsErrorCode.TooManyAttempts => "too many failed attempts: code entry locked",
        IbsErrorCode.PickupCodeCollision => "pickup code collides with another active parcel: choose another",
        IbsErrorCode.ServerError => "server error",
        _ => "error",
    };
}
