using System.Text;
using Cabinets.Protocol.Json;

namespace Cabinets.Protocol.Requests;

/// <summary>
/// <c>verify_order_num</c>: the firmware could not resolve a scanned order locally (§7). The last 4
/// digits of the record number are only sent once the server answered 2004 (ambiguous order).
/// </summary>
public sealed record VerifyOrderNumRequest : IbsRequest<OrderVerification>
{
    internal VerifyOrderNumRequest(IReadOnlyList<OrderVerification> items)
        : base(items)
    {
    }

    public override string Method => IbsMethods.VerifyOrderNum;

    internal static OrderVerification ReadItem(FieldReader f)
    {
        var order = f.OrderNum("order_num");
        var last4 = f.OptionalDigits("record_num", "the last 4 digits of the record number", 4);
        var serial = f.Serial("series_num");
        return new OrderVerification(order, last4, serial);
    }
}

public sealed record OrderVerification(string OrderNum, string? RecordNumLast4, string SeriesNum);

/// <summary>
/// <c>recieve_verify_num</c> (sic): deposit done; the firmware reports the 6-digit pickup code it
/// generated and optionally the door (§7). A repeat with the same order and code is true, no SMS.
/// </summary>
public sealed record RecieveVerifyNumRequest : IbsRequest<DepositReport>
{
    internal RecieveVerifyNumRequest(IReadOnlyList<DepositReport> items)
        : base(items)
    {
    }

    public override string Method => IbsMethods.RecieveVerifyNum;

    internal static DepositReport ReadItem(FieldReader f)
    {
        var code = f.VerifyNum("verify_num");
        var serial = f.Serial("series_num");
        var order = f.OrderNum("order_num");
        var door = f.OptionalDoor("single_code");
        return new DepositReport(code, serial, order, door);
    }
}

public sealed record DepositReport(string VerifyNum, string SeriesNum, string OrderNum, int? Door)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"VerifyNum = {Redact.Hidden}, SeriesNum = {SeriesNum}, OrderNum = {OrderNum}, Door = {Door}");
        return true;
    }
}

/// <summary><c>synchronize_order_info</c>: orders booked for this bank and not yet deposited (§7).</summary>
public sealed record SynchronizeOrderInfoRequest : IbsRequest<OrderSyncQuery>
{
    internal SynchronizeOrderInfoRequest(IReadOnlyList<OrderSyncQuery> items)
        : base(items)
    {
    }

    public override string Method => IbsMethods.SynchronizeOrderInfo;

    internal static OrderSyncQuery ReadItem(FieldReader f) => new(f.Serial("series_number"));
}

public sealed record OrderSyncQuery(string SeriesNumber);

/// <summary>
/// <c>take_by_verify_num</c>: a recipient typed a pickup code (§7); <c>series_num</c> is optional
/// because the seed's literal omits it.
/// </summary>
public sealed record TakeByVerifyNumRequest : IbsRequest<PickupAttempt>
{
    internal TakeByVerifyNumRequest(IReadOnlyList<PickupAttempt> items)
        : base(items)
    {
    }

    public override string Method => IbsMethods.TakeByVerifyNum;

    internal static PickupAttempt ReadItem(FieldReader f)
    {
        var code = f.VerifyNum("verify_num");
        var serial = f.OptionalSerial("series_num");
        return new PickupAttempt(code, serial);
    }
}

public sealed record PickupAttempt(string VerifyNum, string? SeriesNum)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"VerifyNum = {Redact.Hidden}, SeriesNum = {SeriesNum}");
        return true;
    }
}
