namespace Cabinets.Protocol;

/// <summary>The 13 method names of IBS-PROTOCOL.md §7, spelled exactly as on the wire (typos included).</summary>
public static class IbsMethods
{
    public const string InsertLockerInfo = "insert_locker_info";
    public const string InsertSingleInfo = "insert_single_info";
    public const string InsertSingleStatus = "insert_single_status";
    public const string CountLockerNum = "count_locker_num";
    public const string ApplyService = "apply_service";
    public const string GetIbsAddress = "get_ibs_address";
    public const string VerifyOrderNum = "verify_order_num";
    public const string RecieveVerifyNum = "recieve_verify_num";
    public const string SynchronizeOrderInfo = "synchronize_order_info";
    public const string TakeByVerifyNum = "take_by_verify_num";
    public const string LockerException = "locker_exception";
    public const string SingleException = "single_exception";
    public const string SingleRepair = "single_repair";

    /// <summary>
    /// Method name used in a response when the request's own method could not be read
    /// (empty input, no <c>IBS&amp;method=</c>, illegal characters). Decided in ADR 0006.
    /// </summary>
    public const string Error = "error";
}
