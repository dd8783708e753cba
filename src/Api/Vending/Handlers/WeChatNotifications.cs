using Cabinets.Api.Commands;
using Cabinets.Api.PersonalData;
using Cabinets.Api.Vending.Ports;
using Cabinets.Domain.Vending;
using Cabinets.Domain.Vending.ManualTasks;
using Cabinets.Domain.Vending.Orders;
using Cabinets.Domain.Vending.Users;
using Cabinets.Projections.Vending.Users;
using Marten;
using Wolverine;

namespace Cabinets.Api.Vending.Handlers;

/// <summary>
/// A verified WeChat notification as a command (§4.4 step 3). Each effect is idempotent on its own
/// (a paid payment is not paid twice, a settled refund not settled twice, an authorization not set
/// twice), so WeChat's resends change nothing; a reference we do not know opens a task.
/// </summary>
public sealed record RecordWeChatNotification(WeChatNotification Notification, DateTimeOffset Now);

internal sealed class WeChatNotifications(CommandSender commands, TimeProvider clock) : IWeChatNotificationHandler
{
    private static readonly CommandContext WeChat = new(new Actor("wechatpay", "system", "wechat-callback"));

    public async Task HandleAsync(WeChatNotification notification, CancellationToken ct)
    {
        var outcome = await commands.SendAsync(new RecordWeChatNotification(notification, clock.GetUtcNow()), WeChat, ct);
        if (outcome is not CommandOutcome.Accepted) throw new InvalidOperationException($"the notification was not recorded: {outcome.GetType().Name}");
    }
}

public static class RecordWeChatNotificationHandler
{
    public static async Task<CommandOutcome> Handle(RecordWeChatNotification command, IDocumentSession session, IMessageContext messages, PersonalDataVault vault, CancellationToken ct)
    {
        var now = command.Now;
        switch (command.Notification)
        {
            case PayScoreUserPaid paid when await VendingLookups.ReferenceAsync(session, paid.OutOrderNo, ct) is { OrderNo: { } orderNo }:
                return await OrderStream.DecideAsync(session, messages, orderNo, o => Charging.Paid(o, paid.OutOrderNo, paid.PaidAmount, paid.TransactionId, paid.PaidAt, now), ct);
            case RefundNotified refund when await VendingLookups.ReferenceAsync(session, refund.OutRefundNo, ct) is { OrderNo: { } orderNo }:
                var succeeded = refund.Kind == "REFUND.SUCCESS";
                var outcome = await OrderStream.DecideAsync(session, messages, orderNo, o => Corrections.RefundSettled(o, refund.OutRefundNo, succeeded, RefundMethod.Wechat,
                    refund.RefundId, refund.RefundStatus, $"WeChat: {refund.RefundStatus}", refund.SuccessTime ?? now, now), ct);
                if (!succeeded)
                    await messages.PublishAsync(new OpenManualTask($"T-{refund.OutRefundNo}", ManualTaskKind.WechatRefund, refund.OutRefundNo, orderNo, null, null, 1,
                        $"WeChat: {refund.RefundStatus}", false, null, null, now));
                return outcome;
            case PayScoreServiceOpened or PayScoreServiceClosed:
                var (openId, authorized, code) = command.Notification switch
                {
                    PayScoreServiceOpened o => (o.OpenId, true, (string?)o.AuthorizationCode),
                    PayScoreServiceClosed c => (c.OpenId, false, c.AuthorizationCode),
                    _ => throw new InvalidOperationException(),
                };
                var hash = await vault.SubjectOfAsync(Rest.AppLogin.OpenIdIdentifier(openId), ct);
                var user = await session.Query<VendingUserSnapshot>().Where(u => u.OpenIdHash == hash).FirstOrDefaultAsync(ct);
                if (user?.State is null) break;
                return await StreamDecisions.DecideAsync<VendingUserSnapshot, VendingUserCommand, VendingUserState?, object>(session, messages, user.Id,
                    VendingUserDecider.Instance, new SetPayScoreAuthorization(user.State.UserId, authorized, code, now), s => s.State, ct);
        }
        await messages.PublishAsync(new OpenManualTask($"T-notification-{command.Notification.Id}", ManualTaskKind.WechatUnmatchedNotification,
            command.Notification.EventType, null, null, null, 1, $"no order, refund or user matches notification {command.Notification.Id}", false, null, null, now));
        return new CommandOutcome.Accepted(null, 0);
    }
}
