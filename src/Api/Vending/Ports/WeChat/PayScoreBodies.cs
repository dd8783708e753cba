namespace Cabinets.Api.Vending.Ports.WeChat;

// The request bodies of VENDING.md §4.3, written in snake_case by WeChatJson (`Appid` → `appid`).
// Shared by the HTTP adapter, which sends them, and the file adapter, which journals them.

internal sealed record PermissionsBody(string ServiceId, string Appid, string AuthorizationCode, string NotifyUrl);

internal sealed record TimeRange(string? StartTime = null, string? EndTime = null);

internal sealed record RiskFund(string Name, long Amount);

internal sealed record PostPayment(string Name, long Amount, int Count);

internal sealed record CreateBody(string OutOrderNo, string Appid, string ServiceId, string ServiceIntroduction, TimeRange TimeRange,
    RiskFund RiskFund, string NotifyUrl, string Openid, bool NeedUserConfirm);

internal sealed record CompleteBody(string Appid, string ServiceId, IReadOnlyList<PostPayment> PostPayments, long TotalAmount, TimeRange TimeRange);

internal sealed record ModifyBody(string Appid, string ServiceId, IReadOnlyList<PostPayment> PostPayments, long TotalAmount, string Reason);

internal sealed record CancelBody(string Appid, string ServiceId, string Reason);

internal sealed record RefundAmount(long Refund, long Total, string Currency);

internal sealed record RefundBody(string TransactionId, string OutRefundNo, string Reason, string NotifyUrl, RefundAmount Amount);

internal static class PayScoreBodies
{
    public const string EstimateOrderCost = "ESTIMATE_ORDER_COST";
    public const int MaxNameLength = 20;

    /// <summary>
    /// §4.3: the name cut to 20 characters (WeChat counts a Chinese character as one), a count of
    /// 1-100 (a larger quantity is sent as 1, its amount staying the line's).
    /// </summary>
    public static IReadOnlyList<PostPayment> Lines(IReadOnlyList<PayScoreLine> lines) =>
        lines.Select(l => new PostPayment(Cut(l.Name), l.Amount, l.Count is >= 1 and <= 100 ? l.Count : 1)).ToList();

    public static string Cut(string text) =>
        text.Length <= MaxNameLength ? text : new string(text.EnumerateRunes().Take(MaxNameLength).SelectMany(r => r.ToString()).ToArray());

    public static CreateBody Create(CreateServiceOrderRequest r, WeChatPaySettings s) => new(
        r.OutOrderNo, s.AppId ?? "", s.ServiceId ?? "", Cut(r.ServiceIntroduction), new TimeRange(StartTime: WeChatTime.Format(r.StartTime)),
        new RiskFund(EstimateOrderCost, r.RiskFundAmount), s.NotifyUrl ?? "", r.OpenId, NeedUserConfirm: false);

    public static CompleteBody Complete(CompleteServiceOrderRequest r, WeChatPaySettings s) => new(
        s.AppId ?? "", s.ServiceId ?? "", Lines(r.PostPayments), r.TotalAmount, new TimeRange(EndTime: WeChatTime.Format(r.EndTime)));

    public static ModifyBody Modify(ModifyServiceOrderRequest r, WeChatPaySettings s) => new(
        s.AppId ?? "", s.ServiceId ?? "", Lines(r.PostPayments), r.TotalAmount, "订单修正");

    public static RefundBody Refund(WeChatRefundRequest r, WeChatPaySettings s) => new(
        r.TransactionId, r.OutRefundNo, r.Reason, s.NotifyUrl ?? "", new RefundAmount(r.Refund, r.Total, "CNY"));
}
