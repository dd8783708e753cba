namespace Cabinets.Domain.Vending.Sessions;

/// <summary>One scan that opens one door (VENDING.md §1.5), as `vending-session-{sessionNo}` folds it.</summary>
public sealed record VendingSessionState(string SessionNo, string UserId, string DeviceCode, string StoreCode, VendingPaymentType PaymentType,
    string? PaymentNo, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, VendingSessionStatus Status, SessionFailureReason? FailureReason,
    string? CommandId, DateTimeOffset? OpenedAt, string? OrderNo, long? RiskFundAmount, bool ServiceOrderCreated, bool ServiceOrderCancelled)
{
    public static readonly TimeSpan BlocksWhileOpenedFor = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan PushMissingAfter = TimeSpan.FromMinutes(30);

    /// <summary>Blocks a new scan by the same user (§1.5): while authorizing or opening, and for 10 minutes after the door opened.</summary>
    public bool Blocks(DateTimeOffset now) => Status switch
    {
        VendingSessionStatus.Authorizing or VendingSessionStatus.Opening => true,
        VendingSessionStatus.Opened => OpenedAt is { } at && now - at < BlocksWhileOpenedFor,
        _ => false,
    };

    /// <summary>A pay-score service order the order of this session may complete: created, not cancelled, and the session did not fail (its failure cancels it).</summary>
    public bool HasUsableServiceOrder => PaymentType == VendingPaymentType.Wechat && ServiceOrderCreated && !ServiceOrderCancelled && PaymentNo is not null
        && Status != VendingSessionStatus.Failed;

    public static VendingSessionState? Evolve(VendingSessionState? state, object e) => e switch
    {
        VendingSessionStarted s => new(s.SessionNo, s.UserId, s.DeviceCode, s.StoreCode, s.PaymentType, s.PaymentNo, s.At, s.ExpiresAt,
            s.PaymentType == VendingPaymentType.Wechat ? VendingSessionStatus.Authorizing : VendingSessionStatus.Opening, null, null, null, null, s.RiskFundAmount, false, false),
        PayScoreOrderCreated c when state is not null => state with { ServiceOrderCreated = true, RiskFundAmount = c.RiskFundAmount },
        PayScoreOrderRejected r when state is not null => state with
        {
            Status = VendingSessionStatus.Failed,
            FailureReason = r.Code == "UNREACHABLE" ? SessionFailureReason.PayscoreUnreachable : SessionFailureReason.PayscoreRejected,
        },
        PayScoreOrderCancelled when state is not null => state with { ServiceOrderCancelled = true },
        DoorOpenRequested d when state is not null => state with { Status = VendingSessionStatus.Opening, CommandId = d.CommandId },
        DoorOpened o when state is not null => state with { Status = state.Status == VendingSessionStatus.Closed ? state.Status : VendingSessionStatus.Opened, OpenedAt = o.At },
        DoorOpenFailed f when state is not null => state.Status == VendingSessionStatus.Closed ? state : state with
        {
            Status = VendingSessionStatus.Failed,
            FailureReason = f.Kind == DoorOpenFailureKind.Rejected ? SessionFailureReason.OpenRejected : SessionFailureReason.OpenFailed,
        },
        VendingSessionClosed c when state is not null => state with { Status = VendingSessionStatus.Closed, OrderNo = c.OrderNo },
        _ => state,
    };
}
