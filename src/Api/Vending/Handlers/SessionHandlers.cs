using Cabinets.Api.Commands;
using Cabinets.Api.Vending.Outbound;
using Cabinets.Api.Vending.Ports;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.ManualTasks;
using Cabinets.Domain.Vending.Orders;
using Cabinets.Domain.Vending.Sessions;
using Cabinets.Projections.Vending.Orders;
using Cabinets.Projections.Vending.Sessions;
using Cabinets.Projections.Vending.Users;
using Marten;
using Wolverine;

namespace Cabinets.Api.Vending.Handlers;

/// <summary>`POST /api/app/sessions` (§2.3 step 5): the checks re-run in the transaction that starts the session.</summary>
public sealed record StartSession(string UserId, string QrCode, VendingPaymentType PaymentType, DateTimeOffset Now);

public static class StartSessionHandler
{
    public static async Task<CommandOutcome> Handle(StartSession command, IDocumentSession session, IMessageContext messages, VendingNumbers numbers,
        VendingSettings settings, CancellationToken ct)
    {
        var streams = new StreamSet(session);
        // The user's stream is loaded for writing, though nothing is appended to it: two scans of one user
        // are decided one after the other only through the session snapshot's unique start, below.
        var user = (await streams.LoadAsync<VendingUserSnapshot>(VendingEventNames.User(command.UserId), ct))?.State;
        if (user is null) return new CommandOutcome.Rejected(new Domain.Deciding.DomainError("NOT_FOUND", "no such user"));
        if (await VendingLookups.DeviceByQrAsync(session, command.QrCode, ct) is not { } found)
            return new CommandOutcome.Rejected(new Domain.Deciding.DomainError("unknown-qr-code", "no device has this QR code", "qrCode"));
        var context = new ScanContext(user, found.Device, found.Store, await VendingLookups.UnpaidOrderNosAsync(session, user.UserId, ct),
            await VendingLookups.LatestSessionAsync(session, user.UserId, ct), command.Now);
        var start = new StartVendingSession(await numbers.SessionAsync(ct), await numbers.PaymentAsync(ct), await numbers.CommandAsync(ct),
            command.PaymentType, settings.SessionTtl, context);
        return await streams.CommitAsync(VendingSessionDecider.Start(start), messages);
    }
}

/// <summary>`VendorOpenDoor` from the outbox (§2.3 step 7): the vendor opened the door, or refused (the session fails, its service order is cancelled).</summary>
public static class VendorOpenDoorHandler
{
    public static async Task Handle(VendorOpenDoor message, IVendorGateway vendor, IDocumentSession session, IMessageContext messages, TimeProvider clock, CancellationToken ct)
    {
        try
        {
            await AttemptAsync(message, vendor, session, messages, clock, ct);
        }
        catch (ExternalRejectedException e)
        {
            await FailAsync(new RecordDoorOpenFailure(message.SessionNo, message.CommandId, DoorOpenFailureKind.Rejected, e.Code, clock.GetUtcNow()), session, messages, ct);
        }
    }

    public static async Task AttemptAsync(VendorOpenDoor m, IVendorGateway vendor, IDocumentSession session, IMessageContext messages, TimeProvider clock, CancellationToken ct)
    {
        await vendor.OpenDoorAsync(new VendorOpenDoorRequest(m.CommandId, m.SessionNo, m.DeviceCode, m.StoreCode, m.PaymentType.ToString().ToUpperInvariant(),
            m.UserId, m.IssuedAt, m.ExpiresAt), ct);
        var streams = new StreamSet(session);
        var state = (await streams.LoadAsync<VendingSessionSnapshot>(VendingEventNames.Session(m.SessionNo), ct))?.State;
        if (state is not null) await streams.CommitAsync(VendingSessionDecider.DoorOpened(state, m.CommandId, clock.GetUtcNow()), messages);
    }

    public static async Task<CommandOutcome> FailAsync(RecordDoorOpenFailure command, IDocumentSession session, IMessageContext messages, CancellationToken ct)
    {
        var streams = new StreamSet(session);
        var state = (await streams.LoadAsync<VendingSessionSnapshot>(VendingEventNames.Session(command.SessionNo), ct))?.State;
        return state is null ? new CommandOutcome.Accepted(null, 0) : await streams.CommitAsync(VendingSessionDecider.DoorOpenFailed(state, command), messages);
    }
}

/// <summary>The open-door's failure rule after the last transport failure (its manual task is opened beside it).</summary>
public static class RecordDoorOpenFailureHandler
{
    public static Task<CommandOutcome> Handle(RecordDoorOpenFailure command, IDocumentSession session, IMessageContext messages, CancellationToken ct) =>
        VendorOpenDoorHandler.FailAsync(command, session, messages, ct);
}

/// <summary>
/// `PayScoreCreateOrder` from the outbox: a session's service order at scan (answered on the
/// session: open the door, or fail it) or an order's (answered on the order: complete it, or fail the payment).
/// </summary>
public static class PayScoreCreateOrderHandler
{
    public static async Task Handle(PayScoreCreateOrder message, IWeChatPayScore wechat, PersonalData.PersonalDataVault vault, IDocumentSession session,
        IMessageContext messages, VendingNumbers numbers, TimeProvider clock, CancellationToken ct)
    {
        try
        {
            await AttemptAsync(message, wechat, vault, session, messages, numbers, clock, ct);
        }
        catch (ExternalRejectedException e)
        {
            await AnswerAsync(new RecordPayScoreOrderRejection(message.PaymentNo, message.SessionNo, message.OrderNo, e.Code, e.Reason, clock.GetUtcNow()), false,
                session, messages, numbers, ct);
        }
    }

    public static async Task AttemptAsync(PayScoreCreateOrder m, IWeChatPayScore wechat, PersonalData.PersonalDataVault vault, IDocumentSession session,
        IMessageContext messages, VendingNumbers numbers, TimeProvider clock, CancellationToken ct)
    {
        var user = (await session.LoadAsync<VendingUserSnapshot>(VendingEventNames.User(m.UserId), ct))?.State;
        var openId = user is null ? "" : await vault.RevealAsync(user.SealedOpenId, ct) ?? "";
        var intro = m.StoreName.Length > 20 ? m.StoreName[..20] : m.StoreName;
        await wechat.CreateServiceOrderAsync(new CreateServiceOrderRequest(m.PaymentNo, openId, intro, m.RiskFundAmount, m.StartTime), ct);
        await AnswerAsync(new RecordPayScoreOrderRejection(m.PaymentNo, m.SessionNo, m.OrderNo, "", "", clock.GetUtcNow()), true, session, messages, numbers, ct);
    }

    /// <summary>The service order's answer applied to its session or order (<paramref name="created"/>: WeChat took it).</summary>
    public static async Task<CommandOutcome> AnswerAsync(RecordPayScoreOrderRejection answer, bool created, IDocumentSession session, IMessageContext messages,
        VendingNumbers numbers, CancellationToken ct)
    {
        var streams = new StreamSet(session);
        if (answer.OrderNo is { } orderNo)
        {
            var order = (await streams.LoadAsync<VendingOrderSnapshot>(VendingEventNames.Order(orderNo), ct))?.State;
            return order is null ? new CommandOutcome.Accepted(null, 0)
                : await streams.CommitAsync(Charging.ServiceOrderAnswered(order, new RecordOrderServiceOrder(orderNo, answer.PaymentNo, created, answer.Code, answer.Message, answer.Now)), messages);
        }
        var state = (await streams.LoadAsync<VendingSessionSnapshot>(VendingEventNames.Session(answer.SessionNo!), ct))?.State;
        return state is null ? new CommandOutcome.Accepted(null, 0)
            : await streams.CommitAsync(VendingSessionDecider.ServiceOrderAnswered(state,
                new RecordSessionServiceOrder(state.SessionNo, answer.PaymentNo, created, answer.Code, answer.Message, await numbers.CommandAsync(ct), answer.Now)), messages);
    }
}

public static class RecordPayScoreOrderRejectionHandler
{
    public static Task<CommandOutcome> Handle(RecordPayScoreOrderRejection command, IDocumentSession session, IMessageContext messages, VendingNumbers numbers, CancellationToken ct) =>
        PayScoreCreateOrderHandler.AnswerAsync(command, false, session, messages, numbers, ct);
}

/// <summary>30 minutes after the door opened without an order: a task for the admin (a late push resolves it).</summary>
public static class CheckOrderPushMissingHandler
{
    public static async Task Handle(CheckOrderPushMissing message, IDocumentSession session, IMessageContext messages, TimeProvider clock, CancellationToken ct)
    {
        var state = (await session.LoadAsync<VendingSessionSnapshot>(VendingEventNames.Session(message.SessionNo), ct))?.State;
        if (state is not { Status: VendingSessionStatus.Opened }) return;
        await messages.PublishAsync(new OpenManualTask(VendorPushes.PushMissingTaskId(state.SessionNo), ManualTaskKind.OrderPushMissing, state.SessionNo, null,
            state.DeviceCode, state.StoreCode, 0, "no order pushed 30 minutes after the door opened", false, null, null, clock.GetUtcNow()));
    }
}
