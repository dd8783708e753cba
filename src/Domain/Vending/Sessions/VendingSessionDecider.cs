using Cabinets.Domain.Deciding;
using Cabinets.Domain.Vending.Catalog;
using Cabinets.Domain.Vending.Users;

namespace Cabinets.Domain.Vending.Sessions;

public sealed record PaymentOption(VendingPaymentType PaymentType, bool Available, string? UnavailableReason);

/// <summary>What a scan finds (VENDING.md §2.3 steps 3-4): why the user cannot open this door now, and which methods are offered.</summary>
public sealed record ScanVerdict(string? BlockedReason, IReadOnlyList<string> BlockingOrderNos, string? BlockingSessionNo, IReadOnlyList<PaymentOption> PaymentOptions);

/// <summary>What the checks read: the user, the scanned device and its store, the user's unpaid orders and latest session.</summary>
public sealed record ScanContext(VendingUserState User, DeviceState Device, StoreState Store, IReadOnlyList<string> UnpaidOrderNos, VendingSessionState? LatestSession, DateTimeOffset Now);

/// <summary>`POST /api/app/sessions`: the numbers come in with the command (no clock, no sequence read in the decider).</summary>
public sealed record StartVendingSession(string SessionNo, string PaymentNo, string CommandId, VendingPaymentType PaymentType, TimeSpan Ttl, ScanContext Context);

public sealed record SessionStartedAnswer(string SessionNo, VendingSessionStatus Status, string DeviceCode, VendingPaymentType PaymentType, DateTimeOffset ExpiresAt);

/// <summary>The session after its pay-score service order was answered (2.3 step 6).</summary>
public sealed record RecordSessionServiceOrder(string SessionNo, string PaymentNo, bool Created, string? Code, string? Message, string CommandId, DateTimeOffset Now);

/// <summary>
/// Scan to open (VENDING.md §2.3): the checks, the session's start, its pay-score service order
/// (WeChat), the open-door command with its expiry, and what a failure undoes (the service order is
/// cancelled: no door, no charge).
/// </summary>
public static class VendingSessionDecider
{
    public static class Errors
    {
        public const string UnpaidOrder = "unpaid-order";
        public const string SessionInProgress = "session-in-progress";
        public const string DeviceOffline = "device-offline";
        public const string DeviceUnavailable = "device-unavailable";
        public const string StoreDisabled = "store-disabled";
        public const string PayScoreNotAuthorized = "payscore-not-authorized";
        public const string InsufficientTickets = "insufficient-tickets";
    }

    public static ScanVerdict Check(ScanContext c)
    {
        var options = new List<PaymentOption>
        {
            new(VendingPaymentType.Wechat, c.User.PayScoreAuthorized, c.User.PayScoreAuthorized ? null : "PAYSCORE_NOT_AUTHORIZED"),
            new(VendingPaymentType.Tickets, c.User.TicketBalance >= VendingMoney.TicketsPerFen, c.User.TicketBalance >= VendingMoney.TicketsPerFen ? null : "INSUFFICIENT_TICKETS"),
        };
        var blocking = c.LatestSession is { } s && s.Blocks(c.Now) ? s.SessionNo : null;
        var reason = c.UnpaidOrderNos.Count > 0 ? "UNPAID_ORDER"
            : blocking is not null ? "SESSION_IN_PROGRESS"
            : !c.Store.Enabled ? "STORE_DISABLED"
            : c.Device.Decommissioned || c.Device.BindStatus != DeviceBindStatus.Bound ? "DEVICE_UNAVAILABLE"
            : c.Device.OnlineStatus != DeviceOnlineStatus.Online ? "DEVICE_OFFLINE"
            : null;
        return new ScanVerdict(reason, c.UnpaidOrderNos, blocking, options);
    }

    public static VendingEffects Start(StartVendingSession c)
    {
        var ctx = c.Context;
        var verdict = Check(ctx);
        switch (verdict.BlockedReason)
        {
            case "UNPAID_ORDER":
                return VendingEffects.Rejected(new DomainError(Errors.UnpaidOrder, "the user has an unpaid order: pay it first") { Details = new { orderNos = verdict.BlockingOrderNos } });
            case "SESSION_IN_PROGRESS":
                return VendingEffects.Rejected(new DomainError(Errors.SessionInProgress, "another door is being opened for this user") { Details = new { sessionNo = verdict.BlockingSessionNo } });
            case "STORE_DISABLED": return VendingEffects.Rejected(Errors.StoreDisabled, $"store {ctx.Store.StoreCode} is disabled");
            case "DEVICE_UNAVAILABLE": return VendingEffects.Rejected(Errors.DeviceUnavailable, $"device {ctx.Device.DeviceCode} is not in service");
            case "DEVICE_OFFLINE": return VendingEffects.Rejected(Errors.DeviceOffline, $"device {ctx.Device.DeviceCode} is offline");
        }
        var option = verdict.PaymentOptions.Single(o => o.PaymentType == c.PaymentType);
        if (!option.Available)
            return c.PaymentType == VendingPaymentType.Wechat
                ? VendingEffects.Rejected(Errors.PayScoreNotAuthorized, "WeChat pay-score is not authorized for this user", "paymentType")
                : VendingEffects.Rejected(Errors.InsufficientTickets, "the ticket balance is below one fen (5 tickets)", "paymentType");

        var now = ctx.Now;
        var expiresAt = now + c.Ttl;
        var stream = VendingEventNames.Session(c.SessionNo);
        var wechat = c.PaymentType == VendingPaymentType.Wechat;
        var effects = new VendingEffects().Start(stream, new VendingSessionStarted(c.SessionNo, ctx.User.UserId, ctx.Device.DeviceCode, ctx.Store.StoreCode,
            c.PaymentType, wechat ? c.PaymentNo : null, expiresAt, now, wechat ? ctx.Store.AmountLimit : null));
        if (wechat)
            effects.Send(new PayScoreCreateOrder(c.PaymentNo, c.SessionNo, null, ctx.User.UserId, ctx.Store.StoreName, ctx.Store.AmountLimit, now));
        else
            OpenDoor(effects, stream, c.SessionNo, c.CommandId, ctx.Device.DeviceCode, ctx.Store.StoreCode, c.PaymentType, ctx.User.UserId, now, expiresAt);
        return effects.AnswerWith(new SessionStartedAnswer(c.SessionNo, wechat ? VendingSessionStatus.Authorizing : VendingSessionStatus.Opening,
            ctx.Device.DeviceCode, c.PaymentType, expiresAt));
    }

    /// <summary>2.3 step 6: created → open the door; rejected or unreachable → the session fails, no door opens.</summary>
    public static VendingEffects ServiceOrderAnswered(VendingSessionState s, RecordSessionServiceOrder c)
    {
        var effects = new VendingEffects();
        if (s.Status != VendingSessionStatus.Authorizing || s.PaymentNo != c.PaymentNo) return effects; // a repeat: decided already
        var stream = VendingEventNames.Session(s.SessionNo);
        if (!c.Created) return effects.Append(stream, new PayScoreOrderRejected(s.SessionNo, null, c.PaymentNo, c.Code ?? "REJECTED", c.Message ?? "", c.Now));
        effects.Append(stream, new PayScoreOrderCreated(s.SessionNo, null, c.PaymentNo, s.RiskFundAmount ?? 0, c.Now));
        return OpenDoor(effects, stream, s.SessionNo, c.CommandId, s.DeviceCode, s.StoreCode, s.PaymentType, s.UserId, c.Now, s.ExpiresAt);
    }

    private static VendingEffects OpenDoor(VendingEffects effects, string stream, string sessionNo, string commandId, string deviceCode, string storeCode,
        VendingPaymentType type, string userId, DateTimeOffset now, DateTimeOffset expiresAt) =>
        effects.Append(stream, new DoorOpenRequested(sessionNo, commandId, deviceCode, expiresAt, now))
            .Send(new VendorOpenDoor(commandId, sessionNo, deviceCode, storeCode, type, userId, now, expiresAt));

    /// <summary>The vendor confirmed the door opened: the session waits for the push (a task if none comes within 30 minutes).</summary>
    public static VendingEffects DoorOpened(VendingSessionState s, string commandId, DateTimeOffset now)
    {
        var effects = new VendingEffects();
        if (s.CommandId != commandId || s.OpenedAt is not null) return effects;
        return effects.Append(VendingEventNames.Session(s.SessionNo), new Vending.DoorOpened(s.SessionNo, commandId, now))
            .Send(new CheckOrderPushMissing(s.SessionNo), now + VendingSessionState.PushMissingAfter);
    }

    /// <summary>The door did not open (rejected, or the vendor unreachable after the retries): the session fails and its service order is cancelled.</summary>
    public static VendingEffects DoorOpenFailed(VendingSessionState s, RecordDoorOpenFailure c)
    {
        var effects = new VendingEffects();
        if (s.CommandId != c.CommandId || s.Status != VendingSessionStatus.Opening) return effects;
        effects.Append(VendingEventNames.Session(s.SessionNo), new Vending.DoorOpenFailed(s.SessionNo, c.CommandId, c.Kind, c.Code, c.Now));
        if (s.HasUsableServiceOrder) effects.Send(new PayScoreCancelOrder(s.PaymentNo!, null, "未产生消费"));
        return effects;
    }
}

/// <summary>Scheduled 30 minutes after the door opened: a session still without its order opens an ORDER_PUSH_MISSING task.</summary>
public sealed record CheckOrderPushMissing(string SessionNo);
